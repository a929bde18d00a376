import { Optional } from '@marcbachmann/cel-js';
import { fail } from './errors.ts';

/** Library types compare with `equals`, like cel-go's `ref.Val.Equal`. */
interface Equatable {
  equals(other: unknown): boolean;
}

function isEquatable(value: object): value is Equatable {
  return typeof (value as Partial<Equatable>).equals === 'function';
}

/** CEL equality with heterogeneous numeric comparison (`1 == 1.0`), over the engine's value representation. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b))
    return compareNumbers(numericValue(a), numericValue(b)) === 0 && !isNaNValue(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a instanceof Uint8Array)
    return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Optional) return b instanceof Optional && optionalEquals(a, b);
  if (isEquatable(a)) return a.equals(b);
  if (isDuration(a)) return isDuration(b) && a.seconds === b.seconds && a.nanos === b.nanos;
  if (isMap(a) && isMap(b)) return mapEquals(a, b);
  return false;
}

function optionalEquals(a: Optional, b: Optional): boolean {
  if (!a.hasValue() || !b.hasValue()) return a.hasValue() === b.hasValue();
  return celEquals(a.value(), b.value());
}

function mapEquals(a: object, b: object): boolean {
  const ea = mapEntries(a);
  const eb = mapEntries(b);
  if (ea.length !== eb.length) return false;
  const lookup = new Map(eb);
  return ea.every(([k, v]) => lookup.has(k) && celEquals(v, lookup.get(k)));
}

export function isMap(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Map) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** Entries of a CEL map, whichever representation it has. */
export function mapEntries(value: object): [unknown, unknown][] {
  if (value instanceof Map) return [...value.entries()];
  return Object.entries(value);
}

export interface DurationLike {
  seconds: bigint;
  nanos: number;
}

export function isDuration(value: unknown): value is DurationLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'google.protobuf.Duration'
  );
}

function isUint(value: unknown): value is { valueOf(): bigint } {
  return typeof value === 'object' && value !== null && value.constructor?.name === 'UnsignedInt';
}

export function isNumeric(value: unknown): boolean {
  return typeof value === 'bigint' || typeof value === 'number' || isUint(value);
}

function numericValue(value: unknown): number | bigint {
  if (isUint(value)) return value.valueOf();
  return value as number | bigint;
}

/**
 * CEL ordering for the comparable types (numbers across int/uint/double, strings, bools, bytes,
 * timestamps, durations, and library types with `compareTo`). -1, 0 or 1; NaN compares as
 * unordered (0 is never returned for it).
 */
export function celCompare(a: unknown, b: unknown): number {
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(numericValue(a), numericValue(b));
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (isDuration(a) && isDuration(b)) {
    if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
    return Math.sign(a.nanos - b.nanos);
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  if (typeof a === 'object' && a !== null && typeof (a as { compareTo?: unknown }).compareTo === 'function') {
    return Number((a as { compareTo(o: unknown): bigint }).compareTo(b));
  }
  return fail(`no ordering between ${typeName(a)} and ${typeName(b)}`);
}

function isNaNValue(value: unknown): boolean {
  return typeof value === 'number' && Number.isNaN(value);
}

// `<` and `>` compare a number with a bigint exactly, where `===` would say they differ.
function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && Number.isNaN(a)) return 1;
  if (typeof b === 'number' && Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  return Math.sign(a.length - b.length);
}

/** The CEL type name of a value, for messages. */
export function typeName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
    default:
      if (value === null || value === undefined) return 'null_type';
      if (Array.isArray(value)) return 'list';
      if (isMap(value)) return 'map';
      if (value instanceof Uint8Array) return 'bytes';
      if (isUint(value)) return 'uint';
      return (value as object).constructor?.name ?? 'object';
  }
}
