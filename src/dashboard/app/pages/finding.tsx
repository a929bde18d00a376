// One finding: what and where, the advisory and its likelihood signals, the evidence with the
// reachability chain, the fix, its lifecycle across environments, and the triage actions.

import { holdsRole } from '../../../server/roles.ts';
import type { FindingDetail, Me, UploadedFinding } from '../../logic/api-types.ts';
import { parseEvidence } from '../../logic/evidence.ts';
import {
  formatDate,
  formatEpss,
  formatNumber,
  formatPackage,
  humanize,
  JUSTIFICATION_LABELS,
  REACHABILITY_LABELS,
  TRIAGE_LABELS,
} from '../../logic/format.ts';
import { DEFAULT_FINDING_VIEW } from '../../logic/route.ts';
import { triageSummary } from '../../logic/triage.ts';
import { Await, Columns, Link, Loading, SeverityBadge } from '../components.tsx';
import { useApi, useTitle } from '../hooks.ts';
import { TriageForm } from './triage-form.tsx';

export function FindingPage(props: { id: number; me: Me | undefined }) {
  const detail = useApi<FindingDetail>(`/findings/${props.id}`);
  useTitle(detail.state === 'ready' ? detail.data.title : `Finding ${props.id}`);
  return (
    <main>
      <Await
        loaded={detail}
        what="the finding"
        ready={(f) => (
          <Finding
            detail={f}
            canTriage={props.me ? holdsRole(props.me.grants, f.project, 'admin') : undefined}
            onTriaged={detail.state === 'ready' ? detail.reload : () => {}}
          />
        )}
      />
    </main>
  );
}

/** canTriage undefined: the token's roles are still loading. */
function Finding(props: { detail: FindingDetail; canTriage: boolean | undefined; onTriaged: () => void }) {
  const f = props.detail;
  const uploaded = f.finding as UploadedFinding;
  return (
    <>
      <p class="breadcrumb">
        <Link to={{ page: 'project', project: f.project, view: DEFAULT_FINDING_VIEW }}>{f.project}</Link> ›{' '}
        {f.branch}
      </p>
      <h1>{f.title}</h1>
      <p class="summary">
        <SeverityBadge severity={f.severity} /> risk <strong>{formatNumber(f.risk_score)}</strong>/100 ·{' '}
        <span data-field="status">{f.status}</span> ·{' '}
        <span data-field="triage">{triageSummary(f.triage)}</span>
      </p>
      <Facts detail={f} uploaded={uploaded} />
      <Fix detail={f} uploaded={uploaded} />
      <Evidence uploaded={uploaded} reachability={f.reachability} />
      <Risk uploaded={uploaded} />
      <Advisory uploaded={uploaded} />
      <History detail={f} />
      <section aria-labelledby="triage-title">
        <h2 id="triage-title">Triage</h2>
        {props.canTriage === undefined ? (
          <Loading what="what this token may do" />
        ) : props.canTriage ? (
          <TriageForm id={f.id} current={f.triage.state} onDone={props.onTriaged} />
        ) : (
          <p class="notice">Triage needs the admin role on {f.project}; this token can only read it.</p>
        )}
      </section>
    </>
  );
}

function Facts(props: { detail: FindingDetail; uploaded: UploadedFinding }) {
  const f = props.detail;
  const advisory = props.uploaded.advisory;
  const component = props.uploaded.component;
  const location = props.uploaded.location;
  return (
    <section aria-labelledby="facts-title">
      <h2 id="facts-title">Details</h2>
      <dl class="facts">
        <dt>Identifiers</dt>
        <dd data-field="advisory-ids">
          {(f.advisory_ids.length > 0 ? f.advisory_ids : [f.rule_id]).map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <AdvisoryLink id={id} />
            </span>
          ))}
        </dd>
        <dt>Kind</dt>
        <dd>{humanize(f.kind)}</dd>
        {advisory?.cvss && (
          <>
            <dt>CVSS</dt>
            <dd>
              {advisory.cvss.score} <code>{advisory.cvss.vector}</code>
            </dd>
          </>
        )}
        <dt>EPSS</dt>
        <dd>
          {advisory?.epss
            ? `${formatEpss(advisory.epss.score, advisory.epss.percentile)}, ${advisory.epss.date}`
            : f.epss !== null
              ? formatEpss(f.epss)
              : '—'}
        </dd>
        <dt>Known exploited (KEV)</dt>
        <dd data-field="kev">
          {advisory?.kev
            ? `yes, since ${advisory.kev.dateAdded}; due ${advisory.kev.dueDate}${advisory.kev.knownRansomwareCampaignUse ? '; used by ransomware' : ''}`
            : f.kev
              ? 'yes'
              : 'no'}
        </dd>
        <dt>Package</dt>
        <dd data-field="package">
          {formatPackage(f.package)}
          {component && ` (${component.direct ? 'direct' : 'transitive'}, ${component.scope})`}
          {f.package && (
            <>
              <br />
              <code>{f.package.purl}</code>
            </>
          )}
        </dd>
        <dt>Location</dt>
        <dd data-field="path">
          <code>
            {f.path}
            {location?.line ? `:${location.line}` : ''}
          </code>
        </dd>
        <dt>Present in</dt>
        <dd data-field="environments">
          {f.environments
            .filter((e) => e.fixed_at === null)
            .map((e) => e.environment)
            .join(', ') || 'no environment (fixed)'}
        </dd>
        <dt>First seen</dt>
        <dd>
          {formatDate(f.first_seen_at)} in {f.first_seen_environment}
        </dd>
        <dt>Last seen</dt>
        <dd>{formatDate(f.last_seen_at)}</dd>
        {f.reopened_count > 0 && (
          <>
            <dt>Reopened</dt>
            <dd>{f.reopened_count} times</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Advisory ids link to their OSV page; rule ids of other scanners are shown as they are. */
function AdvisoryLink(props: { id: string }) {
  if (!/^(GHSA|CVE|PYSEC|GO|RUSTSEC|OSV|MAL)-/.test(props.id)) return <code>{props.id}</code>;
  return (
    <a href={`https://osv.dev/vulnerability/${encodeURIComponent(props.id)}`} rel="noopener noreferrer">
      {props.id}
    </a>
  );
}

function Fix(props: { detail: FindingDetail; uploaded: UploadedFinding }) {
  const remediation = props.uploaded.remediation;
  const fixed = remediation?.fixedVersion ?? props.detail.fixed_version;
  const name = props.detail.package?.name ?? 'the package';
  const advice = remediation?.text ?? (fixed ? `upgrade ${name} to ${fixed}` : undefined);
  return (
    <section aria-labelledby="fix-title" data-section="fix">
      <h2 id="fix-title">Fix</h2>
      <p class="fix">{advice ?? 'No fixed version is known yet.'}</p>
      <dl class="facts">
        {fixed && (
          <>
            <dt>Upgrade to</dt>
            <dd data-field="fixed-version">{fixed}</dd>
          </>
        )}
        {props.detail.fix_available_at && (
          <>
            <dt>Fix known since</dt>
            <dd>{formatDate(props.detail.fix_available_at)}</dd>
          </>
        )}
        {remediation?.path && remediation.path.length > 0 && (
          <>
            <dt>Pulled in through</dt>
            <dd>
              <code>{remediation.path.join(' › ')}</code>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Evidence(props: { uploaded: UploadedFinding; reachability: string | null }) {
  const evidence = parseEvidence(props.uploaded.evidence ?? '');
  const reach = evidence.reachability;
  const verdict = reach?.verdict ?? props.reachability;
  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      <p class="evidence">{evidence.summary || '—'}</p>
      <h3>Reachability</h3>
      <p data-field="reachability">
        {verdict ? (REACHABILITY_LABELS[verdict] ?? verdict) : 'not analysed'}
        {reach?.reason ? `: ${reach.reason}` : ''}
      </p>
      {reach && reach.chain.length > 0 && (
        <ol class="chain" aria-label="Import chain from the entry point">
          {reach.chain.map((step, i) => (
            <li key={`${i}-${step}`}>
              <code>{step}</code>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Risk(props: { uploaded: UploadedFinding }) {
  const factors = props.uploaded.risk?.factors.filter((f) => f.name !== 'priority') ?? [];
  if (factors.length === 0) return null;
  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">Risk factors</h2>
      <table>
        <Columns columns={['Factor', 'Value', { label: 'Weight', numeric: true }]} />
        <tbody>
          {factors.map((factor) => (
            <tr key={factor.name}>
              <th scope="row">{humanize(factor.name)}</th>
              <td>{String(factor.value)}</td>
              <td class="number">× {factor.weight.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Advisory(props: { uploaded: UploadedFinding }) {
  const osv = props.uploaded.advisory?.osv;
  if (!osv) return null;
  return (
    <section aria-labelledby="advisory-title">
      <h2 id="advisory-title">Advisory</h2>
      {osv.summary && <p>{osv.summary}</p>}
      {osv.details && (
        <details>
          <summary>Details</summary>
          <pre class="advisory-details">{osv.details}</pre>
        </details>
      )}
      {osv.references && osv.references.length > 0 && (
        <details>
          <summary>References ({osv.references.length})</summary>
          <ul>
            {osv.references.map((r) => (
              <li key={r.url}>
                {r.type.toLowerCase()}:{' '}
                <a href={r.url} rel="noopener noreferrer">
                  {r.url}
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function History(props: { detail: FindingDetail }) {
  const f = props.detail;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <table class="history">
        <caption>Lifecycle</caption>
        <Columns columns={['When', 'Where', 'Change', 'Scan']} />
        <tbody>
          {f.history.map((t, i) => (
            <tr key={`${t.at}-${i}`}>
              <td>{formatDate(t.at)}</td>
              <td>{t.environment ?? 'all environments'}</td>
              <td>{t.state === 'open' ? 'opened' : 'fixed'}</td>
              <td>{t.scan ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="history">
        <caption>Environments</caption>
        <Columns columns={['Environment', 'First seen', 'Last seen', 'Fixed']} />
        <tbody>
          {f.environments.map((e) => (
            <tr key={e.environment}>
              <th scope="row">{e.environment}</th>
              <td>{formatDate(e.first_seen_at)}</td>
              <td>{formatDate(e.last_seen_at)}</td>
              <td>{e.fixed_at ? formatDate(e.fixed_at) : 'not yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="history" data-table="triage-history">
        <caption>Triage decisions</caption>
        <Columns columns={['When', 'Decision', 'Reason', 'Until', 'By']} />
        <tbody>
          {f.triage_history.length === 0 ? (
            <tr>
              <td colSpan={5}>None yet.</td>
            </tr>
          ) : (
            f.triage_history.map((t, i) => (
              <tr key={`${t.at}-${i}`}>
                <td>{formatDate(t.at)}</td>
                <td>
                  {TRIAGE_LABELS[t.state]}
                  {t.justification
                    ? ` (${JUSTIFICATION_LABELS[t.justification as keyof typeof JUSTIFICATION_LABELS] ?? t.justification})`
                    : ''}
                </td>
                <td>{t.reason ?? '—'}</td>
                <td>{t.expires_at ? formatDate(t.expires_at) : '—'}</td>
                <td>{t.by}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
