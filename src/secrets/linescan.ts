import type { Buffer } from 'node:buffer';
import { type Candidate, countNewlines, hasMarker, secretOf } from './candidate.ts';
import type { CompiledRule, Ruleset } from './ruleset.ts';

/** Around each keyword of a long line: provider prefixes sit inside the secret, assignment names before it. */
const WINDOW_BEFORE = 512;
const WINDOW_AFTER = 1024;
const MAX_WINDOW = 64 * 1024;

/** What the line scan needs from the scan of its file. */
export interface LineScanHost {
  readonly bytes: Buffer;
  readonly rules: Ruleset;
  readonly maxLineBytes: number;
  isActive(rule: number): boolean;
  addCandidate(candidate: Candidate): void;
}

/**
 * The keyword pass and the built-in (line-scope) rules: one automaton pass over the bytes; a
 * line is decoded and its rules run only when it holds a keyword of theirs.
 */
export class LineScan {
  private readonly file: LineScanHost;
  private readonly seen: Int32Array;
  private readonly fileHits: Uint8Array;
  private stamp = 0;
  private lineStart = -1;
  private lineEnd = -1;
  private readonly lineRules: number[] = [];
  private readonly hitEnds: number[] = [];

  constructor(file: LineScanHost) {
    this.file = file;
    this.seen = new Int32Array(file.rules.rules.length).fill(-1);
    this.fileHits = new Uint8Array(file.rules.rules.length);
  }

  /** Runs the pass; returns the file-scope rules to run over the whole file. */
  prefilter(): CompiledRule[] {
    const { scanner, rulesByState } = this.file.rules;
    const buf = this.file.bytes;
    const long = this.file.maxLineBytes;
    scanner.scan(buf, (end, state) => {
      const rules = rulesByState[state];
      if (rules === undefined) return;
      if (end >= this.lineEnd) {
        if (this.lineRules.length > 0) this.flush();
        this.hitEnds.length = 0;
        this.lineStart = buf.lastIndexOf(10, end) + 1;
        const nl = buf.indexOf(10, end);
        this.lineEnd = nl < 0 ? buf.length : nl;
        this.stamp++;
      }
      for (let i = 0; i < rules.length; i++) this.note(rules[i]!);
      if (this.lineEnd - this.lineStart > long) this.hitEnds.push(end);
    });
    if (this.lineRules.length > 0) this.flush();
    const all = this.file.rules.rules;
    return all.filter(
      (r) =>
        r.scope === 'file' &&
        r.regex !== null &&
        this.file.isActive(r.index) &&
        (this.fileHits[r.index] === 1 || this.file.rules.keywordless.includes(r)),
    );
  }

  private note(index: number): void {
    if (this.seen[index] === this.stamp || !this.file.isActive(index)) return;
    this.seen[index] = this.stamp;
    if (this.file.rules.rules[index]!.scope === 'file') this.fileHits[index] = 1;
    else this.lineRules.push(index);
  }

  private flush(): void {
    const rules = this.lineRules.sort((a, b) => a - b).map((i) => this.file.rules.rules[i]!);
    const buf = this.file.bytes;
    if (this.lineEnd - this.lineStart <= this.file.maxLineBytes) {
      let text = buf.toString('utf8', this.lineStart, this.lineEnd);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      for (const rule of rules) this.runRule(rule, text, this.lineStart, this.lineEnd);
    } else {
      for (const [start, end] of this.windows()) {
        const text = buf.toString('utf8', start, end);
        for (const rule of rules) this.runRule(rule, text, start, end);
      }
    }
    this.lineRules.length = 0;
    this.hitEnds.length = 0;
  }

  /** Byte ranges of a long line around its keyword hits, merged, at UTF-8 character boundaries. */
  private windows(): [number, number][] {
    const buf = this.file.bytes;
    const windows: [number, number][] = [];
    for (const end of this.hitEnds) {
      const start = Math.max(this.lineStart, end - WINDOW_BEFORE);
      const stop = Math.min(this.lineEnd, end + WINDOW_AFTER);
      const last = windows[windows.length - 1];
      if (last && start <= last[1] && stop - last[0] <= MAX_WINDOW) last[1] = Math.max(last[1], stop);
      else windows.push([start, stop]);
    }
    for (const w of windows) {
      while (w[0] > this.lineStart && (buf[w[0]]! & 0xc0) === 0x80) w[0]--;
      while (w[1] < this.lineEnd && (buf[w[1]]! & 0xc0) === 0x80) w[1]++;
    }
    return windows;
  }

  /**
   * Runs a rule over a line or a window of one (`lineText`, bytes [textByte, textEnd)). A
   * multi-line rule reads on past the end, up to its reach, but its match must start in the text.
   */
  private runRule(rule: CompiledRule, lineText: string, textByte: number, textEnd: number): void {
    let text = lineText;
    const lineLength = lineText.length;
    if (rule.multiline !== undefined && textEnd - textByte < rule.multiline) {
      const buf = this.file.bytes;
      text = buf.toString('utf8', textByte, Math.min(buf.length, textByte + rule.multiline));
    }
    const regex = rule.regex!;
    let marked: boolean | undefined;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m.index > lineLength) break;
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const secret = secretOf(m, rule.secretGroup);
      if (!secret) continue;
      const inMatch = Math.max(0, m[0].indexOf(secret));
      marked ??= hasMarker(lineText);
      this.file.addCandidate({
        rule,
        secret,
        match: m[0],
        lineText,
        marked,
        lineIndex: -1,
        lineByte: this.lineStart,
        textByte,
        matchIndex: m.index,
        secretIndex: m.index + (countNewlines(m[0], 0, inMatch) > 0 ? 0 : inMatch),
        newlines: countNewlines(m[0], 0, m[0].length),
      });
    }
  }
}
