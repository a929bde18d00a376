import type { Command } from 'commander';
import type { StoreManifest } from '../../advisories/store/layout.ts';
import type { Config } from '../../config/schema.ts';
import { PalisadeError } from '../../model/index.ts';
import { columns } from '../../report/table.ts';
import type { RunState } from '../exit-codes.ts';
import { resolveOption } from '../options.ts';
import { emit } from '../output.ts';
import { configFor, type Formats, pickFormat, withOptions } from './common.ts';
import { databaseDir, fetchOptions } from './database.ts';

const STATUS_FORMATS: Formats = ['table', 'json'];
/** `--format` by flag only: PALISADE_FORMAT and palisade.yaml `format` are for scan reports. */
const STATUS_REPORT = { formats: STATUS_FORMATS, formatFromFlag: true } as const;

export function registerDb(program: Command, _run: RunState): void {
  const db = program
    .command('db')
    .description('the local advisory database (OSV, EPSS, KEV) that scans use offline');

  withOptions(
    db.command('update').description('download or refresh advisories, EPSS scores and the KEV catalog'),
    ['ecosystems', 'cacheDir', 'osvExportUrl', 'epssUrl', 'kevUrl', 'offline', 'quiet', 'format', 'output'],
    STATUS_REPORT,
  ).action(async (flags: Record<string, unknown>) => {
    const config = configFor('.', flags);
    const quiet = resolveOption('quiet', flags, config);
    const { updateDatabase } = await import('../../advisories/db.ts');
    const manifest = await updateDatabase(databaseDir(flags, config), {
      ecosystems: resolveOption('ecosystems', flags, config),
      osvUrl: resolveOption('osvExportUrl', flags, config),
      epssUrl: resolveOption('epssUrl', flags, config),
      kevUrl: resolveOption('kevUrl', flags, config),
      fetch: fetchOptions(flags, config),
      onProgress: ({ detail }) => warnProgress(detail, quiet),
    });
    printStatus(manifest, databaseDir(flags, config), flags, config);
  });

  withOptions(
    db
      .command('import')
      .description(
        'import an OSV all.zip or a directory of OSV records (with optional KEV/EPSS files), for air-gapped installs',
      )
      .argument('<path>'),
    ['cacheDir', 'quiet', 'format', 'output'],
    STATUS_REPORT,
  ).action(async (path: string, flags: Record<string, unknown>) => {
    const config = configFor('.', flags);
    const { importDatabase } = await import('../../advisories/db.ts');
    const manifest = await importDatabase(databaseDir(flags, config), path);
    printStatus(manifest, databaseDir(flags, config), flags, config);
  });

  withOptions(
    db.command('status').description('what the local database holds and how fresh it is'),
    ['cacheDir', 'format', 'output'],
    STATUS_REPORT,
  ).action(async (flags: Record<string, unknown>) => {
    const config = configFor('.', flags);
    const dir = databaseDir(flags, config);
    const { AdvisoryStore } = await import('../../advisories/store/reader.ts');
    const store = AdvisoryStore.open(dir);
    if (!store)
      throw new PalisadeError(
        'usage',
        `${dir}: no advisory database yet; run \`palisade db update\` or \`palisade db import <path>\``,
      );
    store.close();
    printStatus(store.manifest, dir, flags, config);
  });
}

/** One line per finished step, for a person at a terminal; nothing in pipelines or with --quiet. */
function warnProgress(detail: string, quiet: boolean): void {
  if (process.stderr.isTTY && !quiet) process.stderr.write(`palisade: ${detail}\n`);
}

function printStatus(
  manifest: StoreManifest,
  dir: string,
  flags: Record<string, unknown>,
  config: Config,
): void {
  const format = pickFormat(flags, config, STATUS_FORMATS, true);
  if (format === 'json') {
    emit(`${JSON.stringify({ path: dir, ...manifest }, null, 2)}\n`, resolveOption('output', flags, config));
    return;
  }
  const rows = Object.entries(manifest.ecosystems).map(([ecosystem, e]) => [
    ecosystem,
    String(e.count),
    e.lastModified.startsWith('0001-') ? '' : e.lastModified.slice(0, 10),
    e.updatedAt.slice(0, 10),
    e.source,
  ]);
  const lines = [
    `Advisory database at ${dir} (built ${manifest.createdAt})`,
    ...columns(['ECOSYSTEM', 'ADVISORIES', 'NEWEST', 'UPDATED', 'SOURCE'], rows),
    `EPSS: ${manifest.epss ? `${manifest.epss.count} scores of ${manifest.epss.date}` : 'none'}`,
    `KEV: ${manifest.kev ? `${manifest.kev.count} entries, catalog ${manifest.kev.version}` : 'none'}`,
  ];
  emit(`${lines.join('\n')}\n`, resolveOption('output', flags, config));
}
