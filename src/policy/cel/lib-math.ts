import { celCompare, isNumeric, typeName } from './compare.ts';
import { fail } from './errors.ts';
import type { LibraryContext } from './libraries.ts';

const MAX_ARGS = 8;
const MIN_INT64 = -9223372036854775808n;

/** cel-go's math extension: `math.greatest`, `math.least`, rounding, `abs`, `sign`, classification and bit operations. */
export function registerMath(ctx: LibraryContext): void {
  ctx.namespace('math');
  for (let n = 1; n <= MAX_ARGS; n++) {
    const params = Array.from({ length: n }, () => 'dyn').join(', ');
    ctx.fn(`MathNamespace.greatest(${params}): dyn`, (_ns: object, ...args: unknown[]) =>
      pick(args, 1, 'greatest'),
    );
    ctx.fn(`MathNamespace.least(${params}): dyn`, (_ns: object, ...args: unknown[]) =>
      pick(args, -1, 'least'),
    );
  }
  ctx.fn('MathNamespace.ceil(double): double', (_ns: object, x: number) => Math.ceil(x));
  ctx.fn('MathNamespace.floor(double): double', (_ns: object, x: number) => Math.floor(x));
  ctx.fn('MathNamespace.round(double): double', (_ns: object, x: number) => roundHalfAwayFromZero(x));
  ctx.fn('MathNamespace.trunc(double): double', (_ns: object, x: number) => Math.trunc(x));
  ctx.fn('MathNamespace.isInf(double): bool', (_ns: object, x: number) => x === Infinity || x === -Infinity);
  ctx.fn('MathNamespace.isNaN(double): bool', (_ns: object, x: number) => Number.isNaN(x));
  ctx.fn('MathNamespace.isFinite(double): bool', (_ns: object, x: number) => Number.isFinite(x));
  ctx.fn('MathNamespace.sqrt(double): double', (_ns: object, x: number) => Math.sqrt(x));
  ctx.fn('MathNamespace.sqrt(int): double', (_ns: object, x: bigint) => Math.sqrt(Number(x)));
  ctx.fn('MathNamespace.abs(int): int', (_ns: object, x: bigint) => {
    if (x === MIN_INT64) fail('integer overflow in math.abs()');
    return x < 0n ? -x : x;
  });
  ctx.fn('MathNamespace.abs(double): double', (_ns: object, x: number) => Math.abs(x));
  ctx.fn('MathNamespace.sign(int): int', (_ns: object, x: bigint) => (x > 0n ? 1n : x < 0n ? -1n : 0n));
  ctx.fn('MathNamespace.sign(double): double', (_ns: object, x: number) =>
    Number.isNaN(x) ? x : Math.sign(x),
  );
  ctx.fn('MathNamespace.bitAnd(int, int): int', (_ns: object, a: bigint, b: bigint) => a & b);
  ctx.fn('MathNamespace.bitOr(int, int): int', (_ns: object, a: bigint, b: bigint) => a | b);
  ctx.fn('MathNamespace.bitXor(int, int): int', (_ns: object, a: bigint, b: bigint) => a ^ b);
  ctx.fn('MathNamespace.bitNot(int): int', (_ns: object, a: bigint) => ~a);
  ctx.fn('MathNamespace.bitShiftLeft(int, int): int', (_ns: object, a: bigint, n: bigint) => shift(a, n, 1));
  ctx.fn('MathNamespace.bitShiftRight(int, int): int', (_ns: object, a: bigint, n: bigint) =>
    shift(a, n, -1),
  );
}

function pick(args: readonly unknown[], sign: 1 | -1, name: string): unknown {
  const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (values.length === 0) fail(`math.${name}() requires at least one argument`);
  let best = values[0];
  for (const v of values) {
    if (!isNumeric(v)) fail(`math.${name}() takes numbers, got ${typeName(v)}`);
    if (celCompare(v, best) * sign > 0) best = v;
  }
  return best;
}

function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function shift(a: bigint, n: bigint, direction: 1 | -1): bigint {
  if (n < 0n) fail('math.bitShift: negative shift');
  if (n > 63n) return direction > 0 ? 0n : a < 0n ? -1n : 0n;
  const shifted = direction > 0 ? a << n : a >> n;
  return BigInt.asIntN(64, shifted);
}
