import { Buffer } from 'node:buffer';
import {
  type Candidate,
  claimedByEarlierRule,
  countNewlines,
  hasMarker,
  regexTarget,
  secretOf,
} from './candidate.ts';
import { entropyGate, shannonEntropy } from './entropy.ts';
import { LineScan, type LineScanHost } from './linescan.ts';
import { fingerprint, redact } from './redact.ts';
import type { CompiledAllowlist, CompiledRule, Ruleset } from './ruleset.ts';
import { runWithBudget } from './sandbox.ts';
import type { FileScan, NumberedLine, ScanOptions, SecretMatch } from './types.ts';

const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_LINE_BYTES = 16 * 1024;
const BINARY_PROBE_BYTES = 8192;
const BUDGET_MS = 2000;
/**
 * Files allowed to run out of time before configured regexes are skipped for the rest of the
 * scan: an allowlist regex that backtracks on every secret would otherwise cost the budget per
 * file (2 s x 10,000 files), which is a stalled scan.
 */
const MAX_CUSTOM_TIMEOUTS = 3;
const BUDGET_MS_PER_MIB = 250;

/** Scans the bytes of one file. `path` is relative to the scan root (posix), as allowlists expect. */
export function scanBytes(
  path: string,
  input: Uint8Array,
  ruleset: Ruleset,
  options: ScanOptions = {},
): FileScan {
  return new FileScanner(path, toBuffer(input), ruleset, options, undefined).run();
}

/** Scans a file's text (encoded as UTF-8 to share the byte-level prefilter). */
export function scanText(path: string, text: string, ruleset: Ruleset, options: ScanOptions = {}): FileScan {
  return new FileScanner(path, Buffer.from(text, 'utf8'), ruleset, options, undefined).run();
}

/**
 * Scans excerpts of a file — the added lines of a diff — reporting each match at the line number
 * the caller gives. The lines are scanned as if adjacent, so a match never spans a gap.
 */
export function scanLines(
  path: string,
  lines: readonly NumberedLine[],
  ruleset: Ruleset,
  options: ScanOptions = {},
): FileScan {
  const text = lines.map((l) => l.text.replaceAll('\n', ' ')).join('\n');
  const numbers = lines.map((l) => l.line);
  return new FileScanner(path, Buffer.from(text, 'utf8'), ruleset, options, numbers).run();
}

function toBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

class FileScanner implements LineScanHost {
  private readonly path: string;
  private readonly buf: Buffer;
  private readonly ruleset: Ruleset;
  private readonly options: ScanOptions;
  private readonly lineNumbers: readonly number[] | undefined;
  private readonly active: Uint8Array;
  private readonly candidates: Candidate[] = [];
  private readonly warnings: string[] = [];
  private newlineStarts: number[] = [0];
  private newlineNext = 0;
  private text: string | undefined;
  private textLines: number[] | undefined;

  constructor(
    path: string,
    buf: Buffer,
    ruleset: Ruleset,
    options: ScanOptions,
    lineNumbers: readonly number[] | undefined,
  ) {
    this.path = path;
    this.buf = buf;
    this.ruleset = ruleset;
    this.options = options;
    this.lineNumbers = lineNumbers;
    this.active = new Uint8Array(ruleset.rules.length);
    for (const rule of ruleset.rules)
      this.active[rule.index] = rule.pathGated ? Number(this.ruleApplies(rule)) : 1;
  }

  run(): FileScan {
    const result: FileScan = { path: this.path, status: 'scanned', matches: [], warnings: this.warnings };
    if (this.ruleset.allowlists.some((a) => a.byPath && a.paths.some((p) => p(this.path)))) {
      result.status = 'allowlisted';
      return result;
    }
    result.matches.push(...this.pathOnlyMatches());
    if (this.buf.length > (this.options.maxFileBytes ?? MAX_FILE_BYTES)) {
      result.status = 'too-large';
      return result;
    }
    if (this.buf.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
      result.status = 'binary';
      return result;
    }
    const fileRules = new LineScan(this).prefilter();
    result.matches.push(...this.settle(fileRules));
    return result;
  }

  /** Whether a path-gated rule is used for this file at all. */
  private ruleApplies(rule: CompiledRule): boolean {
    if (rule.path && !rule.path(this.path)) return false;
    return !rule.allowlists.some((a) => a.byPath && a.paths.some((p) => p(this.path)));
  }

  isActive(rule: number): boolean {
    return this.active[rule] === 1;
  }

  get bytes(): Buffer {
    return this.buf;
  }

  get rules(): Ruleset {
    return this.ruleset;
  }

  get maxLineBytes(): number {
    return this.options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  addCandidate(candidate: Candidate): void {
    this.candidates.push(candidate);
  }

  private pathOnlyMatches(): SecretMatch[] {
    return this.ruleset.pathOnly
      .filter((rule) => this.active[rule.index] === 1 && (!rule.path || rule.path(this.path)))
      .map((rule) => ({
        ruleId: rule.id,
        description: rule.description,
        severity: rule.severity,
        path: this.path,
        line: 1,
        endLine: 1,
        column: 1,
        redacted: '(the whole file)',
        length: 0,
        entropy: 0,
        fingerprint: fingerprint(rule.id, this.path, ''),
        tags: rule.tags,
      }));
  }

  /**
   * Runs the configured (file-scope) rules, then the checks that decide which candidates are
   * secrets. Anything that may run a regex from a configuration runs under the time budget.
   */
  private settle(fileRules: CompiledRule[]): SecretMatch[] {
    const timeouts = this.ruleset.customRegexTimeouts;
    const custom =
      this.ruleset.hasCustomRegex &&
      timeouts.count < MAX_CUSTOM_TIMEOUTS &&
      (fileRules.length > 0 || this.candidates.length > 0);
    let accepted: [SecretMatch, string][];
    if (!custom) {
      accepted = this.accept(true);
    } else {
      const budget =
        (this.options.customRegexBudgetMs ?? BUDGET_MS) + (this.buf.length / 2 ** 20) * BUDGET_MS_PER_MIB;
      const builtinCandidates = this.candidates.length;
      const boxed = runWithBudget(() => {
        for (const rule of fileRules) this.runFileRule(rule);
        return this.accept(false);
      }, budget);
      if (boxed.ok) {
        accepted = boxed.value;
      } else {
        timeouts.count++;
        const rest =
          timeouts.count === MAX_CUSTOM_TIMEOUTS
            ? `; after ${MAX_CUSTOM_TIMEOUTS} such files they are skipped for the rest of the scan (simplify their regexes)`
            : '';
        this.warnings.push(
          `${this.path}: configured secret rules or allowlists ran out of time (${Math.round(budget)} ms); ` +
            `the file was checked with the built-in rules and allowlists only${rest}`,
        );
        this.candidates.length = builtinCandidates;
        accepted = this.accept(true);
      }
    }
    for (const [match, secret] of accepted) this.options.onSecret?.(match, secret);
    return accepted.map(([match]) => match);
  }

  private runFileRule(rule: CompiledRule): void {
    const regex = rule.regex!;
    const text = this.decoded();
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const secret = secretOf(m, rule.secretGroup);
      if (!secret) continue;
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      const lineEnd = text.indexOf('\n', m.index);
      const secretAt = m.index + Math.max(0, m[0].indexOf(secret));
      const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
      this.candidates.push({
        rule,
        secret,
        match: m[0],
        lineText,
        marked: hasMarker(lineText),
        lineIndex: this.lineOfChar(lineStart),
        lineByte: -1,
        textByte: -1,
        matchIndex: m.index - lineStart,
        secretIndex: secretAt - lineStart,
        newlines: countNewlines(m[0], 0, m[0].length),
      });
    }
  }

  private decoded(): string {
    this.text ??= this.buf.toString('utf8');
    return this.text;
  }

  /** 0-based line of a UTF-16 offset in the decoded text. */
  private lineOfChar(offset: number): number {
    const text = this.decoded();
    if (!this.textLines) {
      this.textLines = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.textLines.push(i + 1);
    }
    return lastAtOrBefore(this.textLines, offset);
  }

  /** The candidates that are secrets, each with its value for the caller's `onSecret`. */
  private accept(builtinOnly: boolean): [SecretMatch, string][] {
    const accepted: [SecretMatch, string][] = [];
    const seen = new Set<string>();
    const byText = new Map<string, Candidate[]>();
    for (const c of this.candidates) {
      const key = `${c.lineByte}:${c.lineIndex}:${c.textByte}`;
      const list = byText.get(key);
      if (list) list.push(c);
      else byText.set(key, [c]);
    }
    // Configured rules run over the whole text: their candidates are grouped by line, not by window.
    const fileScope = builtinOnly ? [] : this.candidates.filter((c) => c.rule.scope === 'file');
    for (const c of this.candidates) {
      if (c.rule.requireDigit && !/[0-9]/.test(c.secret)) continue;
      if (
        c.rule.generic &&
        (claimedByEarlierRule(c, byText.get(`${c.lineByte}:${c.lineIndex}:${c.textByte}`)!) ||
          (fileScope.length > 0 && this.claimedByFileRule(c, fileScope)))
      ) {
        continue;
      }
      const entropy = shannonEntropy(c.secret);
      if (c.rule.entropy !== undefined && entropy <= entropyGate(c.rule.entropy, c.secret)) continue;
      if (c.marked) continue;
      if (this.allowlisted(c, builtinOnly)) continue;
      const line = this.lineOf(c);
      const key = `${c.rule.index}\0${line}\0${c.secret}`;
      if (seen.has(key)) continue;
      seen.add(key);
      accepted.push([this.toMatch(c, line, entropy), c.secret]);
    }
    return accepted.sort(
      ([a], [b]) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1),
    );
  }

  /** A generic candidate gives way to an overlapping one, on its line, of a configured rule ranked before it. */
  private claimedByFileRule(c: Candidate, fileScope: readonly Candidate[]): boolean {
    const line = this.lineOf(c);
    const start = this.charsBefore(c) + c.secretIndex;
    const end = start + c.secret.length;
    return fileScope.some(
      (o) =>
        o.rule.index < c.rule.index &&
        o.lineIndex === line &&
        o.secretIndex < end &&
        start < o.secretIndex + o.secret.length,
    );
  }

  /** UTF-16 code units between the start of a candidate's line and the window its offsets count from. */
  private charsBefore(c: Candidate): number {
    return c.textByte > c.lineByte && c.lineByte >= 0
      ? this.buf.toString('utf8', c.lineByte, c.textByte).length
      : 0;
  }

  private allowlisted(c: Candidate, builtinOnly: boolean): boolean {
    const check = (a: CompiledAllowlist) =>
      (!builtinOnly || a.regexes.length === 0 || a.trusted) && this.allows(a, c);
    return c.rule.allowlists.some(check) || this.ruleset.allowlists.some(check);
  }

  private allows(allowlist: CompiledAllowlist, c: Candidate): boolean {
    const checks: boolean[] = [];
    if (allowlist.commits.length > 0) {
      checks.push(this.options.commit !== undefined && allowlist.commits.includes(this.options.commit));
    }
    if (allowlist.paths.length > 0) checks.push(allowlist.paths.some((p) => p(this.path)));
    if (allowlist.regexes.length > 0) {
      const target = regexTarget(allowlist.regexTarget, c);
      checks.push(allowlist.regexes.some((r) => r.test(target)));
    }
    if (allowlist.stopwords.length > 0) {
      const lower = c.secret.toLowerCase();
      checks.push(allowlist.stopwords.some((w) => lower.includes(w)));
    }
    return allowlist.and ? checks.length > 0 && checks.every(Boolean) : checks.some(Boolean);
  }

  /** 0-based line of a candidate, counting newlines in the bytes only as far as needed. */
  private lineOf(c: Candidate): number {
    if (c.lineIndex >= 0) return c.lineIndex;
    const starts = this.newlineStarts;
    while (this.newlineNext <= c.lineByte) {
      const nl = this.buf.indexOf(10, this.newlineNext);
      if (nl < 0) {
        this.newlineNext = Number.POSITIVE_INFINITY;
        break;
      }
      starts.push(nl + 1);
      this.newlineNext = nl + 1;
    }
    return lastAtOrBefore(starts, c.lineByte);
  }

  private toMatch(c: Candidate, lineIndex: number, entropy: number): SecretMatch {
    const line = this.lineNumbers?.[lineIndex] ?? lineIndex + 1;
    const offsetChars = this.charsBefore(c);
    return {
      ruleId: c.rule.id,
      description: c.rule.description,
      severity: c.rule.severity,
      path: this.path,
      line,
      endLine: this.lineNumbers?.[lineIndex + c.newlines] ?? line + c.newlines,
      column: offsetChars + c.secretIndex + 1,
      redacted: redact(c.secret),
      length: c.secret.length,
      entropy: Math.round(entropy * 100) / 100,
      fingerprint: fingerprint(c.rule.id, this.path, c.secret),
      tags: c.rule.tags,
    };
  }
}

/** Index of the last element of sorted `starts` that is at most `value`. */
function lastAtOrBefore(starts: readonly number[], value: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
