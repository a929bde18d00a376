// A scanning thread of scanWorkingTree: compiles the ruleset once, then scans each batch of
// paths it is sent and answers with what is worth reporting.
import { parentPort, workerData } from 'node:worker_threads';
import { buildRuleset } from '../ruleset.ts';
import type { SecretMatch } from '../types.ts';
import { scanBatch, type WorkerSetup } from './worktree.ts';

const setup = workerData as WorkerSetup;
const ruleset = buildRuleset(setup.rules);
const port = parentPort!;

port.on('message', (paths: string[]) => {
  const secrets: [SecretMatch, string][] = [];
  const onSecret = setup.wantSecrets
    ? (match: SecretMatch, secret: string) => {
        secrets.push([match, secret]);
      }
    : undefined;
  const reply = scanBatch(setup, ruleset, paths, onSecret);
  port.postMessage({ ...reply, secrets });
});
