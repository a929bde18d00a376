import type { Ecosystem, Finding } from '../../model/index.ts';

/** Orders two versions of one ecosystem; the scan passes versioning's `compareVersions`. */
export type CompareVersions = (ecosystem: Ecosystem, a: string, b: string) => number;

/** A transitive package the upgrade must bring to a fixed version. */
export interface RequiredFix {
  name: string;
  from: string;
  to: string;
}

/** One upgrade and what it buys: `upgrade express 4.17.1 -> 4.21.2 removes 5 findings, risk 340 -> 20`. */
export interface UpgradeAdvice {
  /** The package to upgrade: the component itself, or the direct dependency a transitive one comes through. */
  component: string;
  ecosystem: Ecosystem;
  /** The lockfile or manifest it is declared in. */
  location: string;
  from: string;
  /** The smallest version that fixes the package's own findings; absent when only transitive ones are fixable. */
  to?: string;
  /** Transitive packages that must reach a fixed version through this upgrade (or a lockfile refresh). */
  requires: RequiredFix[];
  /** Findings the upgrade removes. */
  removes: number;
  /** Sum of the risk scores of the findings grouped under this upgrade. */
  riskBefore: number;
  /** Sum of the risk scores of those that stay (no fixed version published). */
  riskAfter: number;
  findings: string[];
  text: string;
}

/**
 * Groups open vulnerability findings by the upgrade that removes them (a transitive package under
 * the direct dependency it comes through, per `remediation.path`) and ranks the upgrades by the
 * risk they remove. Which release of a direct dependency brings a fixed transitive version is
 * registry knowledge this pure function does not have: such fixes are listed in `requires`.
 */
export function rankUpgrades(
  findings: readonly Finding[],
  compare: CompareVersions = compareLoosely,
): UpgradeAdvice[] {
  const groups = new Map<string, Finding[]>();
  const heads = new Map<string, { name: string; version: string; ecosystem: Ecosystem; location: string }>();
  for (const finding of findings) {
    const component = finding.component;
    if (finding.suppressed || !component || component.version === undefined) continue;
    if (finding.kind !== 'vulnerability' && finding.kind !== 'integrity') continue;
    const head = headOf(finding) ?? { name: component.name, version: component.version };
    const key = [component.location.path, component.ecosystem, head.name, head.version].join('\u0000');
    heads.set(key, { ...head, ecosystem: component.ecosystem, location: component.location.path });
    const list = groups.get(key) ?? [];
    list.push(finding);
    groups.set(key, list);
  }
  const advice = [...groups].map(([key, list]) => advise(heads.get(key)!, list, compare));
  return advice.sort(
    (a, b) =>
      b.riskBefore - b.riskAfter - (a.riskBefore - a.riskAfter) ||
      b.removes - a.removes ||
      (a.component < b.component ? -1 : a.component > b.component ? 1 : 0) ||
      (a.location < b.location ? -1 : 1),
  );
}

function advise(
  head: { name: string; version: string; ecosystem: Ecosystem; location: string },
  findings: Finding[],
  compare: CompareVersions,
): UpgradeAdvice {
  let to: string | undefined;
  const requires = new Map<string, RequiredFix>();
  let riskBefore = 0;
  let riskAfter = 0;
  let removes = 0;
  for (const finding of findings) {
    const component = finding.component!;
    const fixed = finding.remediation?.fixedVersion;
    riskBefore += finding.risk.score;
    if (fixed === undefined) {
      riskAfter += finding.risk.score;
      continue;
    }
    removes++;
    if (component.name === head.name && component.version === head.version) {
      if (to === undefined || safeCompare(compare, head.ecosystem, fixed, to) > 0) to = fixed;
    } else {
      const key = `${component.name}@${component.version}`;
      const seen = requires.get(key);
      if (!seen || safeCompare(compare, head.ecosystem, fixed, seen.to) > 0) {
        requires.set(key, { name: component.name, from: component.version!, to: fixed });
      }
    }
  }
  const required = [...requires.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const advice: UpgradeAdvice = {
    component: head.name,
    ecosystem: head.ecosystem,
    location: head.location,
    from: head.version,
    requires: required,
    removes,
    riskBefore,
    riskAfter,
    findings: findings.map((f) => f.id).sort(),
    text: '',
  };
  if (to !== undefined) advice.to = to;
  advice.text = describe(advice);
  return advice;
}

function describe(advice: UpgradeAdvice): string {
  const bring = advice.requires.map((r) => `${r.name} >= ${r.to}`).join(', ');
  const effect = `removes ${advice.removes} finding${advice.removes === 1 ? '' : 's'}, risk ${advice.riskBefore} -> ${advice.riskAfter}`;
  if (advice.to !== undefined) {
    const also = bring ? ` with dependencies at ${bring}` : '';
    return `upgrade ${advice.component} ${advice.from} -> ${advice.to}${also} ${effect}`;
  }
  if (bring)
    return `update ${advice.component} ${advice.from} (or refresh the lockfile) to bring ${bring}: ${effect}`;
  return `no fixed version of ${advice.component} ${advice.from} is published: remove or replace it (risk ${advice.riskBefore})`;
}

/** `express@4.17.1` of `remediation.path`, the direct dependency a transitive finding comes through. */
function headOf(finding: Finding): { name: string; version: string } | undefined {
  const first = finding.remediation?.path?.[0];
  if (!first || finding.component?.direct) return undefined;
  const at = first.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: first.slice(0, at), version: first.slice(at + 1) };
}

function safeCompare(compare: CompareVersions, ecosystem: Ecosystem, a: string, b: string): number {
  try {
    return compare(ecosystem, a, b);
  } catch {
    return compareLoosely(ecosystem, a, b);
  }
}

/** Dotted numeric comparison, for callers without versioning at hand (tests, library users). */
export function compareLoosely(_ecosystem: Ecosystem, a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.+-]/);
  const pb = b.replace(/^v/, '').split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const diff =
      x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return 0;
}
