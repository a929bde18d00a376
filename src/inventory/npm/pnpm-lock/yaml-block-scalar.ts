import { skipSpaces } from './yaml-inline.ts';

// `|` or `>`, with clip or strip (`-`) chomping. Keep chomping (`+`) and indentation indicators
// bring in YAML's rules for trailing and space-only lines, which pnpm's messages do not need:
// those headers, like space-only lines inside a scalar, are left to `yaml`.
const HEADER = /^([|>])(-?)$/;

/**
 * A block scalar (`key: |`, `key: >-`), the form pnpm gives multi-line and very long
 * `deprecated` messages. It takes the lines after its key until one is indented no deeper than
 * the key, then stores its value in the key's mapping.
 */
export class BlockScalar {
  private readonly lines: string[] = [];
  /** Content indentation, from the first non-empty line. */
  private indent: number | undefined;
  private readonly map: Record<string, unknown>;
  private readonly key: string;
  private readonly parentIndent: number;
  private readonly folded: boolean;
  private readonly strip: boolean;

  /** undefined when `header` is not a block scalar header of the subset. */
  static open(
    header: string,
    map: Record<string, unknown>,
    key: string,
    parentIndent: number,
  ): BlockScalar | undefined {
    const match = HEADER.exec(header);
    return match ? new BlockScalar(map, key, parentIndent, match[1] === '>', match[2] === '-') : undefined;
  }

  private constructor(
    map: Record<string, unknown>,
    key: string,
    parentIndent: number,
    folded: boolean,
    strip: boolean,
  ) {
    this.map = map;
    this.key = key;
    this.parentIndent = parentIndent;
    this.folded = folded;
    this.strip = strip;
    map[key] = '';
  }

  /** true: the line is content; 'ended': a less indented line ends the scalar; false: outside the subset. */
  line(text: string, start: number, end: number): boolean | 'ended' {
    const i = skipSpaces(text, start, end);
    const spaces = i - start;
    if (i === end) {
      if (spaces > 0) return false;
      this.lines.push('');
      return true;
    }
    if (this.indent === undefined && spaces > this.parentIndent) this.indent = spaces;
    if (this.indent !== undefined && spaces >= this.indent) {
      this.lines.push(text.slice(start + this.indent, end));
      return true;
    }
    if (spaces > this.parentIndent) return false;
    this.end();
    return 'ended';
  }

  end(): void {
    const lines = this.lines;
    let last = lines.length;
    while (last > 0 && lines[last - 1] === '') last--;
    const body = this.folded ? fold(lines, last) : lines.slice(0, last).join('\n');
    this.map[this.key] = this.strip || last === 0 ? body : `${body}\n`;
  }
}

/**
 * Folding (YAML 1.2, 8.1.3): a line break between two text lines becomes a space, empty lines
 * between them become line breaks, and lines starting with white space keep their breaks.
 */
function fold(lines: string[], count: number): string {
  let out = '';
  let empty = 0;
  let started = false;
  let previousMore = false;
  for (let i = 0; i < count; i++) {
    const line = lines[i] as string;
    if (line === '') {
      empty++;
      continue;
    }
    const more = line.startsWith(' ') || line.startsWith('\t');
    if (!started) out += '\n'.repeat(empty);
    else if (more || previousMore) out += '\n'.repeat(empty + 1);
    else out += empty > 0 ? '\n'.repeat(empty) : ' ';
    out += line;
    empty = 0;
    started = true;
    previousMore = more;
  }
  return out;
}
