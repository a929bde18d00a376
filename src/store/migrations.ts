// Migrations in code, applied in name order by kysely's Migrator on every start. The Migrator
// holds a Postgres advisory lock while it works, so replicas starting together apply each one once.
// Never edit a migration that has shipped: add the next one.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { PalisadeError } from '../model/index.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db) {
      await run(
        db,
        `
        create table projects (
          id bigint generated always as identity primary key,
          name text not null unique,
          created_at timestamptz not null default now()
        );

        create table tokens (
          id bigint generated always as identity primary key,
          name text not null,
          hash text not null unique,
          created_by text,
          created_at timestamptz not null default now(),
          last_used_at timestamptz,
          revoked_at timestamptz
        );

        create table token_grants (
          token_id bigint not null references tokens (id) on delete cascade,
          project text,
          role text not null check (role in ('viewer', 'uploader', 'admin'))
        );
        create index token_grants_token on token_grants (token_id);

        create table scans (
          id bigint generated always as identity primary key,
          project_id bigint not null references projects (id),
          branch text not null,
          environment text not null,
          commit text,
          format text not null check (format in ('palisade', 'cyclonedx', 'spdx')),
          complete boolean not null,
          matched boolean not null,
          target text,
          idempotency_key text,
          component_count integer not null default 0,
          finding_count integer not null default 0,
          created_at timestamptz not null,
          unique (project_id, idempotency_key)
        );
        create index scans_latest on scans (project_id, branch, environment, created_at desc, id desc);
        create index scans_commit on scans (project_id, commit);

        create table sboms (
          scan_id bigint primary key references scans (id) on delete cascade,
          format text not null,
          spec_version text,
          serial_number text,
          digest text not null,
          byte_size integer not null,
          document bytea not null
        );

        create table components (
          id bigint generated always as identity primary key,
          scan_id bigint not null references scans (id) on delete cascade,
          purl text not null,
          ecosystem text not null,
          name text not null,
          version text,
          scope text not null,
          direct boolean not null,
          path text not null,
          line integer not null,
          licenses jsonb not null,
          source jsonb not null,
          dependencies jsonb not null
        );
        create index components_scan on components (scan_id);
        create index components_purl on components (purl);

        create table findings (
          id bigint generated always as identity primary key,
          project_id bigint not null references projects (id),
          branch text not null,
          fingerprint text not null,
          kind text not null,
          rule_id text not null,
          title text not null,
          severity text not null,
          severity_rank smallint not null,
          risk_score double precision not null,
          purl text,
          package_name text,
          package_version text,
          path text not null,
          advisory_ids jsonb not null,
          kev boolean not null,
          epss double precision,
          reachability text,
          fixed_version text,
          fix_available_at timestamptz,
          status text not null check (status in ('open', 'fixed')),
          first_seen_at timestamptz not null,
          first_seen_environment text not null,
          first_seen_scan_id bigint,
          last_seen_at timestamptz not null,
          last_seen_scan_id bigint,
          fixed_at timestamptz,
          reopened_count integer not null default 0,
          triage_state text not null default 'none'
            check (triage_state in ('none', 'accepted_risk', 'false_positive', 'not_affected')),
          triage_expires_at timestamptz,
          data jsonb not null,
          unique (project_id, branch, fingerprint)
        );
        create index findings_by_risk on findings (project_id, branch, status, risk_score desc);

        create table finding_environments (
          finding_id bigint not null references findings (id) on delete cascade,
          environment text not null,
          first_seen_at timestamptz not null,
          last_seen_at timestamptz not null,
          fixed_at timestamptz,
          primary key (finding_id, environment)
        );

        create table finding_transitions (
          id bigint generated always as identity primary key,
          finding_id bigint not null references findings (id) on delete cascade,
          environment text,
          state text not null check (state in ('open', 'fixed')),
          at timestamptz not null,
          scan_id bigint
        );
        create index finding_transitions_finding on finding_transitions (finding_id, at);

        create table scan_findings (
          scan_id bigint not null references scans (id) on delete cascade,
          finding_id bigint not null references findings (id) on delete cascade,
          primary key (scan_id, finding_id)
        );
        create index scan_findings_finding on scan_findings (finding_id);

        create table triage (
          id bigint generated always as identity primary key,
          finding_id bigint not null references findings (id) on delete cascade,
          state text not null check (state in ('none', 'accepted_risk', 'false_positive', 'not_affected')),
          reason text,
          justification text,
          expires_at timestamptz,
          actor text not null,
          created_at timestamptz not null
        );
        create index triage_finding on triage (finding_id, created_at);

        create table events (
          id bigint generated always as identity primary key,
          project_id bigint not null references projects (id),
          kind text not null,
          environment text,
          commit text,
          subject text,
          security boolean not null default false,
          targets jsonb,
          data jsonb not null,
          at timestamptz not null,
          actor text,
          created_at timestamptz not null default now()
        );
        create index events_project_at on events (project_id, at);

        create table jobs (
          id bigint generated always as identity primary key,
          kind text not null,
          payload jsonb not null,
          status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
          attempts integer not null default 0,
          max_attempts integer not null default 5,
          run_at timestamptz not null default now(),
          locked_by text,
          locked_until timestamptz,
          last_error text,
          created_at timestamptz not null default now(),
          finished_at timestamptz
        );
        create index jobs_ready on jobs (run_at, id) where status = 'queued';
        create index jobs_running on jobs (locked_until) where status = 'running';

        create table notifications (
          id bigint generated always as identity primary key,
          project_id bigint not null references projects (id),
          kind text not null,
          target text not null,
          format text not null check (format in ('generic', 'slack')),
          payload jsonb not null,
          status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
          attempts integer not null default 0,
          last_error text,
          created_at timestamptz not null default now(),
          sent_at timestamptz
        );

        create table settings (
          key text primary key,
          value jsonb not null,
          updated_at timestamptz not null default now()
        );
      `,
      );
    },
  },
};

/**
 * One statement at a time: PGlite runs parameterless text through the extended protocol, which
 * takes a single statement, and Postgres runs the whole migration in one transaction either way.
 */
async function run(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; safe to call from many replicas at once. */
export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new PalisadeError('internal', `database migration ${failed} failed: ${describe(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
