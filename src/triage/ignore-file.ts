import { existsSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { z } from 'zod';
import { parseYamlFile } from '../config/yaml.ts';
import { type Finding, PalisadeError } from '../model/index.ts';

export const IGNORE_FILE = '.palisade-ignore.yaml';

const isoDate = z.union([
  z.date(),
  z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date like 2026-12-31'),
]);

const entrySchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    purl: z.string().startsWith('pkg:').optional(),
    path: z.string().min(1).optional(),
    reason: z.string().min(1, 'give the reason the finding is accepted'),
    owner: z.string().min(1, 'name who owns this decision'),
    expires: isoDate,
  })
  .refine((e) => e.id !== undefined || e.purl !== undefined || e.path !== undefined, {
    message: 'an entry needs at least one of id, purl or path',
  });

const ignoreFileSchema = z.strictObject({ ignore: z.array(entrySchema).default([]) }).nullable();

export interface IgnoreEntry {
  id?: string;
  purl?: string;
  path?: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD; the entry suppresses through that day. */
  expires: string;
}

export function parseIgnoreFile(path: string, text: string): IgnoreEntry[] {
  const parsed = parseYamlFile(path, text, ignoreFileSchema);
  return (parsed?.ignore ?? []).map((e) => {
    const entry: IgnoreEntry = {
      reason: e.reason,
      owner: e.owner,
      expires: e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires.slice(0, 10),
    };
    if (e.id) entry.id = e.id;
    if (e.purl) entry.purl = e.purl;
    if (e.path) entry.path = e.path;
    return entry;
  });
}

/** Reads an ignore file; absent is empty unless the user named it explicitly. */
export function loadIgnoreFile(path: string, explicit: boolean): IgnoreEntry[] {
  if (!existsSync(path)) {
    if (explicit) throw new PalisadeError('usage', `${path}: no such ignore file`);
    return [];
  }
  return parseIgnoreFile(path, readFileSync(path, 'utf8'));
}

/** Whether an entry names this finding: every field it gives must match. */
export function entryMatches(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.id !== undefined) {
    const ids = finding.advisory?.ids ?? [finding.ruleId];
    if (!ids.includes(entry.id) && finding.ruleId !== entry.id) return false;
  }
  if (entry.purl !== undefined && !purlMatches(entry.purl, finding.component?.purl)) return false;
  if (entry.path !== undefined && !picomatch.isMatch(finding.location.path, entry.path, { dot: true }))
    return false;
  return true;
}

/** A purl without a version names every version of the package. */
export function purlMatches(pattern: string, purl: string | undefined): boolean {
  if (!purl) return false;
  if (pattern === purl) return true;
  const withoutVersion = (p: string): string => p.replace(/[?#].*$/, '').replace(/@[^/@]*$/, '');
  return (
    !pattern.replace(/[?#].*$/, '').includes('@', pattern.indexOf('/')) && withoutVersion(purl) === pattern
  );
}
