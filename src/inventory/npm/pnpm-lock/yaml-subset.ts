/**
 * A reader for the block-style YAML that pnpm writes: indented mappings and sequences, one-line
 * flow collections, quoted and plain scalars, block scalars, `---` between documents.
 * A full YAML parser spends seconds on a 10,000-package lockfile; this spends tens of milliseconds.
 * Anything outside the subset (anchors, tags, multi-line flow collections or quoted scalars, tabs,
 * duplicate keys, comments after values) makes it return undefined, and the caller parses the file
 * with the `yaml` package instead, so the subset decides speed, never meaning.
 */
import { BlockScalar } from './yaml-block-scalar.ts';
import { BAIL, blockKey, inlineValue, isImplicitKey, lastIndex, mapping, skipSpaces } from './yaml-inline.ts';

/** One document: its root mapping, and the 1-based lines of the keys of the first two levels. */
export interface SubsetDocument {
  value: Record<string, unknown>;
  /** Line of the document's first key. */
  line: number;
  /** Top-level key (`packages`) to its line. */
  sectionLines: Map<string, number>;
  /** Top-level key to the lines of its entries (`/ms/2.1.3`). */
  entryLines: Map<string, Map<string, number>>;
}

interface Frame {
  indent: number;
  node: Record<string, unknown> | unknown[];
  /** 0 for the root mapping: its keys are the top-level sections. */
  depth: number;
  /** For a section's mapping (depth 1): where the lines of its keys go. */
  lines: Map<string, number> | undefined;
}

/** Parses `text` if it stays inside the subset; undefined otherwise. */
export function readYamlSubset(text: string): SubsetDocument[] | undefined {
  const reader = new SubsetReader(text);
  let lineNumber = 0;
  // The text after the last line break is a line only when it is not empty.
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (!reader.line(start, contentEnd, lineNumber)) return undefined;
    start = end + 1;
  }
  return reader.finish();
}

class SubsetReader {
  private readonly text: string;
  private readonly docs: SubsetDocument[] = [];
  private doc: SubsetDocument | undefined;
  private stack: Frame[] = [];
  /** A key written as `key:`, waiting for the next line to say whether a block follows. */
  private pendingKey: string | undefined;
  /** The frame holding the pending key. */
  private pendingFrame: Frame | undefined;
  /** True between a `---` and the document's first content line. */
  private opened = false;
  /** The block scalar (`key: |`) whose lines are being read. */
  private block: BlockScalar | undefined;

  /**
   * The first tab at or after the current line, or -1. YAML reads tabs as separators in places the
   * subset does not model, so a line with one is left to `yaml`; tracking the next one keeps the
   * search linear in the file.
   */
  private nextTab: number;

  constructor(text: string) {
    this.text = text;
    this.nextTab = text.indexOf('\t');
  }

  /** Consumes the line text[start, end) (no line break); false when the line is outside the subset. */
  line(start: number, end: number, lineNumber: number): boolean {
    const text = this.text;
    if (this.block) {
      const taken = this.block.line(text, start, end);
      if (taken !== 'ended') return taken;
      this.block = undefined;
    }
    const i = skipSpaces(text, start, end);
    if (i === end) return true;
    const first = text.charCodeAt(i);
    if (first === 35 /* # */) return true;
    if (this.nextTab >= 0 && this.nextTab < i) this.nextTab = text.indexOf('\t', i);
    if (this.nextTab >= 0 && this.nextTab < end) return false;
    const indent = i - start;
    if (indent === 0 && (first === 45 /* - */ || first === 46 /* . */ || first === 37) /* % */) {
      const marker = text.slice(i, end);
      if (marker === '---' || marker === '...') return this.documentMarker(marker);
      if (marker.startsWith('---') || marker.startsWith('...') || first === 37) return false;
    }
    if (!this.doc) {
      if (indent !== 0) return false;
      this.doc = { value: mapping(), line: lineNumber, sectionLines: new Map(), entryLines: new Map() };
      this.stack = [{ indent: 0, node: this.doc.value, depth: 0, lines: undefined }];
    }
    return this.content(indent, i, end, lineNumber);
  }

  finish(): SubsetDocument[] | undefined {
    if (this.opened) return undefined;
    this.endDocument();
    return this.docs.length === 0 ? undefined : this.docs;
  }

  private documentMarker(marker: string): boolean {
    // A document with no content is null, not a mapping: left to `yaml`.
    if (this.opened) return false;
    this.endDocument();
    this.opened = marker === '---';
    return true;
  }

  private endDocument(): void {
    this.block?.end();
    this.block = undefined;
    this.resolvePending(undefined, false);
    if (this.doc) this.docs.push(this.doc);
    this.doc = undefined;
    this.stack = [];
    this.opened = false;
  }

  /** A key written as `key:` takes its value from the lines below it, or stays null when none are deeper. */
  private resolvePending(indent: number | undefined, isItem: boolean): void {
    const key = this.pendingKey;
    const frame = this.pendingFrame;
    if (key === undefined || frame === undefined) return;
    this.pendingKey = undefined;
    this.pendingFrame = undefined;
    if (indent === undefined || indent < frame.indent || (indent === frame.indent && !isItem)) return;
    const node: Record<string, unknown> | unknown[] = isItem ? [] : mapping();
    (frame.node as Record<string, unknown>)[key] = node;
    let lines: Map<string, number> | undefined;
    if (frame.depth === 0 && !isItem) {
      lines = new Map();
      this.doc?.entryLines.set(key, lines);
    }
    this.stack.push({ indent, node, depth: frame.depth + 1, lines });
  }

  private content(indent: number, i: number, end: number, lineNumber: number): boolean {
    this.opened = false;
    const text = this.text;
    const isItem = text.charCodeAt(i) === 45 && (i + 1 === end || text.charCodeAt(i + 1) === 32);
    this.resolvePending(indent, isItem);
    let top = this.stack[this.stack.length - 1];
    // A sequence written at its key's indentation (`key:\n- a`) ends at the next key of that mapping.
    while (top && (top.indent > indent || (Array.isArray(top.node) && top.indent === indent && !isItem))) {
      this.stack.pop();
      top = this.stack[this.stack.length - 1];
    }
    if (!top || top.indent !== indent) return false;
    if (Array.isArray(top.node)) return isItem && this.item(top.node, i + 1, end);
    return !isItem && this.entry(top, i, end, lineNumber);
  }

  private item(list: unknown[], start: number, end: number): boolean {
    const i = skipSpaces(this.text, start, end);
    // A nested block or a mapping inside a sequence item: pnpm writes neither.
    if (i === end || isImplicitKey(this.text, i, end)) return false;
    const value = inlineValue(this.text, i, end);
    if (value === BAIL) return false;
    list.push(value);
    return true;
  }

  private entry(frame: Frame, i: number, end: number, lineNumber: number): boolean {
    const text = this.text;
    const key = blockKey(text, i, end);
    if (key === BAIL) return false;
    const map = frame.node as Record<string, unknown>;
    if (key === '__proto__' || Object.hasOwn(map, key)) return false;
    if (frame.depth === 0) this.doc?.sectionLines.set(key, lineNumber);
    else frame.lines?.set(key, lineNumber);
    const rest = lastIndex();
    if (rest === end || text.charCodeAt(rest) === 35 /* # */) {
      map[key] = null;
      this.pendingKey = key;
      this.pendingFrame = frame;
      return true;
    }
    const first = text.charCodeAt(rest);
    if (first === 124 /* | */ || first === 62 /* > */) {
      this.block = BlockScalar.open(text.slice(rest, end), map, key, frame.indent);
      return this.block !== undefined;
    }
    const value = inlineValue(text, rest, end);
    if (value === BAIL) return false;
    map[key] = value;
    return true;
  }
}
