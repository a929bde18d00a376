import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeError, PalisadeError } from '../model/index.ts';

/**
 * The fingerprints of a previous report (`palisade secrets --format json`): findings already
 * known and accepted, which a run with `--baseline` reports but does not fail on. Fingerprints
 * hash the rule, path and secret, so a baseline survives line moves and holds no secret.
 */
export interface Baseline {
  path: string;
  fingerprints: ReadonlySet<string>;
}

const reportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  findings: z.array(z.looseObject({ fingerprint: z.string().min(1) })),
});

const HOW = 'write one with `palisade secrets --format json --output <file>`';

export function loadBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PalisadeError('input', `${path}: cannot read the baseline (${describeError(error)}); ${HOW}`, {
      cause: error,
    });
  }
  return parseBaseline(path, text);
}

export function parseBaseline(path: string, text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PalisadeError('input', `${path}: the baseline is not JSON (${describeError(error)}); ${HOW}`, {
      cause: error,
    });
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new PalisadeError(
      'input',
      `${path}: not a palisade JSON report (${where}${issue?.message ?? 'unexpected shape'}); ${HOW}`,
    );
  }
  return { path, fingerprints: new Set(parsed.data.findings.map((f) => f.fingerprint)) };
}

/** Splits findings (or secret matches) into those new since the baseline and those in it. */
export function applyBaseline<T extends { fingerprint: string }>(
  items: readonly T[],
  baseline: Baseline,
): { fresh: T[]; known: T[] } {
  const fresh: T[] = [];
  const known: T[] = [];
  for (const item of items) (baseline.fingerprints.has(item.fingerprint) ? known : fresh).push(item);
  return { fresh, known };
}
