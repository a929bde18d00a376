/**
 * Cost accounting compatible with the API server's budgets (k8s.io/apiserver/pkg/apis/cel):
 * one expression may spend `PER_CALL_LIMIT` units, one policy evaluation (a binding with one
 * param) `RUNTIME_BUDGET`, and the match conditions of one binding `MATCH_CONDITIONS_BUDGET`.
 *
 * cel-js has no cost tracking, so the engine counts like cel-go's interpreter: every AST node
 * evaluated costs 1 (so each comprehension iteration pays for its body), strings cost a tenth
 * of their length wherever a node yields one (cel-go's `StringTraversalCostFactor`), lists built
 * by `+` or by a function cost their length, and library functions add their own cost
 * (`RegexStringLengthCostFactor` for regular expressions). A hostile expression — nested `all()`
 * over large lists, a string doubled by repeated concatenation — hits the limit after a bounded
 * amount of work and ends in a `cost` error.
 */
export const PER_CALL_LIMIT = 1_000_000;
export const RUNTIME_BUDGET = 10_000_000;
export const MATCH_CONDITIONS_BUDGET = 2_500_000;

export const STRING_TRAVERSAL_FACTOR = 0.1;
export const REGEX_LENGTH_FACTOR = 0.25;

/** A budget shared by several expressions: what a binding or a set of match conditions may spend. */
export class CostMeter {
  remaining: number;
  spent = 0;
  readonly perCall: number;
  readonly budget: number;

  constructor(budget = RUNTIME_BUDGET, perCall = PER_CALL_LIMIT) {
    this.budget = budget;
    this.remaining = budget;
    this.perCall = perCall;
  }

  charge(units: number): void {
    this.spent += units;
    this.remaining -= units;
  }
}

/** The running total of the expression being evaluated; one per engine (evaluation is synchronous). */
export interface RunState {
  cost: number;
  limit: number;
  /** Nesting of program evaluations: lazily computed variables run inside the expression reading them. */
  depth: number;
  /** What the limit protects, for the error message. */
  limitName: string;
}

export function newRunState(): RunState {
  return { cost: 0, limit: PER_CALL_LIMIT, depth: 0, limitName: 'per-expression' };
}

/** Adds the cost of a library call to the expression being evaluated. */
export function chargeCall(state: RunState, units: number): void {
  state.cost += Math.ceil(units);
}

/** The cost of a regular expression over a string, as the API server estimates it. */
export function regexCost(text: string, pattern: string): number {
  return (
    Math.ceil((1 + text.length) * STRING_TRAVERSAL_FACTOR) * Math.ceil(pattern.length * REGEX_LENGTH_FACTOR)
  );
}

/** Thrown from inside cel-js when the limit is reached; the engine turns it into a `cost` CelError. */
export class CostLimitReached extends Error {
  constructor() {
    super('cost limit reached');
    this.name = 'CostLimitReached';
  }
}

interface EvaluatorLike {
  run(ast: NodeLike, ctx: unknown): unknown;
}

interface NodeLike {
  op: string;
  evaluate(ev: EvaluatorLike, ast: NodeLike, ctx: unknown): unknown;
}

/**
 * Replaces `run` on one cel-js evaluator instance — the function through which cel-js evaluates
 * every sub-expression and every comprehension step — with a counting version. Only this engine's
 * evaluator is touched; other cel-js environments in the process are unaffected. The contract
 * (`evaluator.run(ast, ctx)` calling `ast.evaluate(evaluator, ast, ctx)`) is cel-js 8's; the
 * engine's tests fail if an upgrade changes it.
 */
export function installCostHook(evaluator: object, state: RunState): void {
  const stop = new CostLimitReached();
  const run = function (this: EvaluatorLike, ast: NodeLike, ctx: unknown): unknown {
    if (++state.cost > state.limit) throw stop;
    const result = ast.evaluate(this, ast, ctx);
    if (typeof result === 'string') {
      if (result.length > 32) state.cost += (result.length * STRING_TRAVERSAL_FACTOR) | 0;
    } else if (Array.isArray(result) && result.length > 8) {
      const op = ast.op;
      if (op === '+' || op === 'rcall' || op === 'call') state.cost += result.length;
    }
    return result;
  };
  Object.defineProperty(evaluator, 'run', { value: run, writable: true, configurable: true });
}
