import { Optional } from '@marcbachmann/cel-js';
import { isDuration, isMap, mapEntries } from './compare.ts';
import { fail } from './errors.ts';

/**
 * cel-go's `string.format(list)`: `%s`, `%d`, `%f` (precision `%.3f`), `%e`, `%x`/`%X`, `%o`,
 * `%b` and `%%`, with cel-go's rules for which types each verb accepts.
 */
export function formatString(template: string, args: readonly unknown[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec = /^%(?:\.(\d+))?([sdfeExXobS%])/.exec(template.slice(i));
    if (!spec) fail(`could not parse formatting clause at index ${i} of '${template}'`);
    i += spec[0].length - 1;
    if (spec[2] === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) fail(`index ${next} out of range`);
    const precision = spec[1] === undefined ? undefined : Number(spec[1]);
    out += formatOne(spec[2] as string, args[next++], precision);
  }
  return out;
}

function formatOne(verb: string, value: unknown, precision: number | undefined): string {
  switch (verb) {
    case 's':
    case 'S':
      return celString(value);
    case 'd':
      if (typeof value === 'bigint' || isUint(value)) return String(value);
      if (typeof value === 'number' && !Number.isFinite(value)) return nonFinite(value);
      return fail(`decimal clause can only be used on integers, was given ${kind(value)}`);
    case 'f':
      return fixed(value, precision ?? 6);
    case 'e':
    case 'E':
      return scientific(value, precision ?? 6);
    case 'x':
    case 'X': {
      const hex = hexOf(value);
      return verb === 'X' ? hex.toUpperCase() : hex;
    }
    case 'o':
      return radix(value, 8, 'octal');
    default:
      return radix(value, 2, 'binary');
  }
}

function isUint(value: unknown): boolean {
  return typeof value === 'object' && value !== null && value.constructor?.name === 'UnsignedInt';
}

function kind(value: unknown): string {
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? (value === null ? 'null_type' : 'map') : typeof value;
}

function nonFinite(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  return n > 0 ? 'Infinity' : '-Infinity';
}

function toNumber(value: unknown, clause: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (isUint(value)) return Number((value as { valueOf(): bigint }).valueOf());
  if (
    typeof value === 'string' &&
    /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^(NaN|[+-]?Infinity)$/i.test(value)
  ) {
    return Number(value);
  }
  return fail(`${clause} clause can only be used on numbers, was given ${kind(value)}`);
}

function fixed(value: unknown, precision: number): string {
  const n = toNumber(value, 'fixed-point');
  return Number.isFinite(n) ? n.toFixed(precision) : nonFinite(n);
}

function scientific(value: unknown, precision: number): string {
  const n = toNumber(value, 'scientific');
  if (!Number.isFinite(n)) return nonFinite(n);
  // Go prints at least two exponent digits: 1.000000e+03.
  return n.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
}

function hexOf(value: unknown): string {
  if (typeof value === 'bigint') return value < 0n ? `-${(-value).toString(16)}` : value.toString(16);
  if (isUint(value)) return (value as { valueOf(): bigint }).valueOf().toString(16);
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('hex');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return fail(`only integers, byte buffers, and strings can be formatted as hex, was given ${kind(value)}`);
}

function radix(value: unknown, base: number, name: string): string {
  if (typeof value === 'bigint') return value < 0n ? `-${(-value).toString(base)}` : value.toString(base);
  if (isUint(value)) return (value as { valueOf(): bigint }).valueOf().toString(base);
  if (base === 2 && typeof value === 'boolean') return value ? '1' : '0';
  return fail(`${name} clause can only be used on integers, was given ${kind(value)}`);
}

/** The `%s` rendering: how cel-go prints each type. */
export function celString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : nonFinite(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => celInner(v)).join(', ')}]`;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (value instanceof Optional)
    return value.hasValue() ? `optional(${celInner(value.value())})` : 'optional.none()';
  if (isDuration(value) || isUint(value)) return String(value);
  if (isMap(value)) {
    const entries = mapEntries(value)
      .map(([k, v]) => [celInner(k), celInner(v)] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : 1));
    return `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  }
  return String(value);
}

function celInner(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : celString(value);
}
