import { CelError } from './cel/errors.ts';
import type { CompiledVariable } from './compile-expressions.ts';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Results of shareable variables for one input (and one param object), indexed by share id. */
export type SharedResults = (Outcome | undefined)[];

/**
 * The `variables` value of a policy's expressions. Each variable is computed on first read —
 * inside the expression that reads it, so its cost counts there — and kept for the rest of the
 * evaluation. Variables with a share id are also kept in `shared`, so policies that declare the
 * same variable over the same input compute it once.
 *
 * One scope per compiled policy, rebound for every evaluation: evaluation is synchronous, and a
 * Map whose `get` is replaced is what cel-js reads fields of without copying (a prototype-less
 * object with getters would need a property definition per variable per evaluation).
 */
export class VariableScope {
  private readonly variables: readonly CompiledVariable[];
  private readonly index = new Map<string, number>();
  private readonly slots: (Outcome | undefined)[];
  private readonly map = new Map<string, unknown>();
  private activation: Readonly<Record<string, unknown>> = {};
  private shared: SharedResults | undefined;

  constructor(variables: readonly CompiledVariable[]) {
    this.variables = variables;
    this.slots = new Array(variables.length).fill(undefined);
    variables.forEach((v, i) => {
      this.index.set(v.name, i);
      this.map.set(v.name, undefined);
    });
    this.map.get = (name: string): unknown => this.read(name);
  }

  /** Starts an evaluation: forgets computed values and returns the value to bind as `variables`. */
  bind(activation: Readonly<Record<string, unknown>>, shared?: SharedResults): Map<string, unknown> {
    this.activation = activation;
    this.shared = shared;
    this.slots.fill(undefined);
    return this.map;
  }

  private read(name: string): unknown {
    const i = this.index.get(name);
    if (i === undefined) return undefined;
    const v = this.variables[i] as CompiledVariable;
    let outcome = this.slots[i];
    if (!outcome && v.shareId !== undefined) outcome = this.shared?.[v.shareId];
    if (!outcome) {
      try {
        outcome = { ok: true, value: v.program.evaluate(this.activation) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (v.shareId !== undefined && this.shared) this.shared[v.shareId] = outcome;
    }
    this.slots[i] = outcome;
    if (outcome.ok) return outcome.value;
    throw outcome.error instanceof CelError
      ? new CelError(
          outcome.error.kind,
          `variables.${v.name}: ${outcome.error.summary}`,
          outcome.error.expression,
        )
      : outcome.error;
  }
}
