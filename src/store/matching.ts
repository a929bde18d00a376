// Findings the server found itself, by matching a stored scan's components: an SBOM uploaded
// without findings, or any latest scan again when the advisories change.
import type { Kysely, Transaction } from 'kysely';
import type { FindingInput } from './finding-input.ts';
import { applySighting, type LifecycleChanges, lockBranch } from './lifecycle.ts';
import { isLatestScan } from './scans.ts';
import type { DB, Scan } from './schema.ts';

export interface MatchOutcome {
  scan: Scan;
  changes: LifecycleChanges;
  /** The first match of an SBOM's findings, on the newest scan of its environment: what it lacks was fixed. */
  complete: boolean;
}

/**
 * Records the findings that matching found on a stored scan, in one transaction with whatever
 * `within` adds (notifications). The first match of an unmatched scan is as good as an upload with
 * findings: when it is still the newest of its environment and complete, what it lacks is fixed.
 * Re-matching a scan only adds: advisories that disappear (withdrawn) fix nothing by themselves.
 */
export async function recordMatch(
  db: Kysely<DB>,
  scanId: number,
  findings: readonly FindingInput[],
  at: Date,
  within?: (trx: Transaction<DB>, outcome: MatchOutcome) => Promise<void>,
): Promise<MatchOutcome | undefined> {
  return db.transaction().execute(async (trx) => {
    const scan = await trx.selectFrom('scans').selectAll().where('id', '=', scanId).executeTakeFirst();
    if (!scan) return undefined;
    await lockBranch(trx, scan.project_id, scan.branch);
    const first = !scan.matched;
    const complete = first && scan.complete && (await isLatestScan(trx, scan));
    const changes = await applySighting(
      trx,
      {
        projectId: scan.project_id,
        branch: scan.branch,
        environment: scan.environment,
        at,
        scanId: scan.id,
        complete,
      },
      findings,
    );
    const finding_count = Number(
      (
        await trx
          .selectFrom('scan_findings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('scan_id', '=', scan.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    await trx.updateTable('scans').set({ matched: true, finding_count }).where('id', '=', scan.id).execute();
    const outcome = { scan: { ...scan, matched: true, finding_count }, changes, complete };
    await within?.(trx, outcome);
    return outcome;
  });
}
