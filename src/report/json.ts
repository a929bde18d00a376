import type { ScanResult } from '../model/index.ts';

/** The public JSON contract: one object, keys in a fixed order, stable across runs. */
export function writeJson(result: ScanResult): string {
  const { schemaVersion, target, components, findings, decisions, coverage, projects } = result;
  return `${JSON.stringify({ schemaVersion, target, components, findings, decisions, coverage, projects }, null, 2)}\n`;
}
