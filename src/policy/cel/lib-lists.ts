import { Optional } from '@marcbachmann/cel-js';
import { celCompare, celEquals, isDuration, isNumeric, typeName } from './compare.ts';
import { chargeCall } from './cost.ts';
import { fail } from './errors.ts';
import type { LibraryContext } from './libraries.ts';

const MAX_INT64 = 9223372036854775807n;
const MIN_INT64 = -9223372036854775808n;

/**
 * The Kubernetes list library (`isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`) and the
 * cel-go lists extension (`slice`, `flatten`, `distinct`, `reverse`, `sort`, `first`, `last`,
 * `lists.range`). Each call costs one unit per element, as the API server charges a traversal.
 */
export function registerLists(ctx: LibraryContext): void {
  const traverse = (list: readonly unknown[]): void => chargeCall(ctx.state, list.length);

  ctx.fn('list.isSorted(): bool', (list: unknown[]) => {
    traverse(list);
    for (let i = 1; i < list.length; i++) if (celCompare(list[i - 1], list[i]) > 0) return false;
    return true;
  });
  ctx.fn('list.sum(): dyn', (list: unknown[]) => {
    traverse(list);
    return sum(list);
  });
  ctx.fn('list.min(): dyn', (list: unknown[]) => {
    traverse(list);
    return extreme(list, -1, 'min');
  });
  ctx.fn('list.max(): dyn', (list: unknown[]) => {
    traverse(list);
    return extreme(list, 1, 'max');
  });
  ctx.fn('list.indexOf(dyn): int', (list: unknown[], value: unknown) => {
    traverse(list);
    return BigInt(list.findIndex((x) => celEquals(x, value)));
  });
  ctx.fn('list.lastIndexOf(dyn): int', (list: unknown[], value: unknown) => {
    traverse(list);
    return BigInt(list.findLastIndex((x) => celEquals(x, value)));
  });
  ctx.fn('list.slice(int, int): list', (list: unknown[], start: bigint, end: bigint) => {
    if (start < 0n || end < 0n) fail(`cannot slice(${start}, ${end}), negative indexes not supported`);
    if (start > end)
      fail(`cannot slice(${start}, ${end}), start index must be less than or equal to end index`);
    if (end > BigInt(list.length)) fail(`cannot slice(${start}, ${end}), list is length ${list.length}`);
    traverse(list);
    return list.slice(Number(start), Number(end));
  });
  ctx.fn('list.flatten(): list', (list: unknown[]) => flatten(list, 1, traverse));
  ctx.fn('list.flatten(int): list', (list: unknown[], depth: bigint) => {
    if (depth < 0n) fail('level must be non-negative');
    return flatten(list, Number(depth), traverse);
  });
  ctx.fn('list.distinct(): list', (list: unknown[]) => {
    chargeCall(ctx.state, list.length * list.length);
    const out: unknown[] = [];
    for (const x of list) if (!out.some((y) => celEquals(x, y))) out.push(x);
    return out;
  });
  ctx.fn('list.reverse(): list', (list: unknown[]) => {
    traverse(list);
    return [...list].reverse();
  });
  ctx.fn('list.sort(): list', (list: unknown[]) => {
    chargeCall(ctx.state, list.length * Math.max(1, Math.log2(list.length + 1)));
    return [...list].sort(celCompare);
  });
  ctx.fn('list.first(): optional', (list: unknown[]) => optionalOf(list[0], list.length > 0));
  ctx.fn('list.last(): optional', (list: unknown[]) => optionalOf(list[list.length - 1], list.length > 0));
  ctx.namespace('lists');
  ctx.fn('ListsNamespace.range(int): list<int>', (_ns: object, n: bigint) => {
    if (n < 0n) fail('lists.range() requires a non-negative size');
    chargeCall(ctx.state, Number(n));
    return Array.from({ length: Number(n) }, (_, i) => BigInt(i));
  });
}

function optionalOf(value: unknown, present: boolean): Optional {
  return present ? Optional.of(value) : Optional.none();
}

function sum(list: readonly unknown[]): unknown {
  if (list.length === 0) return 0n;
  const first = list[0];
  if (typeof first === 'bigint') {
    let total = 0n;
    for (const x of list) total += expect(x, 'bigint', 'sum');
    if (total > MAX_INT64 || total < MIN_INT64) fail('integer overflow in sum()');
    return total;
  }
  if (typeof first === 'number') {
    let total = 0;
    for (const x of list) total += expect(x, 'number', 'sum');
    return total;
  }
  if (isDuration(first) || isNumeric(first)) {
    // durations and uints: the types cel-js implements `+` for.
    return list.slice(1).reduce((acc: unknown, x) => addSame(acc, x), first);
  }
  return fail(`sum() is not defined for lists of ${typeName(first)}`);
}

function addSame(a: unknown, b: unknown): unknown {
  if (isDuration(a) && isDuration(b)) {
    return (a as unknown as { addDuration(o: unknown): unknown }).addDuration(b);
  }
  if (typeName(a) === 'uint' && typeName(b) === 'uint') {
    const Ctor = (a as object).constructor as new (v: bigint) => unknown;
    return new Ctor((a as { valueOf(): bigint }).valueOf() + (b as { valueOf(): bigint }).valueOf());
  }
  return fail(`sum() over mixed types ${typeName(a)} and ${typeName(b)}`);
}

function expect<T extends 'bigint' | 'number'>(
  value: unknown,
  type: T,
  fn: string,
): T extends 'bigint' ? bigint : number {
  if (typeof value !== type) fail(`${fn}() over mixed types: ${typeName(value)}`);
  return value as T extends 'bigint' ? bigint : number;
}

function extreme(list: readonly unknown[], sign: 1 | -1, name: string): unknown {
  if (list.length === 0) fail(`${name} called on empty list`);
  let best = list[0];
  for (const x of list) if (celCompare(x, best) * sign > 0) best = x;
  return best;
}

function flatten(
  list: readonly unknown[],
  depth: number,
  traverse: (l: readonly unknown[]) => void,
): unknown[] {
  traverse(list);
  const out: unknown[] = [];
  for (const x of list) {
    if (Array.isArray(x) && depth > 0) out.push(...flatten(x, depth - 1, traverse));
    else out.push(x);
  }
  return out;
}
