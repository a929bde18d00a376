// Worker for redos.test.ts: checks a batch of patterns with redos-detector in a fresh heap (the
// detector's memory grows with every pattern it explores). Not part of the published build.
import { parentPort, workerData } from 'node:worker_threads';
import { isSafe } from 'redos-detector';

export interface RedosJob {
  id: string;
  source: string;
  flags: string;
}

export interface RedosResult extends RedosJob {
  safe: boolean;
  error: string | null;
  score: number | 'infinite';
  trail: string[];
  ms: number;
}

const jobs = workerData as RedosJob[];
const results: RedosResult[] = jobs.map((job) => {
  const started = performance.now();
  // Anchored: the engine runs the pattern from each start position; what matters is how much
  // backtracking one start can cost (see redos.test.ts for why that bounds the whole scan).
  const regex = new RegExp(`^(?:${job.source})`, job.flags);
  // The default step budget (20,000) is too small for the assignment rules' name alternatives.
  const result = isSafe(regex, { timeout: 120_000, maxSteps: 400_000 });
  return {
    ...job,
    safe: result.safe,
    error: result.error,
    score: result.score.infinite ? 'infinite' : result.score.value,
    trail: (result.trails[0]?.trail ?? []).slice(-4).map((e) => `${e.a.node.source} | ${e.b.node.source}`),
    ms: Math.round(performance.now() - started),
  };
});
parentPort?.postMessage(results);
