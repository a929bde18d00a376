import { TypeError as CelTypeError, Environment, EvaluationError, ParseError } from '@marcbachmann/cel-js';
import {
  type AstNode,
  foldConstantLiterals,
  renameCalls,
  userFacingNames,
  type VariableReferences,
  variableReferences,
} from './ast.ts';
import {
  CostLimitReached,
  type CostMeter,
  installCostHook,
  newRunState,
  PER_CALL_LIMIT,
  type RunState,
} from './cost.ts';
import { CelError } from './errors.ts';
import { type LibraryContext, registerLibraries } from './libraries.ts';

/** Longest expression the engine compiles; well above anything a policy holds. */
export const MAX_EXPRESSION_LENGTH = 64 * 1024;

export interface EngineSpec {
  /** Variables expressions may read, with their CEL types (`dyn` where Kubernetes leaves them untyped). */
  variables: Readonly<Record<string, string>>;
  /** Registers types that variables above refer to (e.g. `AdmissionRequest`), before the variables. */
  types?: (ctx: LibraryContext) => void;
}

/**
 * A CEL environment: the variables an expression may use plus the standard, extension and
 * Kubernetes libraries. `compile` parses and type-checks once; the program it returns evaluates
 * many times. Compiled programs are cached by text, so a library of policies that repeat an
 * expression compiles it once.
 */
export class CelEngine {
  private readonly env: Environment;
  private readonly state: RunState = newRunState();
  private readonly programs = new Map<string, CelProgram>();

  constructor(spec: EngineSpec) {
    this.env = new Environment({
      enableOptionalTypes: true,
      // cel-go treats `dyn` elements as compatible with any literal; cel-js's strict mode does not.
      homogeneousAggregateLiterals: false,
      unlistedVariablesAreDyn: false,
    });
    const ctx = registerLibraries(this.env, this.state);
    spec.types?.(ctx);
    for (const [name, type] of Object.entries(spec.variables)) this.env.registerVariable(name, type);
    installCostHook(ctx.evaluator(), this.state);
  }

  hasVariable(name: string): boolean {
    return this.env.hasVariable(name);
  }

  /** Parses and type-checks `expression`; throws a `syntax` or `type` CelError pointing into it. */
  compile(expression: string): CelProgram {
    const cached = this.programs.get(expression);
    if (cached) return cached;
    if (expression.length > MAX_EXPRESSION_LENGTH) {
      throw new CelError(
        'syntax',
        `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`,
        expression,
      );
    }
    let parsed: ReturnType<Environment['parse']>;
    try {
      parsed = this.env.parse(expression);
    } catch (error) {
      throw toCelError(error, expression, 'syntax');
    }
    const ast = parsed.ast as unknown as AstNode;
    renameCalls(ast);
    const checked = parsed.check();
    if (!checked.valid) throw toCelError(checked.error, expression, 'type');
    foldConstantLiterals(ast);
    const program = new CelProgram(
      expression,
      parsed,
      this.state,
      variableReferences(ast),
      checked.type ?? 'dyn',
    );
    this.programs.set(expression, program);
    return program;
  }
}

type ParsedExpression = (context?: Record<string, unknown>) => unknown;

/** A compiled expression. Evaluation is synchronous and bounded by the cost limits. */
export class CelProgram {
  readonly expression: string;
  /** The expression's static type as the checker inferred it (`bool`, `string`, `dyn`, …). */
  readonly type: string;
  readonly variables: VariableReferences;
  private readonly run: ParsedExpression;
  private readonly state: RunState;

  constructor(
    expression: string,
    run: ParsedExpression,
    state: RunState,
    variables: VariableReferences,
    type: string,
  ) {
    this.expression = expression;
    this.run = run;
    this.state = state;
    this.variables = variables;
    this.type = type;
  }

  /**
   * Evaluates against `activation` (variable name → value, already converted with `toCelValue`).
   * With a meter, the per-expression limit is the smaller of the meter's per-call limit and what
   * remains of its budget, and the cost is charged to it. Errors are `evaluation` or `cost`
   * CelErrors. An evaluation started while another runs (a lazily computed variable) shares the
   * outer one's limit and count.
   */
  evaluate(activation: Readonly<Record<string, unknown>>, meter?: CostMeter): unknown {
    const state = this.state;
    const outer = state.depth === 0;
    if (outer) {
      state.cost = 0;
      const perCall = meter?.perCall ?? PER_CALL_LIMIT;
      const remaining = meter?.remaining ?? Number.POSITIVE_INFINITY;
      state.limit = Math.min(perCall, remaining);
      state.limitName = remaining < perCall ? 'remaining policy' : 'per-expression';
    }
    state.depth++;
    let value: unknown;
    try {
      value = this.run(activation as Record<string, unknown>);
    } catch (error) {
      if (outer && state.cost > state.limit) throw this.costError();
      throw toCelError(error, this.expression, 'evaluation');
    } finally {
      state.depth--;
      if (outer) meter?.charge(state.cost);
    }
    if (outer && state.cost > state.limit) throw this.costError();
    return value;
  }

  private costError(): CelError {
    return new CelError(
      'cost',
      `expression exceeded the ${this.state.limitName} cost budget of ${this.state.limit} units and was stopped`,
      this.expression,
    );
  }
}

function toCelError(
  error: unknown,
  expression: string,
  fallback: 'syntax' | 'type' | 'evaluation',
): CelError {
  if (error instanceof CelError) return error;
  if (error instanceof CostLimitReached) {
    return new CelError('cost', 'expression exceeded its cost budget and was stopped', expression);
  }
  if (error instanceof ParseError || error instanceof CelTypeError || error instanceof EvaluationError) {
    const kind =
      error instanceof ParseError ? 'syntax' : error instanceof CelTypeError ? 'type' : 'evaluation';
    const summary = userFacingNames(firstLine(error.summary || error.message));
    const offset = error.range?.start;
    return new CelError(
      kind,
      summary,
      expression,
      offset === undefined ? { cause: error } : { offset, cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CelError(fallback, `internal error: ${firstLine(message)}`, expression, { cause: error });
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
