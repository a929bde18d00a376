// The Prometheus text exposition format (version 0.0.4) of the metrics, as of the scrape:
// snapshot metrics now, flow metrics over the trailing window. Every family is per project; the
// means and rates also have a portfolio series, project="*" (they cannot be summed in PromQL).
import { SEVERITIES } from '../../model/index.ts';
import type { MetricData } from '../../store/metrics-data.ts';
import {
  changeFailureRate,
  complianceDriftDuration,
  defectEscapeRate,
  driftOpen,
  type MetricOptions,
  mttrS,
  openBySeverity,
  openByTriage,
  reachabilityDensity,
  securityLeadTime,
  slaBreaches,
  TRIAGED_STATES,
  type Value,
  vulnerabilityMeanAge,
} from './compute.ts';
import { buildTimelines } from './timeline.ts';

export const PORTFOLIO = '*';

interface Family {
  name: string;
  help: string;
  samples: { labels: Record<string, string>; value: number }[];
}

export function renderPrometheus(
  data: MetricData,
  at: Date,
  windowDays: number,
  options: MetricOptions,
  extra: Family[] = [],
): string {
  const now = at.getTime();
  const w = { start: now - windowDays * 86_400_000, end: now };
  const families = new Map<string, Family>();
  const family = (name: string, help: string): Family => {
    let f = families.get(name);
    if (!f) {
      f = { name, help, samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const window = `over the ${windowDays} days before the scrape`;
  const scopes = [
    ...data.projects.map((p) => ({ label: p.name, data: onlyProject(data, p.id), portfolio: false })),
    ...(data.projects.length > 0 ? [{ label: PORTFOLIO, data, portfolio: true }] : []),
  ];
  for (const scope of scopes) {
    const timelines = buildTimelines(scope.data);
    const project = { project: scope.label };
    const put = (name: string, help: string, v: Value, labels: Record<string, string> = {}) => {
      if (v.value !== null)
        family(name, help).samples.push({ labels: { ...project, ...labels }, value: v.value });
    };
    if (!scope.portfolio) {
      const open = openBySeverity(timelines, now);
      const breaches = slaBreaches(timelines, now, options.sla);
      for (const severity of SEVERITIES) {
        family('palisade_findings_open', 'Open findings not dismissed by triage, by severity.').samples.push({
          labels: { ...project, severity },
          value: open[severity],
        });
        if (options.sla[severity] !== null)
          family('palisade_sla_breaches', 'Open findings older than the SLA of their severity.').samples.push(
            {
              labels: { ...project, severity },
              value: breaches[severity],
            },
          );
      }
      const triaged = openByTriage(timelines, now);
      for (const state of TRIAGED_STATES)
        family(
          'palisade_findings_triaged',
          'Findings open by the lifecycle with a triage decision in force, by state.',
        ).samples.push({ labels: { ...project, state }, value: triaged[state] });
      family('palisade_compliance_drift_open', 'Drift episodes not resolved yet.').samples.push({
        labels: project,
        value: driftOpen(scope.data.events, now),
      });
    }
    put(
      'palisade_vulnerability_mean_age_days',
      'Mean age in days of open vulnerability findings.',
      vulnerabilityMeanAge(timelines, now),
    );
    const mttrHelp = `Mean days from fix available to fix deployed to ${options.production}, ${window}.`;
    put('palisade_mttr_s_days', mttrHelp, mttrS(timelines, w, options.production, false), { subset: 'all' });
    put('palisade_mttr_s_days', mttrHelp, mttrS(timelines, w, options.production, true), { subset: 'kev' });
    put(
      'palisade_reachability_density',
      'Share of open vulnerability findings with known reachability whose vulnerable function is reachable.',
      reachabilityDensity(timelines, now),
    );
    put(
      'palisade_defect_escape_rate',
      `Share of new findings first seen in ${options.production}, ${window}.`,
      defectEscapeRate(timelines, w, options.production),
    );
    put(
      'palisade_change_failure_rate',
      `Share of security changes followed by a failure or rollback, ${window}.`,
      changeFailureRate(scope.data.events, w, options.changeFailureWindowHours),
    );
    put(
      'palisade_compliance_drift_duration_hours',
      `Mean hours from drift detected to resolved, ${window}.`,
      complianceDriftDuration(scope.data.events, w),
    );
    put(
      'palisade_security_lead_time_days',
      `Mean days from policy created to enforced in every target, ${window}.`,
      securityLeadTime(scope.data.events, w, options.production),
    );
  }
  const lines: string[] = [];
  for (const f of [...families.values(), ...extra]) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} gauge`);
    for (const s of f.samples) lines.push(`${f.name}${labels(s.labels)} ${formatValue(s.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function onlyProject(data: MetricData, projectId: number): MetricData {
  const findings = data.findings.filter((f) => f.project_id === projectId);
  const ids = new Set(findings.map((f) => f.id));
  return {
    projects: data.projects.filter((p) => p.id === projectId),
    findings,
    transitions: data.transitions.filter((t) => ids.has(t.finding_id)),
    triage: data.triage.filter((t) => ids.has(t.finding_id)),
    events: data.events.filter((e) => e.project_id === projectId),
  };
}

function labels(values: Record<string, string>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

export type { Family as PrometheusFamily };
