import spdxCorrect from 'spdx-correct';
import spdxParse from 'spdx-expression-parse';

/**
 * Turns a license string as package managers write it ("MIT", "Apache 2.0", "(MIT OR GPL-3.0)")
 * into an SPDX expression. Strings no SPDX id fits become `LicenseRef-` ids so nothing is dropped.
 */
export function toSpdxExpression(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '' || /^(UNLICENSED|UNKNOWN|NOASSERTION|NONE)$/i.test(text)) return undefined;
  if (isValidExpression(text)) return text;
  const corrected = spdxCorrect(text, { upgrade: true });
  if (corrected && isValidExpression(corrected)) return corrected;
  return `LicenseRef-${text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'unknown'}`;
}

function isValidExpression(text: string): boolean {
  try {
    spdxParse(text);
    return true;
  } catch {
    return false;
  }
}

/** Normalizes the license shapes manifests use: a string, a list, or `{ type }` objects. */
export function licensesFrom(value: unknown): string[] {
  const raw: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') raw.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object' && 'type' in v && typeof v.type === 'string') raw.push(v.type);
  };
  visit(value);
  const out = new Set<string>();
  for (const r of raw) {
    const expression = toSpdxExpression(r);
    if (expression) out.add(expression);
  }
  return [...out].sort();
}
