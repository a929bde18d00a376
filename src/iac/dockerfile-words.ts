/** Word-level helpers for Dockerfile instructions: shell-like splitting, quotes, flags, variables. */

/**
 * Splits on unquoted whitespace, keeping quotes and escapes in the words (BuildKit's RawQuotes).
 * `esc` is the Dockerfile's escape character (`\\` unless the escape directive says `` ` ``).
 */
export function shellWords(text: string, esc = '\\'): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote === '' && (c === ' ' || c === '\t' || c === '\n')) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    word += c;
    if (c === esc && quote !== "'" && i + 1 < text.length) {
      word += text.charAt(++i);
    } else if (quote === '' && (c === '"' || c === "'")) {
      quote = c;
    } else if (c === quote) {
      quote = '';
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Removes shell quotes and escapes from one word. */
export function unquote(word: string, esc = '\\'): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charAt(i);
    if (quote === '' && (c === '"' || c === "'")) {
      quote = c;
    } else if (c === quote) {
      quote = '';
    } else if (c === esc && quote !== "'" && i + 1 < word.length) {
      const next = word.charAt(++i);
      // Inside double quotes only the escape character, ", $ and ` are escaped, as in sh.
      out += quote === '"' && !`${esc}"$\``.includes(next) ? `${esc}${next}` : next;
    } else {
      out += c;
    }
  }
  return out;
}

export interface Flag {
  key: string;
  value: string;
}

/** Leading `--name[=value]` words; `rest` is the text after them. */
export function leadingFlags(text: string, esc = '\\'): { flags: Flag[]; rest: string } {
  const flags: Flag[] = [];
  const flag = /[ \t]*--([A-Za-z][\w-]*)(?:=((?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"'])*))?(?=[ \t]|$)/y;
  let end = 0;
  for (;;) {
    flag.lastIndex = end;
    const match = flag.exec(text);
    if (!match) break;
    flags.push({ key: match[1] ?? '', value: match[2] === undefined ? 'true' : unquote(match[2], esc) });
    end = flag.lastIndex;
  }
  return { flags, rest: text.slice(end).trimStart() };
}

/**
 * `KEY=value` pairs of ENV, ARG and LABEL, and the legacy `ENV KEY value` form. Undefined when a
 * word of the `=` form has no `=` (BuildKit refuses those). `value` is null for a bare `ARG NAME`.
 */
export function keyValues(
  text: string,
  bareKeys: boolean,
  esc = '\\',
): Array<{ key: string; value: string | null }> | undefined {
  const words = shellWords(text, esc);
  const first = words[0];
  if (first === undefined) return [];
  if (!first.includes('=')) {
    if (bareKeys) return words.map((w) => splitPair(w, esc) ?? { key: unquote(w, esc), value: null });
    // Legacy `ENV KEY value with spaces`: the key, then the rest of the line.
    const value = text.trimStart().slice(first.length).trim();
    return [{ key: unquote(first, esc), value: unquote(value, esc) }];
  }
  const pairs: Array<{ key: string; value: string | null }> = [];
  for (const word of words) {
    const pair = splitPair(word, esc) ?? (bareKeys ? { key: unquote(word, esc), value: null } : undefined);
    if (!pair) return undefined;
    pairs.push(pair);
  }
  return pairs;
}

function splitPair(word: string, esc: string): { key: string; value: string } | undefined {
  const i = word.indexOf('=');
  if (i <= 0) return undefined;
  return { key: unquote(word.slice(0, i), esc), value: unquote(word.slice(i + 1), esc) };
}

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}` and `${NAME:+word}` from `vars`;
 * a reference to an unknown name stays as written, so callers can tell it was not resolved.
 */
export function expandVariables(text: string, vars: ReadonlyMap<string, string>): string {
  if (!text.includes('$')) return text;
  return text.replace(
    /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\})/g,
    (
      whole,
      bare: string | undefined,
      name: string | undefined,
      op: string | undefined,
      word: string | undefined,
    ) => {
      const key = bare ?? name ?? '';
      const value = vars.get(key);
      if (op === undefined) return value ?? whole;
      const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
      if (op.endsWith('+')) return set ? (word ?? '') : value === undefined ? whole : '';
      return set ? (value ?? '') : (word ?? '');
    },
  );
}
