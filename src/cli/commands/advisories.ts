import { homedir } from 'node:os';
import { join } from 'node:path';
import { CompositeLookup } from '../../advisories/composite.ts';
import type { AdvisoryLookup } from '../../advisories/lookup.ts';
import { queryNpmBulk } from '../../advisories/sources/npm-bulk.ts';
import { loadNpmConfig } from '../../advisories/sources/npmrc.ts';
import { queryOsvApi } from '../../advisories/sources/osv-api.ts';
import { AdvisoryStore } from '../../advisories/store/reader.ts';
import type { Config } from '../../config/schema.ts';
import { type Component, PalisadeError } from '../../model/index.ts';
import { resolveOption } from '../options.ts';
import { databaseDir, fetchOptions } from './database.ts';

/** A database older than this is still used, with a warning: advisories appear daily. */
const STALE_DAYS = 7;

/**
 * Picks where advisories come from: the local database when there is one, the OSV API otherwise
 * (refused offline), plus the npm registry's bulk endpoint when asked for.
 */
export function advisorySource(
  dir: string,
  flags: Record<string, unknown>,
  config: Config,
  warn: (message: string) => void,
): (components: Component[]) => Promise<AdvisoryLookup> {
  return async (components) => {
    const fetch = fetchOptions(flags, config);
    const sources: AdvisoryLookup[] = [];
    const store = AdvisoryStore.open(databaseDir(flags, config));
    if (store) {
      const age = (Date.now() - Date.parse(store.manifest.createdAt)) / 86_400_000;
      if (age > STALE_DAYS)
        warn(`the advisory database is ${Math.floor(age)} days old; run \`palisade db update\``);
      sources.push(store);
    } else if (fetch.offline) {
      throw new PalisadeError(
        'usage',
        'no local advisory database and --offline forbids the OSV API; run `palisade db update` or `palisade db import <all.zip|dir>` first',
      );
    } else {
      sources.push(
        await queryOsvApi(components, { baseUrl: resolveOption('osvApiUrl', flags, config), fetch }),
      );
    }
    if (resolveOption('npmAudit', flags, config) && !fetch.offline) {
      const npmrc = loadNpmConfig([join(dir, '.npmrc'), join(homedir(), '.npmrc')], process.env);
      sources.push(await queryNpmBulk(components, { npmrc, fetch }));
    }
    return sources.length === 1 ? sources[0]! : new CompositeLookup(sources);
  };
}
