import type { OsvRecord } from '../model/index.ts';

/**
 * Groups records that describe one vulnerability: records are connected when one's id or aliases
 * meet another's (GHSA-x aliases CVE-y, PYSEC-z aliases CVE-y -> one group). Union-find over ids.
 */
export function groupByAlias(records: OsvRecord[]): OsvRecord[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(high, low);
  };
  for (const record of records) {
    for (const id of identifiers(record)) if (!parent.has(id)) parent.set(id, id);
    for (const alias of record.aliases ?? []) union(record.id, alias);
  }
  const groups = new Map<string, OsvRecord[]>();
  for (const record of records) {
    const root = find(record.id);
    const group = groups.get(root) ?? [];
    group.push(record);
    groups.set(root, group);
  }
  return [...groups.values()];
}

export function identifiers(record: OsvRecord): string[] {
  return [record.id, ...(record.aliases ?? [])];
}

/** Which id names a merged group: a malicious-package id first, then GHSA, then the CVE, then the rest. */
const PREFERENCE = [/^MAL-/, /^GHSA-/, /^CVE-/, /^(PYSEC|GO|RUSTSEC)-/];

export function primaryRecord(group: OsvRecord[]): OsvRecord {
  const rank = (r: OsvRecord): number => {
    const i = PREFERENCE.findIndex((p) => p.test(r.id));
    return i < 0 ? PREFERENCE.length : i;
  };
  return [...group].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1))[0]!;
}
