import { shellWords, unquote } from './dockerfile-words.ts';
import { inputError } from './resource.ts';

/**
 * The physical layer of a Dockerfile, following BuildKit's frontend/dockerfile/parser: parser
 * directives at the top, comment lines, the escape character joining continuation lines (with
 * comment and blank lines inside a continuation dropped), and here-documents after RUN, COPY and
 * ADD. What an instruction means is left to dockerfile.ts.
 */

export const DOCKERFILE_FIX = 'fix the Dockerfile (`docker build --check` shows the details)';

export interface Directives {
  syntax: string | null;
  escape: string;
  check: string | null;
}

export interface RawHeredoc {
  name: string;
  body: string;
  line: number;
  expand: boolean;
}

export interface RawInstruction {
  /** Upper case keyword. */
  keyword: string;
  line: number;
  endLine: number;
  /** Everything after the keyword, continuation lines joined. */
  text: string;
  /** Where each physical line starts in `text`, to put a match inside it on its own line. */
  segments: Array<{ offset: number; line: number }>;
  heredocs: RawHeredoc[];
}

export interface LexedDockerfile {
  directives: Directives;
  instructions: RawInstruction[];
}

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=(.*)$/;
const HEREDOC_COMMANDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;

export function lexDockerfile(path: string, contents: string): LexedDockerfile {
  const text = contents.charCodeAt(0) === 0xfeff ? contents.slice(1) : contents;
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const directives: Directives = { syntax: null, escape: '\\', check: null };
  let i = readDirectives(path, lines, directives);
  const continuation = new RegExp(`${directives.escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  const instructions: RawInstruction[] = [];

  while (i < lines.length) {
    const first = (lines[i] ?? '').trimStart();
    const line = ++i;
    if (first === '' || first.startsWith('#')) continue;
    const segments = [{ offset: 0, line }];
    let joined = first;
    let open = continuation.test(joined);
    if (open) joined = joined.replace(continuation, '');
    while (open && i < lines.length) {
      const next = lines[i] ?? '';
      i++;
      const trimmed = next.trimStart();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      segments.push({ offset: joined.length, line: i });
      open = continuation.test(next);
      joined += open ? next.replace(continuation, '') : next;
    }
    const match = /^(\S+)(?:[ \t]+|$)/.exec(joined);
    const keyword = (match?.[1] ?? joined).toUpperCase();
    const offset = match?.[0].length ?? joined.length;
    const instruction: RawInstruction = {
      keyword,
      line,
      endLine: i,
      text: joined.slice(offset),
      segments: segments.map((s) => ({ offset: Math.max(0, s.offset - offset), line: s.line })),
      heredocs: [],
    };
    if (HEREDOC_COMMANDS.has(keyword) && instruction.text.includes('<<')) {
      i = readHeredocs(path, lines, i, instruction);
    }
    instructions.push(instruction);
  }
  return { directives, instructions };
}

/** Reads directives until the first line that is not one; returns the index of that line. */
function readDirectives(path: string, lines: string[], directives: Directives): number {
  const seen = new Set<string>();
  let i = 0;
  for (; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i] ?? '');
    const name = match?.[1]?.toLowerCase();
    if (!match || (name !== 'syntax' && name !== 'escape' && name !== 'check')) break;
    if (seen.has(name)) throw inputError(path, i + 1, `the ${name} directive is given twice`, DOCKERFILE_FIX);
    seen.add(name);
    const value = (match[2] ?? '').trim();
    if (name === 'escape') {
      if (value !== '\\' && value !== '`') {
        throw inputError(path, i + 1, `invalid escape character '${value.slice(0, 10)}'`, 'use \\ or `');
      }
      directives.escape = value;
    } else {
      directives[name] = value;
    }
  }
  return i;
}

/** Reads the bodies of the here-documents `instruction` opens; returns the index after them. */
function readHeredocs(path: string, lines: string[], start: number, instruction: RawInstruction): number {
  let i = start;
  for (const word of shellWords(instruction.text)) {
    const match = HEREDOC_WORD.exec(word);
    if (!match || (match[3] ?? '') === '') continue;
    const quoted = /["']/.test(match[3] ?? '');
    const name = unquote(match[3] ?? '');
    const chomp = match[2] === '-';
    const body: string[] = [];
    const bodyLine = i + 1;
    let terminated = false;
    while (i < lines.length) {
      const raw = lines[i] ?? '';
      i++;
      const content = chomp ? raw.replace(/^\t+/, '') : raw;
      if (content === name) {
        terminated = true;
        break;
      }
      body.push(content);
    }
    if (!terminated) {
      throw inputError(path, instruction.line, `here-document ${name} is not terminated`, DOCKERFILE_FIX);
    }
    instruction.heredocs.push({
      name,
      body: body.map((l) => `${l}\n`).join(''),
      line: bodyLine,
      expand: !quoted,
    });
  }
  instruction.endLine = i;
  return i;
}
