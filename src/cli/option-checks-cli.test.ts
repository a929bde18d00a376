// End-to-end: arguments that can be refused before any work are refused before it, by every
// command, with exit 2 and one line (no scan, no triage warnings, no partial output).
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertOneLineError, example, palisade, root } from './testing.ts';

const CASES: [string[], RegExp][] = [
  [
    ['scan', example, '--offline', '--format', 'spdx'],
    /^palisade: --format spdx does not apply here; use one of table, json, sarif, markdown, junit/,
  ],
  [['scan', example, '--offline', '--fail-on-risk', '200'], /^palisade: --fail-on-risk: /],
  [['scan', example, '--offline', '--fail-on', 'urgent'], /^palisade: --fail-on: /],
  [['scan', example, '--upload', 'http://127.0.0.1:9'], /^palisade: --project is required for an upload$/],
  [['scan', example, '--verify', '--offline'], /^palisade: --verify asks the providers over the network/],
  [['secrets', example, '--format', 'cyclonedx'], /^palisade: --format cyclonedx does not apply here/],
  [['secrets', example, '--since', 'main'], /^palisade: --since limits a --history scan/],
  [
    ['inventory', example, '--format', 'junit'],
    /^palisade: --format junit does not apply here; use one of table, json$/,
  ],
  [
    ['sbom', example, '--format', 'table'],
    /^palisade: --format table does not apply here; use one of cyclonedx/,
  ],
  [
    ['db', 'status', '--format', 'sarif'],
    /^palisade: --format sarif does not apply here; use one of table, json$/,
  ],
  [
    ['policy', 'lint', join(root, 'src/policy/testdata'), '--format', 'sarif'],
    /^palisade: --format sarif does not apply here/,
  ],
  [
    ['policy', 'test', join(root, 'src/policy/testdata/tests'), '--format', 'markdown'],
    /^palisade: --format markdown does not apply here/,
  ],
  [
    ['policy', 'eval', join(example, 'deploy'), '--format', 'json'],
    /^palisade: name the policies with --policy/,
  ],
  [
    ['policy', 'export', '--to', 'gatekeeper', 'builtin:pss-baseline'],
    /^palisade: --to gatekeeper: the only export target is vap$/,
  ],
];

describe('option checks before any work', () => {
  for (const [args, message] of CASES) {
    it(args.filter((a) => !a.startsWith('/')).join(' '), () => assertOneLineError(palisade(args), message));
  }

  it('the format named by PALISADE_FORMAT is for reports: db status keeps its table', () => {
    // An empty cache: the command gets as far as looking for the database, past the format.
    assertOneLineError(palisade(['db', 'status'], { PALISADE_FORMAT: 'sarif' }), /no advisory database yet/);
  });
});
