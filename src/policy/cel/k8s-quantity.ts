import { chargeCall, STRING_TRAVERSAL_FACTOR } from './cost.ts';
import { fail } from './errors.ts';
import type { LibraryContext } from './libraries.ts';

const MAX_INT64 = 9223372036854775807n;
const MIN_INT64 = -9223372036854775808n;
const NANO_SCALE = 9;
const MAX_EXPONENT = 1000;

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  Pi: 2n ** 50n,
  Ei: 2n ** 60n,
};
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * A Kubernetes resource.Quantity (`500m`, `1.5Gi`, `2e3`): an exact decimal `units × 10^-scale`,
 * rounded up to nano precision as `resource.ParseQuantity` does.
 */
export class Quantity {
  readonly units: bigint;
  readonly scale: number;

  constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  /** Parses like `resource.ParseQuantity`; throws a plain Error with Kubernetes' message. */
  static parse(text: string): Quantity {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/s.exec(text);
    const intPart = m?.[2] ?? '';
    const fracPart = m?.[3] ?? '';
    if (!m || (intPart === '' && fracPart === '')) throw new Error(FORMAT_ERROR);
    const negative = m[1] === '-';
    const { factor, exponent } = suffixValue(m[4] ?? '');
    let units = BigInt(`${intPart}${fracPart}` || '0') * factor;
    let scale = fracPart.length - exponent;
    if (scale < 0) {
      units *= 10n ** BigInt(-scale);
      scale = 0;
    }
    if (scale > NANO_SCALE) {
      const divisor = 10n ** BigInt(scale - NANO_SCALE);
      units = units / divisor + (units % divisor === 0n ? 0n : 1n);
      scale = NANO_SCALE;
    }
    if (factor !== 1n && units > MAX_INT64 * 10n ** BigInt(scale)) units = MAX_INT64 * 10n ** BigInt(scale);
    return new Quantity(negative ? -units : units, scale);
  }

  private aligned(other: Quantity): [bigint, bigint, number] {
    const scale = Math.max(this.scale, other.scale);
    return [
      this.units * 10n ** BigInt(scale - this.scale),
      other.units * 10n ** BigInt(scale - other.scale),
      scale,
    ];
  }

  compareTo(other: Quantity): bigint {
    const [a, b] = this.aligned(other);
    return a < b ? -1n : a > b ? 1n : 0n;
  }

  equals(other: unknown): boolean {
    return other instanceof Quantity && this.compareTo(other) === 0n;
  }

  add(other: Quantity): Quantity {
    const [a, b, scale] = this.aligned(other);
    return new Quantity(a + b, scale);
  }

  negate(): Quantity {
    return new Quantity(-this.units, this.scale);
  }

  isInteger(): boolean {
    const divisor = 10n ** BigInt(this.scale);
    if (this.units % divisor !== 0n) return false;
    const value = this.units / divisor;
    return value >= MIN_INT64 && value <= MAX_INT64;
  }

  asInteger(): bigint {
    if (!this.isInteger()) fail('cannot convert value to integer');
    return this.units / 10n ** BigInt(this.scale);
  }

  asApproximateFloat(): number {
    // As Go computes it: the unscaled value times a power of ten.
    return this.scale === 0 ? Number(this.units) : Number(this.units) * 10 ** -this.scale;
  }

  sign(): bigint {
    return this.units > 0n ? 1n : this.units < 0n ? -1n : 0n;
  }

  toString(): string {
    const digits = (this.units < 0n ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = this.scale === 0 ? digits : `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    return `${this.units < 0n ? '-' : ''}${this.scale === 0 ? whole : whole.replace(/\.?0+$/, '')}`;
  }
}

function suffixValue(suffix: string): { factor: bigint; exponent: number } {
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return { factor: binary, exponent: 0 };
  const decimal = Object.hasOwn(DECIMAL_SUFFIXES, suffix) ? DECIMAL_SUFFIXES[suffix] : undefined;
  if (decimal !== undefined) return { factor: 1n, exponent: decimal };
  const e = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (e) {
    const exponent = Number(e[1]);
    if (Math.abs(exponent) > MAX_EXPONENT) throw new Error('quantity exponent is out of range');
    return { factor: 1n, exponent };
  }
  if (/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix)) throw new Error("unable to parse quantity's suffix");
  throw new Error(FORMAT_ERROR);
}

function parseOrFail(text: string): Quantity {
  try {
    return Quantity.parse(text);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

export function registerQuantity(ctx: LibraryContext): void {
  const parseCost = (s: string): void => chargeCall(ctx.state, s.length * STRING_TRAVERSAL_FACTOR);
  ctx.type('Quantity', Quantity);
  ctx.equality('Quantity');
  ctx.fn('quantity(string): Quantity', (s: string) => {
    parseCost(s);
    return parseOrFail(s);
  });
  ctx.fn('isQuantity(string): bool', (s: string) => {
    parseCost(s);
    try {
      Quantity.parse(s);
      return true;
    } catch {
      return false;
    }
  });
  ctx.fn('Quantity.isInteger(): bool', (q: Quantity) => q.isInteger());
  ctx.fn('Quantity.asInteger(): int', (q: Quantity) => q.asInteger());
  ctx.fn('Quantity.asApproximateFloat(): double', (q: Quantity) => q.asApproximateFloat());
  ctx.fn('Quantity.sign(): int', (q: Quantity) => q.sign());
  ctx.fn('Quantity.add(Quantity): Quantity', (q: Quantity, o: Quantity) => q.add(o));
  ctx.fn('Quantity.add(int): Quantity', (q: Quantity, n: bigint) => q.add(new Quantity(n, 0)));
  ctx.fn('Quantity.sub(Quantity): Quantity', (q: Quantity, o: Quantity) => q.add(o.negate()));
  ctx.fn('Quantity.sub(int): Quantity', (q: Quantity, n: bigint) => q.add(new Quantity(-n, 0)));
  ctx.fn('Quantity.isLessThan(Quantity): bool', (q: Quantity, o: Quantity) => q.compareTo(o) < 0n);
  ctx.fn('Quantity.isGreaterThan(Quantity): bool', (q: Quantity, o: Quantity) => q.compareTo(o) > 0n);
  ctx.fn('Quantity.compareTo(Quantity): int', (q: Quantity, o: Quantity) => q.compareTo(o));
}
