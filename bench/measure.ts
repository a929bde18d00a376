import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const here = import.meta.dirname;

export interface Measurement {
  wallMs: number;
  /** User + system CPU time: what the work costs, whatever else the machine is doing. */
  cpuMs: number;
  maxRssMiB: number;
  stdout: string;
}

/** Runs a command under Node 22 with the rusage hook; wall time from spawn to exit, peak RSS. */
export function measureNode(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Measurement {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', join(here, 'rusage.mjs'), ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    maxBuffer: 512 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const line = result.stderr.trim().split('\n').pop() ?? '{}';
  const { benchMaxRssKiB, benchCpuMs } = JSON.parse(line) as { benchMaxRssKiB: number; benchCpuMs: number };
  return { wallMs, cpuMs: benchCpuMs, maxRssMiB: benchMaxRssKiB / 1024, stdout: result.stdout };
}

/** Wall time of any command (no RSS): for tools that are not Node scripts we can preload. */
export function measureCommand(command: string, args: string[], cwd?: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
