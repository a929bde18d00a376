// What a notification says, and how it is sent: a generic JSON webhook, or a Slack-compatible
// incoming-webhook message ({ text, blocks }). Deliveries carry their notification id, so a
// receiver can drop the duplicates that retries may cause, and an HMAC signature when the
// target has a secret.
import { createHmac } from 'node:crypto';
import type { Finding } from '../../model/index.ts';
import type { NotificationTarget } from '../../store/notifications.ts';

export interface WebhookTarget extends NotificationTarget {
  /** Signs each body: X-Palisade-Signature: sha256=<hex HMAC of the body>. */
  secret?: string;
}

export interface NotifyOptions {
  targets: WebhookTarget[];
  /** Delivery attempts before a notification is given up as failed. */
  maxAttempts?: number;
  timeoutMs?: number;
  /** The dashboard's address, for links in messages. */
  publicUrl?: string;
}

export interface NewFindingsPayload {
  type: 'palisade.new_findings';
  project: string;
  branch: string;
  environment: string;
  scan: number;
  reason: string;
  at: string;
  count: number;
  findings: {
    rule_id: string;
    title: string;
    severity: string;
    package: string | null;
    version: string | null;
    fixed_version: string | null;
    kev: boolean;
  }[];
  url?: string;
}

const LISTED = 50;

export function newFindingsPayload(
  scope: { project: string; branch: string; environment: string; scan: number; reason: string; at: Date },
  findings: readonly Finding[],
  publicUrl: string | undefined,
): NewFindingsPayload {
  const ranked = [...findings].sort((a, b) => rank(b) - rank(a) || (a.ruleId < b.ruleId ? -1 : 1));
  return {
    type: 'palisade.new_findings',
    project: scope.project,
    branch: scope.branch,
    environment: scope.environment,
    scan: scope.scan,
    reason: scope.reason,
    at: scope.at.toISOString(),
    count: findings.length,
    findings: ranked.slice(0, LISTED).map((f) => ({
      rule_id: f.ruleId,
      title: f.title,
      severity: f.severity,
      package: f.component?.name ?? null,
      version: f.component?.version ?? null,
      fixed_version: f.remediation?.fixedVersion ?? null,
      kev: f.advisory?.kev !== undefined,
    })),
    ...(publicUrl
      ? { url: `${publicUrl.replace(/\/$/, '')}/projects/${encodeURIComponent(scope.project)}` }
      : {}),
  };
}

const SEVERITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function rank(f: Finding): number {
  return (SEVERITY_RANK[f.severity] ?? 0) * 2 + (f.advisory?.kev ? 1 : 0);
}

/** Slack incoming-webhook message: a plain-text fallback and Block Kit blocks. */
export function slackMessage(p: NewFindingsPayload): { text: string; blocks: object[] } {
  const text = `${p.count} new finding${p.count === 1 ? '' : 's'} in ${p.project} (${p.branch}, ${p.environment})`;
  const shown = p.findings.slice(0, 10);
  const lines = shown.map(
    (f) =>
      `• *${f.severity}*${f.kev ? ' (KEV)' : ''} ${escapeSlack(f.rule_id)} in ${escapeSlack(
        `${f.package ?? '?'}@${f.version ?? '?'}`,
      )}${f.fixed_version ? ` — fix: ${escapeSlack(f.fixed_version)}` : ''}`,
  );
  if (p.count > shown.length) lines.push(`…and ${p.count - shown.length} more`);
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: text.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) } },
  ];
  if (p.url)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${p.url}|Open in Palisade>` }] });
  return { text, blocks };
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sends one notification; throws with the reason when the target does not answer 2xx. */
export async function deliver(
  target: WebhookTarget,
  notification: { id: number; kind: string; payload: Record<string, unknown> },
  timeoutMs: number,
): Promise<void> {
  const message =
    target.format === 'slack'
      ? slackMessage(notification.payload as unknown as NewFindingsPayload)
      : notification.payload;
  const body = JSON.stringify(message);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'palisade-server',
    'X-Palisade-Event': notification.kind,
    'X-Palisade-Delivery': String(notification.id),
  };
  if (target.secret)
    headers['X-Palisade-Signature'] =
      `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`${target.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${target.name}: HTTP ${response.status}`);
}
