// Test helpers shared by the IaC input tests (not part of the published build).

import assert from 'node:assert/strict';
import { PalisadeError } from '../model/index.ts';
import { loadBuiltinSet } from '../policy/index.ts';
import { evaluateIacResources } from './evaluate.ts';
import { IAC_INPUTS } from './registry.ts';
import type { IacResource } from './resource.ts';

/** Asserts that `run` fails as a user-caused error must: a one-line PalisadeError('input') naming `path`. */
export function assertInputError(run: () => unknown, path: string): PalisadeError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  return checkInputError(caught, path);
}

/** The same for an async parse. */
export async function assertInputErrorAsync(
  run: () => Promise<unknown>,
  path: string,
): Promise<PalisadeError> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  return checkInputError(caught, path);
}

function checkInputError(caught: unknown, path: string): PalisadeError {
  assert.ok(caught instanceof PalisadeError, `expected a PalisadeError for ${path}, got ${String(caught)}`);
  assert.equal(caught.code, 'input');
  assert.ok(caught.message.startsWith(`${path}:`), `message should start with the file: ${caught.message}`);
  assert.ok(!caught.message.includes('\n'), `message should be one line: ${caught.message}`);
  assert.ok(caught.message.length < 400, `message should be short: ${caught.message.slice(0, 100)}…`);
  return caught;
}

export interface Outcome {
  policy: string;
  /** The decision: deny in enforce mode, warn in audit mode. */
  verdict: string | undefined;
  path: string;
  line: number;
  message: string;
}

/** What a built-in set says about IaC files (path → text): one outcome per finding. */
export async function builtinOutcomes(set: string, files: Record<string, string>): Promise<Outcome[]> {
  const resources: IacResource[] = [];
  for (const [path, text] of Object.entries(files)) {
    const input = IAC_INPUTS.find((i) => i.matches(path));
    assert.ok(input, `no IaC input reads ${path}`);
    resources.push(...(await input.parse(path, text)).resources);
  }
  const evaluation = evaluateIacResources(resources, loadBuiltinSet(set));
  assert.deepEqual(evaluation.errors, []);
  return evaluation.findings.map((f) => {
    const decision = evaluation.decisions.find(
      (d) => d.policy === f.ruleId && f.evidence.startsWith(`${d.subject}: `),
    );
    const subject = decision?.subject ?? '';
    return {
      policy: f.ruleId,
      verdict: decision?.verdict,
      path: f.location.path,
      line: f.location.line,
      message: f.evidence.slice(subject.length + 2),
    };
  });
}

/** The outcomes of one policy as `verdict line: message`. */
export function outcomesOf(policy: string, outcomes: readonly Outcome[]): string[] {
  return outcomes.filter((o) => o.policy === policy).map((o) => `${o.verdict} ${o.line}: ${o.message}`);
}
