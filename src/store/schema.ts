// The tables as kysely sees them. Timestamps are timestamptz (Date out, Date or ISO string in);
// JSON columns go in as JSON text, since node-postgres would turn a JS array into a Postgres array.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type OptionalTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type Id = Generated<number>;

export const ROLES = ['viewer', 'uploader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TRIAGE_STATES = ['none', 'accepted_risk', 'false_positive', 'not_affected'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

/** OpenVEX `not_affected` justifications (https://github.com/openvex/spec, "Status Justifications"). */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

export const EVENT_KINDS = [
  'deployment',
  'rollback',
  'failure',
  'incident',
  'policy_created',
  'policy_changed',
  'policy_enforced',
  'drift_started',
  'drift_resolved',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type FindingStatus = 'open' | 'fixed';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type UploadFormat = 'palisade' | 'cyclonedx' | 'spdx';

export interface ProjectsTable {
  id: Id;
  name: string;
  created_at: OptionalTimestamp;
}

export interface TokensTable {
  id: Id;
  name: string;
  /** sha256 of the token, hex: the token itself is shown once and never stored. */
  hash: string;
  created_by: string | null;
  created_at: OptionalTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface TokenGrantsTable {
  token_id: number;
  /** null: every project. */
  project: string | null;
  role: Role;
}

export interface ScansTable {
  id: Id;
  project_id: number;
  branch: string;
  environment: string;
  commit: string | null;
  format: UploadFormat;
  /** The scan saw the whole project: findings it lacks are fixed (in its environment). */
  complete: boolean;
  /** Its findings are known: uploaded with it, or matched by the server since. */
  matched: boolean;
  target: string | null;
  idempotency_key: string | null;
  component_count: number;
  finding_count: number;
  created_at: Timestamp;
}

export interface SbomsTable {
  scan_id: number;
  format: UploadFormat;
  spec_version: string | null;
  serial_number: string | null;
  digest: string;
  byte_size: number;
  /** The uploaded document, gzip-compressed. */
  document: Uint8Array;
}

export interface ComponentsTable {
  id: Generated<number>;
  scan_id: number;
  purl: string;
  ecosystem: string;
  name: string;
  version: string | null;
  scope: string;
  direct: boolean;
  path: string;
  line: number;
  licenses: Json<string[]>;
  source: Json<Record<string, unknown>>;
  dependencies: Json<string[]>;
}

export interface FindingsTable {
  id: Id;
  project_id: number;
  branch: string;
  fingerprint: string;
  kind: string;
  rule_id: string;
  title: string;
  severity: string;
  severity_rank: number;
  risk_score: number;
  purl: string | null;
  package_name: string | null;
  package_version: string | null;
  path: string;
  advisory_ids: Json<string[]>;
  kev: boolean;
  epss: number | null;
  reachability: string | null;
  fixed_version: string | null;
  /** When a fix was first known to exist: the first sighting that carried a fixed version. */
  fix_available_at: Timestamp | null;
  status: FindingStatus;
  first_seen_at: Timestamp;
  first_seen_environment: string;
  first_seen_scan_id: number | null;
  last_seen_at: Timestamp;
  last_seen_scan_id: number | null;
  fixed_at: Timestamp | null;
  reopened_count: Generated<number>;
  triage_state: Generated<TriageState>;
  triage_expires_at: Timestamp | null;
  /** The finding as last uploaded (the model's Finding). */
  data: Json<Record<string, unknown>>;
}

export interface FindingEnvironmentsTable {
  finding_id: number;
  environment: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  /** null while the finding is present in the environment. */
  fixed_at: Timestamp | null;
}

export interface FindingTransitionsTable {
  id: Id;
  finding_id: number;
  /** null: the finding as a whole (open in some environment, or fixed in all). */
  environment: string | null;
  state: FindingStatus;
  at: Timestamp;
  scan_id: number | null;
}

export interface ScanFindingsTable {
  scan_id: number;
  finding_id: number;
}

export interface TriageTable {
  id: Id;
  finding_id: number;
  state: TriageState;
  reason: string | null;
  justification: VexJustification | null;
  expires_at: Timestamp | null;
  actor: string;
  created_at: Timestamp;
}

export interface EventsTable {
  id: Id;
  project_id: number;
  kind: EventKind;
  environment: string | null;
  commit: string | null;
  /** The policy, the drifting resource or the incident the event is about. */
  subject: string | null;
  /** A deployment that ships a security fix. */
  security: boolean;
  /** policy_created: the environments the policy must be enforced in. */
  targets: Json<string[]> | null;
  data: Json<Record<string, unknown>>;
  at: Timestamp;
  actor: string | null;
  created_at: OptionalTimestamp;
}

export interface JobsTable {
  id: Id;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: OptionalTimestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: OptionalTimestamp;
  finished_at: Timestamp | null;
}

export interface NotificationsTable {
  id: Id;
  project_id: number;
  kind: string;
  target: string;
  format: 'generic' | 'slack';
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: OptionalTimestamp;
  sent_at: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: OptionalTimestamp;
}

export interface DB {
  projects: ProjectsTable;
  tokens: TokensTable;
  token_grants: TokenGrantsTable;
  scans: ScansTable;
  sboms: SbomsTable;
  components: ComponentsTable;
  findings: FindingsTable;
  finding_environments: FindingEnvironmentsTable;
  finding_transitions: FindingTransitionsTable;
  scan_findings: ScanFindingsTable;
  triage: TriageTable;
  events: EventsTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  settings: SettingsTable;
}

export type Project = Selectable<ProjectsTable>;
export type Scan = Selectable<ScansTable>;
export type FindingRow = Selectable<FindingsTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type JobRow = Selectable<JobsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type TriageRow = Selectable<TriageTable>;
