import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_FINDING_VIEW, findingsQuery, parseRoute, type Route, routeHash } from './route.ts';

describe('hash routes', () => {
  test('each page parses, and its hash parses back to it', () => {
    const routes: Route[] = [
      { page: 'overview' },
      { page: 'login' },
      { page: 'login', next: '#/findings/7' },
      { page: 'trends', view: { range: '30d' } },
      { page: 'trends', view: { project: 'acme/web', range: '90d' } },
      { page: 'trends', view: { range: { from: '2026-01-01', to: '2026-01-31' } } },
      { page: 'project', project: 'web', view: DEFAULT_FINDING_VIEW },
      {
        page: 'project',
        project: 'acme/web shop',
        view: {
          branch: 'release/1.x',
          status: 'all',
          severities: ['critical', 'high'],
          triage: ['none', 'accepted_risk'],
          kinds: ['secret'],
          q: 'lodash & 100%',
          sort: 'first_seen',
          descending: true,
        },
      },
      { page: 'finding', id: 42 },
    ];
    for (const route of routes) assert.deepEqual(parseRoute(routeHash(route)), route, routeHash(route));
  });

  test('hashes are short: defaults are left out, lists stay readable', () => {
    assert.equal(
      routeHash({ page: 'project', project: 'web', view: DEFAULT_FINDING_VIEW }),
      '#/projects/web',
    );
    assert.equal(
      routeHash({
        page: 'project',
        project: 'acme/web',
        view: { ...DEFAULT_FINDING_VIEW, severities: ['critical', 'high'], sort: 'title', descending: false },
      }),
      '#/projects/acme%2Fweb?severity=critical,high&sort=title',
    );
    assert.equal(routeHash({ page: 'trends', view: { range: '30d' } }), '#/trends');
  });

  test('empty and unknown hashes; malformed values fall back to defaults', () => {
    assert.deepEqual(parseRoute(''), { page: 'overview' });
    assert.deepEqual(parseRoute('#'), { page: 'overview' });
    assert.deepEqual(parseRoute('#/nope/1'), { page: 'not-found', path: '/nope/1' });
    assert.deepEqual(parseRoute('#/findings/0'), { page: 'not-found', path: '/findings/0' });
    assert.deepEqual(parseRoute('#/findings/12abc'), { page: 'not-found', path: '/findings/12abc' });
    assert.deepEqual(parseRoute('#/projects/%E0%A4%A'), { page: 'not-found', path: '/projects/%E0%A4%A' });
    const odd = parseRoute('#/projects/web?severity=urgent,high,high&status=gone&sort=evil&triage=x');
    assert.deepEqual(odd, {
      page: 'project',
      project: 'web',
      view: { ...DEFAULT_FINDING_VIEW, severities: ['high'] },
    });
    assert.deepEqual(parseRoute('#/trends?from=2026-02-01&to=2026-01-01&range=1y'), {
      page: 'trends',
      view: { range: '30d' },
    });
  });

  test('login returns only to pages of this app', () => {
    assert.deepEqual(parseRoute('#/login?next=https://evil.example'), { page: 'login' });
    assert.deepEqual(parseRoute('#/login?next=%23%2Flogin'), { page: 'login' });
    assert.deepEqual(parseRoute('#/login?next=%23%2Ftrends'), { page: 'login', next: '#/trends' });
  });

  test('sorting by a column starts from its natural direction', () => {
    const title = parseRoute('#/projects/web?sort=title');
    const severity = parseRoute('#/projects/web?sort=severity&dir=asc');
    assert.ok(title.page === 'project' && severity.page === 'project');
    assert.equal(title.view.descending, false);
    assert.equal(severity.view.descending, false);
  });

  test('the API query of a findings view', () => {
    assert.equal(findingsQuery(DEFAULT_FINDING_VIEW, 500), 'status=open&limit=500');
    assert.equal(
      findingsQuery(
        { ...DEFAULT_FINDING_VIEW, branch: 'main', severities: ['low'], kinds: ['code', 'secret'], q: 'a b' },
        50,
      ),
      'branch=main&status=open&severity=low&kind=code,secret&q=a+b&limit=50',
    );
  });
});
