import { z } from 'zod';
import type { Advisory, OsvAffected } from '../../model/index.ts';
import curatedJson from './symbols.json' with { type: 'json' };

const curatedSchema = z.object({
  wrappers: z.record(z.string(), z.array(z.string())),
  advisories: z.record(
    z.string(),
    z.object({ summary: z.string(), packages: z.record(z.string(), z.array(z.string())) }),
  ),
});

const curated = curatedSchema.parse(curatedJson);

/**
 * What in a package an advisory says is vulnerable: named exports (`template`; `default` is the
 * module called itself), or the whole package.
 */
export type VulnerableSymbols = { kind: 'package' } | { kind: 'exports'; names: string[]; source: string };

/**
 * The vulnerable exports of `packageName` per `advisory`: OSV `affected[].ecosystem_specific` /
 * `database_specific` `affected_functions` (GitHub's spelling: `lodash.template`,
 * `(lodash).defaultsDeep`, `(lodash.defaultsdeep)` for a whole package), Go-style
 * `ecosystem_specific.imports[].symbols`, and the curated table in symbols.json.
 * Undefined when nothing names them.
 */
export function vulnerableSymbols(
  advisory: Advisory | undefined,
  packageName: string,
): VulnerableSymbols | undefined {
  if (!advisory) return undefined;
  const names = new Set<string>();
  const sources = new Set<string>();
  for (const affected of advisory.osv.affected ?? []) {
    if (affected.package?.name.toLowerCase() !== packageName.toLowerCase()) continue;
    for (const entry of declaredFunctions(affected)) {
      const symbol = exportOf(entry, packageName);
      if (symbol === 'package') return { kind: 'package' };
      if (symbol !== undefined) {
        names.add(symbol);
        sources.add('the advisory');
      }
    }
  }
  for (const id of advisory.ids.length > 0 ? advisory.ids : [advisory.osv.id]) {
    for (const name of curated.advisories[id]?.packages[packageName] ?? []) {
      names.add(name);
      sources.add('the curated table');
    }
  }
  if (names.size === 0) return undefined;
  return { kind: 'exports', names: [...names].sort(), source: [...sources].join(' and ') };
}

/** Exports that hand out the whole API (`_(value)`, `_.chain`, `moment()`): any vulnerable method may follow. */
export function wrapperExports(packageName: string): readonly string[] {
  return curated.wrappers[packageName] ?? [];
}

function declaredFunctions(affected: OsvAffected): string[] {
  const found: string[] = [];
  for (const holder of [affected.ecosystem_specific, affected.database_specific]) {
    found.push(...strings(holder?.affected_functions));
    const imports = holder?.imports;
    if (Array.isArray(imports))
      for (const entry of imports) found.push(...strings((entry as { symbols?: unknown })?.symbols));
  }
  return found;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * One declared function as the export a caller names: `lodash.template` → `template` (for
 * lodash-es too, whose records reuse lodash's spelling), `(lodash).defaultsDeep` → `defaultsDeep`,
 * `minimatch.Minimatch.parse` → `Minimatch`, `minimatch` → `default`, `(lodash.defaultsdeep)` →
 * the whole package, `''` → nothing. Package names are lower case; a capitalised first segment
 * is a class.
 */
function exportOf(entry: string, packageName: string): string | 'package' | undefined {
  const trimmed = entry.trim();
  if (trimmed === '') return undefined;
  const grouped = /^\(([^)]+)\)(?:\.(.+))?$/.exec(trimmed);
  if (grouped) {
    if (grouped[1]!.toLowerCase() !== packageName.toLowerCase()) return undefined;
    return grouped[2] === undefined ? 'package' : firstSegment(grouped[2]);
  }
  if (trimmed === packageName) return 'default';
  const [head, ...rest] = trimmed.split('.');
  if (
    rest.length > 0 &&
    head !== undefined &&
    (packageName.startsWith(head) || head.startsWith(packageName))
  ) {
    return firstSegment(rest.join('.'));
  }
  return firstSegment(trimmed);
}

function firstSegment(path: string): string | undefined {
  const first = path.split('.')[0];
  return first === undefined || first === '' ? undefined : first;
}
