import { PalisadeError, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { type JsonWithLines, parseJsonWithLines } from '../../json.ts';
import { type LockedPackage, packagesLock } from './schema.ts';

const REGENERATE = 'regenerate it with `dotnet restore --force-evaluate`';
/** Every .NET test project references the test SDK; nothing it restores ships. */
const TEST_SDK = 'microsoft.net.test.sdk';

/**
 * packages.lock.json: the packages of every target framework merged into one set, Direct ones
 * direct, edges from each package's `dependencies` to the version resolved in the same framework.
 * `Project` entries are other projects of the solution (their own lockfiles report their packages).
 */
export function extractPackagesLock(input: ExtractInput): ExtractResult {
  const json = parseJson(input.path, input.contents);
  const parsed = packagesLock.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map(String);
    const where = path.length > 0 ? `"${path.join('.').slice(0, 120)}": ` : '';
    throw new PalisadeError(
      'input',
      `${input.path}:${json.lineOf(path.slice(0, 3))}: not a NuGet lock file (${where}${issue?.message ?? 'unexpected shape'}); ${REGENERATE}`,
    );
  }
  const frameworks = Object.entries(parsed.data.dependencies);
  const scope: Scope = frameworks.some(([, packages]) => isTestProject(packages)) ? 'dev' : 'prod';
  const collector = new ComponentCollector('NuGet', input.path);
  for (const [framework, packages] of frameworks) {
    const byId = new Map(Object.entries(packages).map(([id, entry]) => [id.toLowerCase(), { id, entry }]));
    // Each package is added once per framework, when first met as an entry or as a dependency.
    const purls = new Map<string, string | undefined>();
    const purlOf = (id: string): string | undefined => {
      const key = id.toLowerCase();
      if (purls.has(key)) return purls.get(key);
      const found = byId.get(key);
      const purl =
        !found || found.entry.type === 'Project' || !found.entry.resolved
          ? undefined
          : collector.add({
              name: found.id,
              version: found.entry.resolved,
              scope,
              direct: found.entry.type === 'Direct',
              line: json.lineOf(['dependencies', framework, found.id]),
            });
      purls.set(key, purl);
      return purl;
    };
    for (const [id, entry] of Object.entries(packages)) {
      if (entry.type === 'Project') continue;
      const from = purlOf(id);
      if (from === undefined) {
        collector.unresolvedEntry(
          id,
          json.lineOf(['dependencies', framework, id]),
          `no resolved version for ${framework}`,
        );
        continue;
      }
      for (const dependency of Object.keys(entry.dependencies ?? {})) {
        const to = purlOf(dependency);
        if (to !== undefined) collector.addEdge(from, to);
      }
    }
  }
  return collector.result();
}

function parseJson(path: string, text: string): JsonWithLines {
  return parseJsonWithLines(path, text, 3);
}

function isTestProject(packages: Record<string, LockedPackage>): boolean {
  return Object.entries(packages).some(
    ([id, entry]) => id.toLowerCase() === TEST_SDK && entry.type === 'Direct',
  );
}
