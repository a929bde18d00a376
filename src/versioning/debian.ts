import { compareDigits, isDigitCode } from './numeric.ts';
import { defineScheme, type VersionScheme } from './scheme.ts';

/*
 * Debian: dpkg's version comparison (Debian Policy §5.6.12, dpkg lib/dpkg/version.c verrevcmp).
 * [epoch:]upstream[-revision]; epochs compare as numbers; upstream and revision alternate
 * non-digit runs, compared character by character with `~` before everything (even the end),
 * letters before other characters, and digit runs compared as numbers.
 */

interface DebianVersion {
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
}

const UPSTREAM = /^[A-Za-z0-9.+~:-]+$/;
const REVISION = /^[A-Za-z0-9.+~]*$/;

/** dpkg parseversion: what it reports as an error or a warning (bad characters) is invalid here. */
function parseDebian(input: string): DebianVersion | null {
  const version = input.trim();
  if (version === '' || /\s/.test(version)) return null;
  const colon = version.indexOf(':');
  let epoch = '0';
  let rest = version;
  if (colon >= 0) {
    epoch = version.slice(0, colon);
    // An epoch is a non-negative C int.
    if (!/^\d+$/.test(epoch) || compareDigits(epoch, '2147483647') > 0) return null;
    rest = version.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  // dpkg only warns when the upstream version does not start with a digit, and compares it anyway.
  if (!UPSTREAM.test(upstream) || !REVISION.test(revision)) return null;
  return { epoch, upstream, revision };
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** dpkg's `order`: digits (and the end) 0, letters their code, `~` -1, anything else code + 256. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigitCode(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1;
  return c + 256;
}

export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isDigitCode(a.charCodeAt(i))) ||
      (j < b.length && !isDigitCode(b.charCodeAt(j)))
    ) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    const si = i;
    const sj = j;
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++;
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++;
    // An absent digit run counts as 0, as in dpkg.
    const c = compareDigits(a.slice(si, i) || '0', b.slice(sj, j) || '0');
    if (c !== 0) return c;
  }
  return 0;
}

function compareDebian(a: DebianVersion, b: DebianVersion): number {
  return (
    compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision)
  );
}

export const debianScheme: VersionScheme = defineScheme<DebianVersion>({
  name: 'Debian',
  parse: parseDebian,
  compare: compareDebian,
});
