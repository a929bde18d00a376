/** Match a stored scan's components against the advisories: { scanId, reason: 'upload' | 'advisories' }. */
export const MATCH_SCAN_JOB = 'match-scan';
/** Queue a match-scan for the newest scan of every project, branch and environment: { generation }. */
export const REMATCH_ALL_JOB = 'rematch-all';
export { DELIVER_JOB } from '../../store/notifications.ts';
