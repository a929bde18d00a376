import type { Ecosystem, OsvRecord } from '../../model/index.ts';
import { FetchError, type FetchOptions, fetchWithRetry } from '../http.ts';
import { parseOsvRecord, readOsvZip } from '../osv-archive.ts';

export { DEFAULT_OSV_EXPORT_URL } from '../defaults.ts';

/** Above this many changed records an incremental refresh costs more than the full archive. */
const INCREMENTAL_LIMIT = 200;

/** Downloads `<base>/<ECOSYSTEM>/all.zip` and streams its records to `onRecord`. */
export async function downloadEcosystem(
  baseUrl: string,
  ecosystem: Ecosystem,
  fetchOptions: FetchOptions,
  onRecord: (record: OsvRecord) => void,
): Promise<number> {
  const url = `${baseUrl}/${encodeURIComponent(ecosystem)}/all.zip`;
  const { body } = await fetchWithRetry(url, fetchOptions);
  return readOsvZip(body, url, onRecord);
}

/**
 * The ids modified after `since`, from `<base>/<ECOSYSTEM>/modified_id.csv` (lines
 * `modified,id`, newest first), or undefined when too many changed for an incremental refresh.
 */
/** Sources that zero `modified` (the Go export here) give no starting point. */
const UNKNOWN_MODIFIED = '0001-01-01T00:00:00Z';

export async function changedSince(
  baseUrl: string,
  ecosystem: Ecosystem,
  since: string,
  fetchOptions: FetchOptions,
): Promise<string[] | undefined> {
  if (since <= UNKNOWN_MODIFIED) return undefined;
  const url = `${baseUrl}/${encodeURIComponent(ecosystem)}/modified_id.csv`;
  let body: Buffer;
  try {
    ({ body } = await fetchWithRetry(url, fetchOptions));
  } catch (error) {
    // A mirror may carry only the archives: without the listing, refresh in full.
    if (error instanceof FetchError && error.status === 404) return undefined;
    throw error;
  }
  const ids: string[] = [];
  for (const line of body.toString('utf8').split('\n')) {
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    if (line.slice(0, comma) <= since) break;
    ids.push(line.slice(comma + 1).trim());
    if (ids.length > INCREMENTAL_LIMIT) return undefined;
  }
  return ids;
}

export async function downloadRecord(
  baseUrl: string,
  ecosystem: Ecosystem,
  id: string,
  fetchOptions: FetchOptions,
): Promise<OsvRecord> {
  const url = `${baseUrl}/${encodeURIComponent(ecosystem)}/${encodeURIComponent(id)}.json`;
  const { body } = await fetchWithRetry(url, fetchOptions);
  return parseOsvRecord(body.toString('utf8'), url);
}
