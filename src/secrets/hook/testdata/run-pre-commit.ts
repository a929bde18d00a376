// Stands in for `palisade hook pre-commit` in the hook tests (the CLI wires the same call):
// git runs the installed hook, the hook runs this, and its exit code decides the commit.
import { loadBaseline } from '../../baseline.ts';
import { buildRuleset } from '../../ruleset.ts';
import { runPreCommit } from '../pre-commit.ts';

const baselinePath = process.argv[2];
const result = await runPreCommit(
  process.cwd(),
  buildRuleset(),
  baselinePath ? { baseline: loadBaseline(baselinePath) } : {},
);
process.stderr.write(result.message);
process.exitCode = result.exitCode;
