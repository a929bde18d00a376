import { isPalisadeError } from '../../../model/index.ts';
import type { ExtractInput } from '../../extractor.ts';
import { groupIdOf, type Lineage, resolveInTree } from './lineage.ts';
import { readPom } from './pom.ts';

/** Bounds the POMs read per extraction: one aggregator's modules, not a whole monorepo crawl. */
const MAX_MODULES = 64;

/**
 * The modules of the aggregators in the lineage (`<modules>` of the POM and its parents), by
 * groupId:artifactId: a dependency on one of them is built in this repository, not downloaded.
 */
export function reactorModules(lineage: Lineage, readFile: ExtractInput['readFile']): Map<string, string> {
  const modules = new Map<string, string>();
  let budget = MAX_MODULES;
  for (const aggregator of lineage.poms) {
    for (const module of aggregator.project.modules?.module ?? []) {
      if (module === undefined || budget-- <= 0) continue;
      const path = resolveInTree(aggregator.path, module.endsWith('.xml') ? module : `${module}/pom.xml`);
      const text = path === undefined ? undefined : readFile(path);
      const identity = path === undefined || text === undefined ? undefined : identityOf(path, text);
      if (path !== undefined && identity !== undefined) modules.set(identity, path);
    }
  }
  return modules;
}

/** A module's groupId:artifactId; a module that does not parse is simply not known as one. */
function identityOf(path: string, text: string): string | undefined {
  try {
    const pom = readPom(path, text);
    const groupId = groupIdOf(pom);
    return groupId && pom.project.artifactId ? `${groupId}:${pom.project.artifactId}` : undefined;
  } catch (error) {
    if (!isPalisadeError(error)) throw error;
    return undefined;
  }
}
