/** Groups Bundler installs only for development: gems declared solely in these are dev scope. */
const DEV_GROUPS = new Set(['development', 'test']);

const BLOCK_OPENER = /\bdo\s*(?:\|[^|]*\|)?$/;
const KEYWORD_OPENER = /^(?:if|unless|case|begin|while|until|def|class|module)\b/;
const GEM = /^gem\s*\(?\s*["']([^"']+)["']/;
const INLINE_GROUPS = /(?:\bgroups?:|:groups?\s*=>)\s*(\[[^\]]*\]|:\w+|["'][\w-]+["'])/;

/**
 * Which gems a Gemfile declares only for development or test, from `group … do … end` blocks and
 * `group:`/`groups:` options. A line-oriented reading, not Ruby: it is right for Gemfiles as people
 * write them, and a gem it cannot place stays `prod`, the safe side.
 */
export function devOnlyGems(gemfile: string): Set<string> {
  const stack: (string[] | undefined)[] = [];
  const dev = new Set<string>();
  const prod = new Set<string>();
  for (const raw of gemfile.split('\n')) {
    const line = stripComment(raw).trim();
    if (line === '') continue;
    if (line === 'end' || line.startsWith('end ') || line.startsWith('end.')) {
      stack.pop();
      continue;
    }
    const gem = GEM.exec(line);
    if (gem?.[1]) {
      const inline = INLINE_GROUPS.exec(line);
      const groups = inline?.[1]
        ? symbols(inline[1])
        : (stack.findLast((frame) => frame !== undefined) ?? ['default']);
      (groups.every((g) => DEV_GROUPS.has(g)) ? dev : prod).add(gem[1]);
    }
    if (BLOCK_OPENER.test(line))
      stack.push(line.startsWith('group') ? symbols(line.replace(BLOCK_OPENER, '')) : undefined);
    else if (KEYWORD_OPENER.test(line) && !/\bend$/.test(line)) stack.push(undefined);
  }
  for (const name of prod) dev.delete(name);
  return dev;
}

function symbols(text: string): string[] {
  return [...text.matchAll(/:(\w+)|["']([\w-]+)["']/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** Drops a `#` comment that is not inside a string literal. */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#') {
      return line.slice(0, i);
    }
  }
  return line;
}
