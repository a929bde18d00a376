import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { type FixtureServer, type Route, startFixtureServer } from '../../testing/fixture-server.ts';
import { scanText } from '../engine.ts';
import { tokens } from '../git/testing.ts';
import { buildRuleset } from '../ruleset.ts';
import { createVerificationQueue, VERIFIERS, verifierFor, verifySecret } from './index.ts';

const github = tokens.github(1);
const npm = tokens.npm(2);
const slack = tokens.slackBot(3);

/** Serves one provider's API; the request must carry the secret as a bearer token. */
function bearer(secret: string, answer: Omit<Route, 'handle' | 'method' | 'path'>) {
  return (request: { headers: Record<string, string | string[] | undefined> }) =>
    request.headers.authorization === `Bearer ${secret}` ? answer : { status: 400, body: 'no bearer token' };
}

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(routes: Route[]) {
  server = await startFixtureServer(routes);
  const url = server.url;
  return { baseUrls: { github: url, slack: url, npm: url }, timeoutMs: 300 };
}

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('verifySecret', () => {
  const cases: { name: string; rule: string; secret: string; route: Route; expected: unknown }[] = [
    {
      name: 'GitHub token that authenticates',
      rule: 'github-pat',
      secret: github,
      route: { path: '/user', handle: bearer(github, { status: 200, ...json({ login: 'octocat', id: 1 }) }) },
      expected: { status: 'verified', detail: 'authenticates as octocat' },
    },
    {
      name: 'revoked GitHub token',
      rule: 'github-fine-grained-pat',
      secret: github,
      route: {
        path: '/user',
        handle: bearer(github, { status: 401, ...json({ message: 'Bad credentials' }) }),
      },
      expected: { status: 'invalid', detail: 'rejected (HTTP 401)' },
    },
    {
      name: 'rate-limited GitHub check',
      rule: 'github-oauth',
      secret: github,
      route: { path: '/user', handle: bearer(github, { status: 403, ...json({ message: 'rate limit' }) }) },
      expected: { status: 'unknown', detail: 'unexpected answer (HTTP 403)' },
    },
    {
      name: 'GitHub answering too late',
      rule: 'github-pat',
      secret: github,
      route: { path: '/user', delayMs: 1000, ...json({ login: 'late' }) },
      expected: { status: 'unknown', detail: 'no answer within 300 ms' },
    },
    {
      name: 'Slack token that authenticates',
      rule: 'slack-bot-token',
      secret: slack,
      route: {
        method: 'POST',
        path: '/api/auth.test',
        handle: bearer(slack, json({ ok: true, user: 'deploybot', team: 'Acme' })),
      },
      expected: { status: 'verified', detail: 'authenticates as deploybot in Acme' },
    },
    {
      name: 'revoked Slack token',
      rule: 'slack-bot-token',
      secret: slack,
      route: {
        method: 'POST',
        path: '/api/auth.test',
        handle: bearer(slack, json({ ok: false, error: 'token_revoked' })),
      },
      expected: { status: 'invalid', detail: 'rejected (token_revoked)' },
    },
    {
      name: 'rate-limited Slack check',
      rule: 'slack-user-token',
      secret: slack,
      route: { method: 'POST', path: '/api/auth.test', ...json({ ok: false, error: 'ratelimited' }) },
      expected: { status: 'unknown', detail: 'no clear answer (ratelimited)' },
    },
    {
      name: 'npm token that authenticates',
      rule: 'npm-access-token',
      secret: npm,
      route: { path: '/-/whoami', handle: bearer(npm, json({ username: 'publisher' })) },
      expected: { status: 'verified', detail: 'authenticates as publisher' },
    },
    {
      name: 'revoked npm token',
      rule: 'npm-access-token',
      secret: npm,
      route: { path: '/-/whoami', handle: bearer(npm, { status: 401, ...json({ error: 'unauthorized' }) }) },
      expected: { status: 'invalid', detail: 'rejected (HTTP 401)' },
    },
    {
      name: 'redirect (never followed: it could carry the token elsewhere)',
      rule: 'npm-access-token',
      secret: npm,
      route: { path: '/-/whoami', status: 302, headers: { location: 'http://127.0.0.1:9/steal' } },
      expected: { status: 'unknown', detail: 'request failed' },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const options = await serve([c.route]);
      const verdict = await verifySecret(c.rule, c.secret, options);
      assert.deepEqual(verdict, c.expected);
      assert.deepEqual(server!.unused(), []);
      assert.equal(server!.requests.length, 1, 'one request, no retry');
      assert.equal(JSON.stringify(verdict).includes(c.secret), false);
    });
  }

  it('reports an unreachable provider as unknown', async () => {
    const closed = await startFixtureServer([]);
    await closed.close();
    const verdict = await verifySecret('github-pat', github, { baseUrls: { github: closed.url } });
    assert.deepEqual(verdict, { status: 'unknown', detail: 'request failed (ECONNREFUSED)' });
  });

  it('has no check for other rules, and every check names rules that exist', async () => {
    assert.equal(await verifySecret('aws-access-token', 'AKIA', {}), undefined);
    const ids = new Set(buildRuleset().rules.map((r) => r.id));
    for (const verifier of VERIFIERS) for (const rule of verifier.rules) assert.ok(ids.has(rule), rule);
    assert.equal(verifierFor('github-refresh-token'), undefined);
  });
});

describe('createVerificationQueue', () => {
  it('checks each distinct secret once while the scan runs, and keys verdicts by fingerprint', async () => {
    const options = await serve([
      { path: '/user', handle: bearer(github, json({ login: 'octocat' })) },
      { path: '/-/whoami', handle: bearer(npm, { status: 401 }) },
    ]);
    const queue = createVerificationQueue({ ...options, concurrency: 1 });
    const ruleset = buildRuleset();
    const text = `a = "${github}"\nb = "${npm}"\nc = "${tokens.aws(4)}"\n`;
    const first = scanText('a.env', text, ruleset, { onSecret: queue.onSecret });
    const second = scanText('copy/a.env', text, ruleset, { onSecret: queue.onSecret });
    const verdicts = await queue.results();
    const status = (m: { fingerprint: string }) => verdicts.get(m.fingerprint)?.status;
    assert.deepEqual(
      [...first.matches, ...second.matches].map((m) => [m.path, m.ruleId, status(m)]),
      [
        ['a.env', 'github-pat', 'verified'],
        ['a.env', 'npm-access-token', 'invalid'],
        ['a.env', 'aws-access-token', undefined],
        ['copy/a.env', 'github-pat', 'verified'],
        ['copy/a.env', 'npm-access-token', 'invalid'],
        ['copy/a.env', 'aws-access-token', undefined],
      ],
    );
    assert.equal(server!.requests.length, 2);
  });
});
