/**
 * Compares two strings of ASCII digits as unbounded non-negative integers, so that versions with
 * timestamps or long build numbers (20230101123456, 12345678901234567890) order exactly without
 * BigInt or float rounding. Leading zeros are ignored.
 */
export function compareDigits(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i++;
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j++;
  const lengthDiff = a.length - i - (b.length - j);
  if (lengthDiff !== 0) return lengthDiff < 0 ? -1 : 1;
  for (; i < a.length; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Three-way comparison of strings by UTF-16 code units (C `strcmp` / Ruby `<=>` order for ASCII). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
