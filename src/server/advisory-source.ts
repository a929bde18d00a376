// Where the server's advisories come from, and how it notices they changed: the local advisory
// database (`palisade db update` keeps it fresh) or, in tests, anything that implements the lookup.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdvisoryLookup } from '../advisories/lookup.ts';
import { AdvisoryStore } from '../advisories/store/reader.ts';

export interface AdvisorySource {
  /** Names the advisory data now in use; a new name means new advisories. undefined: none yet. */
  generation(): string | undefined;
  /** The advisories of the current generation. */
  lookup(): AdvisoryLookup | undefined;
  close(): void;
}

/** The advisory database under `dir`, reopened when its CURRENT pointer moves to a new generation. */
export function advisoryDirectorySource(dir: string): AdvisorySource {
  let open: { generation: string; store: AdvisoryStore } | undefined;
  // The generation before the current one stays open a while: a match job may still be reading it.
  let previous: AdvisoryStore | undefined;
  const pointer = join(dir, 'CURRENT');
  const generation = () =>
    existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() || undefined : undefined;
  return {
    generation,
    lookup() {
      const current = generation();
      if (current === undefined) return undefined;
      if (open?.generation !== current) {
        const store = AdvisoryStore.open(dir);
        if (!store) return undefined;
        previous?.close();
        previous = open?.store;
        open = { generation: current, store };
      }
      return open.store;
    },
    close() {
      previous?.close();
      open?.store.close();
      previous = undefined;
      open = undefined;
    },
  };
}

/** A fixed set of advisories under a name of the caller's choosing (tests, embedding). */
export function staticAdvisorySource(name: string, lookup: AdvisoryLookup): AdvisorySource {
  return { generation: () => name, lookup: () => lookup, close: () => {} };
}
