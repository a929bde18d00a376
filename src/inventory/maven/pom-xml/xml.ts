import { PalisadeError } from '../../../model/index.ts';
import { LineIndex } from '../../lines.ts';
import { excerpt } from '../excerpt.ts';

/** No build descriptor comes near this; larger input is refused rather than parsed. */
export const MAX_XML_CHARS = 10 * 1024 * 1024;
const MAX_DEPTH = 100;

/**
 * An element as plain data: a leaf is its text; an element with children is an object of them
 * (repeated names become arrays) carrying the offset of its start tag under `#offset`.
 */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue | number;
}

export interface XmlDocument {
  rootName: string;
  root: XmlValue;
  lines: LineIndex;
}

/** An open element: its text until a child element appears, then the object of its children. */
interface Frame {
  name: string;
  offset: number;
  text: string;
  object: XmlObject | undefined;
}

// Tag names that would reach Object.prototype once the tree is copied into ordinary objects.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7-\uFFFF]*$/;

/**
 * A small, strict XML reader for build descriptors, one pass over the text. It knows elements, text,
 * comments, CDATA and processing instructions; it refuses DTDs outright, so no entity is ever
 * expanded (billion laughs, external entities), and caps size and nesting. Attributes are skipped:
 * no POM field Palisade reads is an attribute. (fast-xml-parser needs a validation pass besides its
 * parse and is several times slower on a 10,000-dependency POM.)
 */
export function parseXml(path: string, text: string, fix: string): XmlDocument {
  return new XmlReader(path, text, fix).read();
}

class XmlReader {
  private readonly path: string;
  private readonly text: string;
  private readonly fix: string;
  private readonly lines: LineIndex;
  private readonly stack: Frame[] = [];
  private root: { name: string; value: XmlValue } | undefined;

  constructor(path: string, text: string, fix: string) {
    this.path = path;
    this.text = text;
    this.fix = fix;
    this.lines = new LineIndex(text);
  }

  read(): XmlDocument {
    const { text, stack } = this;
    if (text.length > MAX_XML_CHARS) {
      this.fail(
        0,
        `file is ${Math.round(text.length / 1048576)} MB, over the ${MAX_XML_CHARS / 1048576} MB limit`,
      );
    }
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < text.length) {
      const lt = text.indexOf('<', i);
      this.characters(i, lt < 0 ? text.length : lt);
      if (lt < 0) break;
      const next = text.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */) i = this.declaration(lt);
      else if (next === 0x3f /* ? */) i = this.after('?>', lt + 2, lt, 'unclosed <?');
      else if (next === 0x2f /* / */) i = this.endTag(lt);
      else i = this.startTag(lt);
    }
    const open = stack.map((e) => `<${excerpt(e.name, 40)}>`).join('');
    if (open)
      this.fail(
        text.length,
        `invalid XML (the file ends inside ${open.length > 120 ? `${open.slice(0, 117)}...` : open})`,
      );
    if (!this.root) return this.fail(0, 'invalid XML (no document element)');
    return { rootName: this.root.name, root: this.root.value, lines: this.lines };
  }

  private fail(offset: number, what: string): never {
    throw new PalisadeError('input', `${this.path}:${this.lines.lineAt(offset)}: ${what}; ${this.fix}`);
  }

  /** Text between markup: kept while the open element has no child element, refused outside the root. */
  private characters(from: number, to: number): void {
    if (from === to) return;
    const top = this.stack[this.stack.length - 1];
    if (top) {
      if (top.object === undefined) top.text += this.text.slice(from, to);
      return;
    }
    const stray = this.text.slice(from, to).search(/\S/);
    if (stray >= 0) this.fail(from + stray, 'invalid XML (text outside the document element)');
  }

  /** `<!--`, `<![CDATA[` and `<!DOCTYPE`, which is refused. */
  private declaration(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) return this.after('-->', lt + 4, lt, 'unclosed comment');
    if (text.startsWith('<![CDATA[', lt)) {
      const end = this.after(']]>', lt + 9, lt, 'unclosed CDATA section');
      const top = this.stack[this.stack.length - 1];
      if (!top) this.fail(lt, 'invalid XML (CDATA outside the document element)');
      top.text += escapeForDecode(text.slice(lt + 9, end - 3));
      return end;
    }
    if (text.startsWith('<!DOCTYPE', lt))
      this.fail(lt, 'DOCTYPE declarations are not allowed (entities are never expanded)');
    return this.fail(lt, 'invalid XML (unexpected <!)');
  }

  private endTag(lt: number): number {
    const end = this.text.indexOf('>', lt);
    const name = this.text.slice(lt + 2, end < 0 ? lt + 2 : end).trim();
    const top = this.stack.pop();
    if (!top) this.fail(lt, `invalid XML (closing tag </${excerpt(name, 40)}> without an opening tag)`);
    if (end < 0 || name !== top.name)
      this.fail(lt, `invalid XML (expected </${excerpt(top.name, 40)}>, found </${excerpt(name, 40)}>)`);
    this.close(top);
    return end + 1;
  }

  /** Reads `<name attr="…" …>` from `<`, skipping attributes (whose values may hold `>`). */
  private startTag(lt: number): number {
    const { text } = this;
    let j = lt + 1;
    for (let c = text.charCodeAt(j); j < text.length; c = text.charCodeAt(++j)) {
      if (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) break;
    }
    const name = text.slice(lt + 1, j);
    if (!NAME.test(name)) this.fail(lt, `invalid XML (bad element name "${excerpt(name, 40)}")`);
    let quote = 0;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3c) break;
      else if (c === 0x3e) {
        const frame: Frame = { name, offset: lt, text: '', object: undefined };
        if (text.charCodeAt(j - 1) === 0x2f) this.close(frame);
        else if (this.stack.push(frame) > MAX_DEPTH)
          this.fail(lt, `invalid XML (elements nested deeper than ${MAX_DEPTH})`);
        return j + 1;
      }
    }
    return this.fail(lt, `invalid XML (unclosed tag <${excerpt(name, 40)}>)`);
  }

  private close(frame: Frame): void {
    const value = frame.object ?? decodeXmlText(frame.text).trim();
    const parent = this.stack[this.stack.length - 1];
    if (parent) addChild(parent, frame.name, value);
    else if (this.root) this.fail(frame.offset, 'invalid XML (more than one document element)');
    else this.root = { name: frame.name, value };
  }

  private after(terminator: string, from: number, lt: number, problem: string): number {
    const end = this.text.indexOf(terminator, from);
    return end < 0 ? this.fail(lt, `invalid XML (${problem})`) : end + terminator.length;
  }
}

function addChild(parent: Frame, tagName: string, value: XmlValue): void {
  if (parent.object === undefined) parent.object = { '#offset': parent.offset };
  const object = parent.object;
  const name = RESERVED.has(tagName) ? `$${tagName}` : tagName;
  const existing = Object.hasOwn(object, name) ? object[name] : undefined;
  if (existing === undefined) object[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else if (typeof existing !== 'number') object[name] = [existing, value];
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; other references stay as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** CDATA is literal: protect its `&` from the decoding that the element's text gets. */
function escapeForDecode(cdata: string): string {
  return cdata.replaceAll('&', '&amp;');
}
