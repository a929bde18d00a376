import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../model/index.ts';
import { component, type FindingOptions, vulnerability } from '../reachability/testing.ts';
import { compareLoosely, rankUpgrades } from './rank.ts';

function scored(
  target: ReturnType<typeof component>,
  id: string,
  score: number,
  options: FindingOptions = {},
): Finding {
  const f = vulnerability(target, id, options);
  f.risk = { score, factors: [] };
  return f;
}

const express = component('express', '4.17.1', { direct: true });
const qs = component('qs', '6.7.0');
const pathToRegexp = component('path-to-regexp', '0.1.7');
const lodash = component('lodash', '4.17.15', { direct: true });
const traverse = component('@babel/traverse', '7.0.0');
const request = component('request', '2.88.2', { direct: true });

const findings = [
  scored(express, 'GHSA-rv95-896h-c2vc', 60, { fixed: '4.19.2' }),
  scored(express, 'GHSA-qw6h-vgh9-j6wx', 40, { fixed: '4.20.0' }),
  scored(qs, 'GHSA-hrpp-h998-j3pp', 120, { fixed: '6.7.3', path: ['express@4.17.1', 'qs@6.7.0'] }),
  scored(pathToRegexp, 'GHSA-9wv6-86v2-598j', 100, {
    fixed: '0.1.10',
    path: ['express@4.17.1', 'path-to-regexp@0.1.7'],
  }),
  scored(pathToRegexp, 'GHSA-rhx6-c78j-4q9w', 20, {
    fixed: '0.1.12',
    path: ['express@4.17.1', 'path-to-regexp@0.1.7'],
  }),
  scored(lodash, 'GHSA-35jh-r3h4-6jhm', 72, { fixed: '4.17.21' }),
  scored(lodash, 'GHSA-p6mc-m468-83gw', 30, { fixed: '4.17.20' }),
  scored(traverse, 'GHSA-67hx-6x53-jw92', 9, {
    fixed: '7.23.2',
    path: ['@babel/core@7.0.0', '@babel/traverse@7.0.0'],
  }),
  scored(request, 'GHSA-p8p7-x288-28g6', 35),
  {
    ...scored(lodash, 'GHSA-29mw-wpgm-hmr9', 50, { fixed: '4.17.21' }),
    suppressed: { reason: 'accepted', by: 'ignore file' },
  },
];

describe('rankUpgrades', () => {
  it('groups fixes by the upgrade that removes them and ranks by risk removed', () => {
    assert.deepEqual(
      rankUpgrades(findings).map((a) => a.text),
      [
        'upgrade express 4.17.1 -> 4.20.0 with dependencies at path-to-regexp >= 0.1.12, qs >= 6.7.3 removes 5 findings, risk 340 -> 0',
        'upgrade lodash 4.17.15 -> 4.17.21 removes 2 findings, risk 102 -> 0',
        'update @babel/core 7.0.0 (or refresh the lockfile) to bring @babel/traverse >= 7.23.2: removes 1 finding, risk 9 -> 0',
        'no fixed version of request 2.88.2 is published: remove or replace it (risk 35)',
      ],
    );
  });

  it('returns the figures behind the text', () => {
    const [first] = rankUpgrades(findings);
    assert.deepEqual(
      { ...first, findings: first?.findings.length },
      {
        component: 'express',
        ecosystem: 'npm',
        location: 'package-lock.json',
        from: '4.17.1',
        to: '4.20.0',
        requires: [
          { name: 'path-to-regexp', from: '0.1.7', to: '0.1.12' },
          { name: 'qs', from: '6.7.0', to: '6.7.3' },
        ],
        removes: 5,
        riskBefore: 340,
        riskAfter: 0,
        findings: 5,
        text: first?.text,
      },
    );
  });

  it('orders versions with the comparison it is given, numerically by default', () => {
    assert.ok(compareLoosely('npm', '4.17.21', '4.17.3') > 0);
    assert.ok(compareLoosely('Go', 'v0.10.0', 'v0.9.0') > 0);
    assert.equal(compareLoosely('npm', '1.0.0', '1.0.0'), 0);
    const reversed = rankUpgrades(findings, (_e, a, b) => -compareLoosely('npm', a, b));
    assert.equal(reversed.find((a) => a.component === 'lodash')?.to, '4.17.20');
    const throwing = rankUpgrades(findings, () => {
      throw new Error('cannot compare');
    });
    assert.equal(throwing.find((a) => a.component === 'lodash')?.to, '4.17.21');
  });
});
