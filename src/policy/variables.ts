import { CelError } from './cel/errors.ts';
import type { CompiledVariable } from './compile-expressions.ts';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The `variables` object of one evaluation: each variable is computed on first read (inside the
 * expression that reads it, so its cost counts there) and then cached. With a memo, variables
 * that have a share key are computed once per memo — across all policies evaluated against the
 * same input. `memoScope` separates inputs that differ (the param object).
 */
export function lazyVariables(
  variables: readonly CompiledVariable[],
  activation: Record<string, unknown>,
  memo?: Map<string, Outcome>,
  memoScope = '',
): Record<string, unknown> {
  const vars: Record<string, unknown> = Object.create(null);
  for (const v of variables) {
    let cached: Outcome | undefined;
    const memoKey = memo && v.shareKey !== undefined ? `${v.shareKey}\u0002${memoScope}` : undefined;
    Object.defineProperty(vars, v.name, {
      enumerable: true,
      get() {
        if (!cached && memoKey !== undefined) cached = memo?.get(memoKey);
        if (!cached) {
          try {
            cached = { ok: true, value: v.program.evaluate(activation) };
          } catch (error) {
            cached = { ok: false, error };
          }
          if (memoKey !== undefined) memo?.set(memoKey, cached);
        }
        if (cached.ok) return cached.value;
        throw cached.error instanceof CelError
          ? new CelError(
              cached.error.kind,
              `variables.${v.name}: ${cached.error.summary}`,
              cached.error.expression,
            )
          : cached.error;
      },
    });
  }
  return vars;
}
