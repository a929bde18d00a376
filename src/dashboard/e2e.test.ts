// The dashboard end to end: Vite builds it, a real server (PGlite) serves it and the API, the real
// CLI scans examples/demo-shop offline and the scan is uploaded through the upload client; then
// headless Chromium logs in with a token, finds the scan's findings, opens one, accepts its risk
// and sees the accepted-risk metric move. Every value asserted is read from the page.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { ScanResult } from '../model/index.ts';
import { uploadDocument } from '../server/client.ts';
import { silentLogger } from '../server/logger.ts';
import { type RunningServer, startServer } from '../server/start.ts';
import { openPgliteForTest } from '../store/testing/backends.ts';
import { palisadeOutput, REPO } from '../testing/cli.ts';
import { buildDashboard } from './build.ts';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN = 'pal_dashboard-e2e-admin-token';
const DAY = 86_400_000;

/** `palisade scan examples/demo-shop --offline --format json` against the demo's advisory bundle. */
function scanDemoShop(cache: string): ScanResult {
  palisadeOutput(['db', 'import', join(REPO, 'examples/demo-shop/advisories')], cache);
  return JSON.parse(
    palisadeOutput(['scan', join(REPO, 'examples/demo-shop'), '--offline', '--format', 'json'], cache),
  ) as ScanResult;
}

/** The value shown for a headline metric on the overview. */
async function headline(page: Page, key: string): Promise<string> {
  return (await page.locator(`[data-metric="${key}"] .value`).textContent())?.trim() ?? '';
}

describe('dashboard in Chromium', {
  skip: existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install chromium)`,
}, () => {
  let work: string;
  let server: RunningServer;
  let browser: Browser;
  let scan: ScanResult;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'palisade-dashboard-e2e-'));
    const [built] = await Promise.all([
      buildDashboard(join(work, 'dashboard')),
      Promise.resolve().then(() => {
        scan = scanDemoShop(join(work, 'cache'));
      }),
    ]);
    server = await startServer({
      port: 0,
      database: await openPgliteForTest(),
      adminToken: ADMIN,
      logger: silentLogger,
      dashboardDir: built.outDir,
    });
    const receipt = await uploadDocument({ url: server.url, token: ADMIN }, JSON.stringify(scan), {
      project: 'demo-shop',
      branch: 'main',
      environment: 'ci',
      commit: '0a1b2c3d4e5f',
    });
    assert.equal(receipt.matching, 'uploaded');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    // Console errors include Content-Security-Policy violations: the build must need no exception.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.shutdown();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('a wrong token is refused with a message and not kept', async () => {
    await page.goto(server.url);
    await page.getByLabel('API token').fill('pal_not-a-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('That token is unknown or has been revoked.').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('palisade.token')), null);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Palisade');
  });

  test('log in, see the scan, open a finding, accept its risk, see the metric change', async () => {
    problems.length = 0;
    const findings = new Set(scan.findings.map((f) => f.fingerprint)).size;
    assert.ok(findings > 50, `the demo scan finds ${findings} vulnerabilities`);
    const moment = scan.findings.find((f) => f.ruleId === 'GHSA-wc69-rhjr-hc9g');
    assert.ok(moment?.remediation?.fixedVersion, 'the demo has the moment ReDoS with a fix');

    await page.getByLabel('API token').fill(ADMIN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.locator('[data-metric="open"] .value').waitFor();
    assert.equal(await headline(page, 'open'), String(findings));
    assert.equal(await headline(page, 'accepted'), '0');
    const row = page.locator('tr[data-project="demo-shop"]');
    assert.equal(await row.locator('[data-open]').textContent(), String(findings));
    // The riskiest findings of the portfolio, highest score first.
    const scores = (await page.locator('table.findings tbody tr td:first-child').allTextContents()).map(
      Number,
    );
    assert.equal(scores.length, 10);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );

    await row.getByRole('link', { name: 'demo-shop' }).click();
    await page.getByRole('heading', { name: 'demo-shop', level: 1 }).waitFor();
    const scanRow = page.locator('table.scans tbody tr');
    await scanRow.first().waitFor();
    assert.equal(await scanRow.count(), 1);
    assert.match(
      (await scanRow.textContent()) ?? '',
      new RegExp(`main.*ci.*0a1b2c3d4e5f.*palisade.*${findings}`),
    );
    await page.getByText(`${findings} findings`).waitFor();

    await page.getByLabel('Search').fill('moment');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => location.hash.includes('q=moment'));
    const link = page.getByRole('link', { name: moment.title });
    await link.click();

    await page.getByRole('heading', { name: moment.title, level: 1 }).waitFor();
    const ids = (await page.locator('[data-field="advisory-ids"]').textContent()) ?? '';
    assert.match(ids, /CVE-2022-31129/);
    assert.match(ids, /GHSA-wc69-rhjr-hc9g/);
    assert.equal(
      await page.locator('[data-field="fixed-version"]').textContent(),
      moment.remediation.fixedVersion,
    );
    assert.equal(await page.locator('[data-section="fix"] .fix').textContent(), moment.remediation.text);
    assert.match(
      (await page.locator('[data-field="package"]').textContent()) ?? '',
      /^moment@2\.29\.1 \(direct, prod\)/,
    );
    assert.match(
      (await page.locator('[data-field="reachability"]').textContent()) ?? '',
      /^Vulnerable function reachable: /,
    );
    const chain = await page.locator('ol.chain li').allTextContents();
    assert.ok(chain.includes('web/src/server.js:4'), chain.join(' > '));
    assert.equal(await page.locator('[data-field="triage"]').textContent(), 'Not triaged');

    const until = new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10);
    await page.getByLabel('Accept the risk until a date').check();
    await page.getByLabel(/Accepted until/).fill(until);
    await page.getByLabel(/^Reason/).fill('only trusted dates reach moment() in the storefront');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.locator('[data-field="triage"]', { hasText: `Accepted risk until ${until}` }).waitFor();
    const decision = await page.locator('[data-table="triage-history"] tbody tr').first().textContent();
    assert.match(decision ?? '', /Accepted risk.*only trusted dates reach moment\(\) in the storefront/);

    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await page.locator('[data-metric="accepted"] .value', { hasText: '1' }).waitFor();
    assert.equal(await headline(page, 'accepted'), '1');
    assert.equal(await headline(page, 'open'), String(findings), 'an accepted risk is still open');

    await page.getByRole('navigation').getByRole('link', { name: 'Trends' }).click();
    await page.getByRole('heading', { name: 'Trends', level: 1 }).waitFor();
    await page.locator('figure.chart canvas').first().waitFor();
    assert.ok((await page.locator('figure.chart').count()) >= 5);
    const triaged = page.locator('figure.chart', { hasText: 'Triaged findings' });
    await triaged.getByText('Values').click();
    const lastRow = await triaged.locator('tbody tr').last().locator('td').allTextContents();
    assert.deepEqual(lastRow, ['1', '0', '0'], 'accepted, false positive, not affected as of now');

    assert.deepEqual(problems, [], 'no console errors or CSP violations');
  });

  test('a revoked token ends the session; logging out forgets the token', async () => {
    const response = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'short-lived', grants: [{ project: 'demo-shop', role: 'viewer' }] }),
    });
    const { id, token } = (await response.json()) as { id: number; token: string };
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API token').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('palisade.token')), null);

    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Token: short-lived').waitFor();
    const first = page.locator('table.findings tbody tr a').first();
    await first.click();
    await page.getByText('Triage needs the admin role on demo-shop').waitFor();

    await fetch(`${server.url}/api/v1/tokens/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await page.getByText('You have been logged out: unknown or revoked token').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('palisade.token')), null);
    assert.deepEqual(
      problems.filter((p) => !p.includes('status of 401')),
      [],
    );
  });
});
