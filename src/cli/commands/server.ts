import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { PalisadeError } from '../../model/index.ts';
import type { RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { configFor, withOptions } from './common.ts';
import { databaseDir } from './database.ts';

/** `$XDG_DATA_HOME/palisade/server`, else `~/.local/share/palisade/server`. */
function defaultDataDir(): string {
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local/share'), 'palisade/server');
}

/** `palisade server` and `palisade upload`: history, metrics and the dashboard's API. */
export function registerServer(program: Command, _run: RunState): void {
  withOptions(
    program
      .command('server')
      .description('run the Palisade server: uploads, finding history, continuous monitoring, metrics')
      .option('--port <port>', 'port to listen on', process.env.PALISADE_PORT ?? '8080')
      .option(
        '--host <host>',
        'address to bind (0.0.0.0 in a container)',
        process.env.PALISADE_HOST ?? '127.0.0.1',
      )
      .option('--data-dir <dir>', 'embedded PGlite data directory', process.env.PALISADE_DATA_DIR)
      .option(
        '--database-url <url>',
        'PostgreSQL instead of PGlite (postgres://…)',
        process.env.PALISADE_DATABASE_URL,
      )
      .option(
        '--webhook-url <url>',
        'POST new findings here (generic JSON)',
        process.env.PALISADE_WEBHOOK_URL,
      )
      .option('--slack-url <url>', 'Slack incoming webhook for new findings', process.env.PALISADE_SLACK_URL),
    ['cacheDir', 'dashboardDir'],
  ).action(async (flags: Record<string, unknown>) => {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new PalisadeError('usage', `--port ${String(flags.port)}: not a port number`);
    const { startServer } = await import('../../server/index.ts');
    const config = configFor('.', flags);
    const targets = [
      ...(typeof flags.webhookUrl === 'string'
        ? [{ name: 'webhook', url: flags.webhookUrl, format: 'generic' as const }]
        : []),
      ...(typeof flags.slackUrl === 'string'
        ? [{ name: 'slack', url: flags.slackUrl, format: 'slack' as const }]
        : []),
    ];
    await startServer({
      port,
      host: String(flags.host),
      ...(typeof flags.databaseUrl === 'string'
        ? { databaseUrl: flags.databaseUrl }
        : { dataDir: typeof flags.dataDir === 'string' ? flags.dataDir : defaultDataDir() }),
      ...(process.env.PALISADE_ADMIN_TOKEN ? { adminToken: process.env.PALISADE_ADMIN_TOKEN } : {}),
      advisories: databaseDir(flags, config),
      ...(targets.length > 0 ? { notify: { targets } } : {}),
      dashboardDir: resolveOption('dashboardDir', flags, config),
      handleSignals: true,
    });
  });

  const upload = program
    .command('upload')
    .description('send SBOMs, scan results and events to a Palisade server');
  for (const kind of ['sbom', 'results'] as const) {
    upload
      .command(kind)
      .description(
        kind === 'sbom'
          ? 'upload a CycloneDX or SPDX JSON SBOM'
          : 'upload a `palisade scan --format json` result',
      )
      .argument('<file>')
      .requiredOption('--server <url>', 'server URL', process.env.PALISADE_SERVER)
      .requiredOption('--project <name>', 'project name')
      .option('--branch <name>', 'branch', 'main')
      .option('--environment <env>', 'ci, staging or prod', 'ci')
      .option('--commit <sha>', 'commit the document describes')
      .action(async (file: string, flags: Record<string, string | undefined>) => {
        const { uploadDocument } = await import('../../server/index.ts');
        let document: Buffer;
        try {
          document = readFileSync(file);
        } catch {
          throw new PalisadeError('usage', `${file}: cannot read the file to upload`);
        }
        const receipt = await uploadDocument(serverTarget(flags.server), document, uploadMeta(flags));
        process.stdout.write(`${JSON.stringify(receipt)}\n`);
      });
  }
  upload
    .command('event')
    .description('record a deployment, rollback, failure, incident, policy change or drift event')
    .argument('<file>', 'a JSON event or array of events (see /openapi.json)')
    .requiredOption('--server <url>', 'server URL', process.env.PALISADE_SERVER)
    .action(async (file: string, flags: Record<string, string | undefined>) => {
      const { sendEvents } = await import('../../server/index.ts');
      let events: unknown;
      try {
        events = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        throw new PalisadeError('usage', `${file}: not a readable JSON event file`);
      }
      const list = (Array.isArray(events) ? events : [events]) as Parameters<typeof sendEvents>[1];
      process.stdout.write(`${JSON.stringify(await sendEvents(serverTarget(flags.server), list))}\n`);
    });
}

/** The server and token for uploads: the token only from PALISADE_TOKEN, never a flag (shell history). */
export function serverTarget(url: string | undefined): { url: string; token: string } {
  const token = process.env.PALISADE_TOKEN;
  if (!url) throw new PalisadeError('usage', 'no server URL; pass --server or set PALISADE_SERVER');
  if (!token)
    throw new PalisadeError('usage', 'PALISADE_TOKEN is not set; create an uploader token on the server');
  return { url, token };
}

export function uploadMeta(flags: Record<string, string | undefined>): {
  project: string;
  branch?: string;
  environment?: string;
  commit?: string;
} {
  if (!flags.project) throw new PalisadeError('usage', '--project is required for an upload');
  return {
    project: flags.project,
    ...(flags.branch ? { branch: flags.branch } : {}),
    ...(flags.environment ? { environment: flags.environment } : {}),
    ...(flags.commit ? { commit: flags.commit } : {}),
  };
}
