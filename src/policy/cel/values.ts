import { CelError } from './errors.ts';

/**
 * Bounds on an input object. The defaults are the API server's: a request body is at most 3 MiB
 * (`MaxRequestSizeBytes` in k8s.io/apiserver/pkg/apis/cel), so an object larger than that could
 * never reach a policy in a cluster; refusing it early keeps a hostile 50 MB manifest from costing
 * more than one bounded walk.
 */
export interface ValueLimits {
  /** Estimated JSON size in bytes. */
  maxBytes: number;
  /** Nesting depth of maps and lists. */
  maxDepth: number;
}

export const DEFAULT_VALUE_LIMITS: ValueLimits = { maxBytes: 3 * 1024 * 1024, maxDepth: 256 };

// Integers beyond ±2^63 cannot be int64; JSON decoding keeps them as doubles.
const MAX_INT64 = 2 ** 63;

interface Walk {
  remaining: number;
  readonly limits: ValueLimits;
  readonly what: string;
}

/**
 * Converts parsed JSON/YAML into the values the CEL engine works on, the way the API server
 * decodes unstructured objects: integral numbers become `int` (BigInt), others `double`; maps
 * become prototype-less objects (so a `__proto__` key is data, not a prototype). One walk, which
 * also enforces `limits`; `what` names the input in the error.
 */
export function toCelValue(
  value: unknown,
  what: string,
  limits: ValueLimits = DEFAULT_VALUE_LIMITS,
): unknown {
  return convert(value, 0, { remaining: limits.maxBytes, limits, what });
}

function convert(value: unknown, depth: number, walk: Walk): unknown {
  switch (typeof value) {
    case 'string':
      charge(walk, value.length + 3);
      return value;
    case 'number':
      charge(walk, 8);
      return Number.isInteger(value) && Math.abs(value) < MAX_INT64 ? BigInt(value) : value;
    case 'bigint':
    case 'boolean':
      charge(walk, 6);
      return value;
    case 'undefined':
      return null;
    case 'object':
      return convertObject(value, depth, walk);
    default:
      throw new CelError('size', `${walk.what}: unsupported value of type ${typeof value}`, '');
  }
}

function convertObject(value: object | null, depth: number, walk: Walk): unknown {
  if (value === null) {
    charge(walk, 5);
    return null;
  }
  if (value instanceof Uint8Array) {
    charge(walk, value.length);
    return value;
  }
  if (value instanceof Date) return convert(value.toISOString(), depth, walk);
  if (depth >= walk.limits.maxDepth) {
    throw new CelError(
      'size',
      `${walk.what}: nested deeper than ${walk.limits.maxDepth} levels; refusing to evaluate it`,
      '',
    );
  }
  charge(walk, 2);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = convert(value[i], depth + 1, walk);
    return out;
  }
  const out: Record<string, unknown> = Object.create(null);
  if (value instanceof Map) {
    for (const [key, item] of value) addField(out, String(key), item, depth, walk);
    return out;
  }
  // Keys, not entries: no array per field on the one walk every request makes.
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) addField(out, name, record[name], depth, walk);
  return out;
}

function addField(
  out: Record<string, unknown>,
  name: string,
  item: unknown,
  depth: number,
  walk: Walk,
): void {
  if (item === undefined) return;
  charge(walk, name.length + 4);
  out[name] = convert(item, depth + 1, walk);
}

function charge(walk: Walk, bytes: number): void {
  walk.remaining -= bytes;
  if (walk.remaining >= 0) return;
  const mib = (walk.limits.maxBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
  throw new CelError(
    'size',
    `${walk.what}: larger than ${mib} MiB, the most the API server accepts in one request; refusing to evaluate it`,
    '',
  );
}
