import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { type GoReplace, type GoRequire, parseGoMod } from './gomod.ts';

/** A version Go can compare: canonical semver with the `v` OSV and purl keep (pseudo-versions included). */
const PINNED = /^v\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

/**
 * go.mod lists every module of the build (since Go 1.17, indirect ones marked `// indirect`), so
 * each requirement is a component; go.sum only adds hashes. `replace` substitutes the module that
 * is actually built, `exclude` removes versions. go.mod carries no graph: there are no edges.
 */
export function extractGoMod({ path, contents }: ExtractInput): ExtractResult {
  const mod = parseGoMod(path, contents);
  const collector = new ComponentCollector('Go', path);
  const excluded = new Map(mod.exclude.map((e) => [`${e.path}@${e.version}`, e.line]));
  const replacements = indexReplacements(mod.replace);

  for (const req of mod.require) {
    const excludedOn = excluded.get(`${req.path}@${req.version}`);
    if (excludedOn !== undefined) {
      collector.unresolvedEntry(req.path, req.line, `${req.version} is excluded on line ${excludedOn}`);
      continue;
    }
    const replace = replacements.get(`${req.path}@${req.version}`) ?? replacements.get(req.path);
    collector.add(replace ? replacedEntry(req, replace) : requiredEntry(req));
  }
  return collector.result({ name: mod.module.path });
}

/** Keys `path@version` for version-specific replacements and `path` for the others: specific wins. */
function indexReplacements(replaces: GoReplace[]): Map<string, GoReplace> {
  const index = new Map<string, GoReplace>();
  for (const r of replaces)
    index.set(r.oldVersion === undefined ? r.oldPath : `${r.oldPath}@${r.oldVersion}`, r);
  return index;
}

function requiredEntry(req: GoRequire) {
  return {
    name: req.path,
    version: PINNED.test(req.version) ? req.version : undefined,
    direct: !req.indirect,
    line: req.line,
  };
}

/** The replacement is what gets built, so it is the component, located at the replace line. */
function replacedEntry(req: GoRequire, replace: GoReplace) {
  if (replace.newVersion === undefined) {
    return {
      name: req.path,
      direct: !req.indirect,
      line: replace.line,
      source: { type: 'path' as const, path: replace.newPath, link: true },
    };
  }
  return {
    name: replace.newPath,
    version: PINNED.test(replace.newVersion) ? replace.newVersion : undefined,
    direct: !req.indirect,
    line: replace.line,
  };
}
