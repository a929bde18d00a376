import { Optional, ParseError } from '@marcbachmann/cel-js';
import { isAstNode } from './ast.ts';
import { isMap, mapEntries, typeName } from './compare.ts';
import { fail } from './errors.ts';
import type { LibraryContext } from './libraries.ts';

/**
 * cel-go's two-variable comprehensions (`all(k, v, p)`, `exists`, `existsOne`, `transformList`,
 * `transformMap`, `transformMapEntry`), which Kubernetes enables, plus `existsOne(x, p)` and the
 * optional helpers `optMap`, `optFlatMap` and `optional.ofNonZeroValue`. Over a list the first
 * variable is the index; over a map, the key.
 */
export function registerComprehensions(ctx: LibraryContext): void {
  for (const name of ['all', 'exists', 'existsOne', 'exists_one'] as const) {
    ctx.fn(`list.${name}(ast, ast, ast): bool`, quantifier(name === 'exists_one' ? 'existsOne' : name));
  }
  ctx.fn('list.existsOne(ast, ast): bool', oneVarExistsOne);
  for (const kind of ['transformList', 'transformMap', 'transformMapEntry'] as const) {
    const result = kind === 'transformList' ? 'list' : 'map';
    ctx.fn(`list.${kind}(ast, ast, ast): ${result}`, transform(kind, false));
    ctx.fn(`list.${kind}(ast, ast, ast, ast): ${result}`, transform(kind, true));
  }
  ctx.fn('optional.optMap(ast, ast): optional', optionalMap(false));
  ctx.fn('optional.optFlatMap(ast, ast): optional', optionalMap(true));
  ctx.fn('OptionalNamespace.ofNonZeroValue(dyn): optional', (_ns: object, value: unknown) =>
    isZeroValue(value) ? Optional.none() : Optional.of(value),
  );
}

// The slice of cel-js's macro interface used here.
interface TypeDecl {
  kind: string;
  keyType?: TypeDecl;
  valueType?: TypeDecl;
}
interface Scope {
  forkWithVariable(name: string, type: TypeDecl): Scope;
  reuse(parent: Scope): Scope;
  setIterValue(value: unknown, ev: Evaluator): Scope;
}
interface Checker {
  check(node: unknown, scope: Scope): TypeDecl;
  getType(name: string): TypeDecl;
}
interface Evaluator {
  run(node: unknown, scope: Scope): unknown;
  tryEval(node: unknown, scope: Scope): unknown;
}
interface MacroInput {
  args: unknown[];
  receiver: unknown;
}
interface TwoVarMacro {
  receiver: unknown;
  first: string;
  second: string;
  body: unknown[];
  outer?: Scope;
  inner?: Scope;
  async: false;
  typeCheck(checker: Checker, macro: TwoVarMacro, scope: Scope): TypeDecl;
  evaluate(ev: Evaluator, macro: TwoVarMacro, scope: Scope): unknown;
}

function identifier(node: unknown, what: string): string {
  if (isAstNode(node) && node.op === 'id' && typeof node.args === 'string') return node.args;
  throw new ParseError({
    code: 'invalid_macro_argument',
    message: `${what}: argument must be a simple name`,
  });
}

function twoVar(
  input: MacroInput,
  what: string,
  result: (checker: Checker) => TypeDecl,
  evaluate: TwoVarMacro['evaluate'],
): TwoVarMacro {
  const [a, b, ...body] = input.args;
  const first = identifier(a, what);
  const second = identifier(b, what);
  if (first === second) {
    throw new ParseError({
      code: 'invalid_macro_argument',
      message: `${what}: duplicate variable name '${first}'`,
    });
  }
  return {
    receiver: input.receiver,
    first,
    second,
    body,
    async: false,
    typeCheck(checker, macro, scope) {
      const range = checker.check(macro.receiver, scope);
      const [keyType, valueType] = iterationTypes(checker, range);
      macro.outer = scope.forkWithVariable(macro.first, keyType);
      macro.inner = macro.outer.forkWithVariable(macro.second, valueType);
      for (const node of macro.body) checker.check(node, macro.inner);
      return result(checker);
    },
    evaluate,
  };
}

function iterationTypes(checker: Checker, range: TypeDecl): [TypeDecl, TypeDecl] {
  const dyn = checker.getType('dyn');
  if (range.kind === 'list') return [checker.getType('int'), range.valueType ?? dyn];
  if (range.kind === 'map') return [range.keyType ?? dyn, range.valueType ?? dyn];
  return [dyn, dyn];
}

/** The (first, second) pairs a comprehension visits: (index, element) or (key, value). */
function pairs(range: unknown): [unknown, unknown][] {
  if (Array.isArray(range)) return range.map((v, i) => [BigInt(i), v]);
  if (isMap(range)) return mapEntries(range);
  return fail(`cannot iterate over ${typeName(range)}; expected a list or a map`);
}

/** Runs `step` once per pair with both variables bound; `step` returns false to stop. */
function iterate(
  ev: Evaluator,
  macro: TwoVarMacro,
  scope: Scope,
  step: (inner: Scope, key: unknown) => boolean,
): void {
  const range = ev.run(macro.receiver, scope);
  const outer = (macro.outer as Scope).reuse(scope);
  const inner = (macro.inner as Scope).reuse(outer);
  for (const [k, v] of pairs(range)) {
    outer.setIterValue(k, ev);
    inner.setIterValue(v, ev);
    if (!step(inner, k)) return;
  }
}

function asBool(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value instanceof Error) throw value;
  return fail(`${what} predicate must return bool, got ${typeName(value)}`);
}

function quantifier(kind: 'all' | 'exists' | 'existsOne') {
  return (input: MacroInput): TwoVarMacro =>
    twoVar(
      input,
      `${kind}(k, v, predicate)`,
      (checker) => checker.getType('bool'),
      (ev, macro, scope) => {
        const predicate = macro.body[0];
        let error: unknown;
        let count = 0;
        let decided: boolean | undefined;
        iterate(ev, macro, scope, (inner) => {
          if (kind === 'existsOne') {
            if (asBool(ev.run(predicate, inner), kind)) count++;
            return true;
          }
          const value = ev.tryEval(predicate, inner);
          if (value instanceof Error) {
            error ??= value;
            return true;
          }
          const ok = asBool(value, kind);
          if (kind === 'all' && !ok) decided = false;
          if (kind === 'exists' && ok) decided = true;
          return decided === undefined;
        });
        if (kind === 'existsOne') return count === 1;
        if (decided !== undefined) return decided;
        if (error) throw error;
        return kind === 'all';
      },
    );
}

interface OneVarMacro {
  receiver: unknown;
  body: unknown;
  scope: Scope | undefined;
  async: false;
  typeCheck(checker: Checker, m: OneVarMacro, scope: Scope): TypeDecl;
  evaluate(ev: Evaluator, m: OneVarMacro, scope: Scope): unknown;
}

function oneVarExistsOne(input: MacroInput): OneVarMacro {
  const [v, predicate] = input.args;
  const name = identifier(v, 'existsOne(x, predicate)');
  return {
    receiver: input.receiver,
    body: predicate,
    scope: undefined,
    async: false,
    typeCheck(checker, m, scope) {
      const range = checker.check(m.receiver, scope);
      const dyn = checker.getType('dyn');
      const element =
        range.kind === 'list'
          ? (range.valueType ?? dyn)
          : range.kind === 'map'
            ? (range.keyType ?? dyn)
            : dyn;
      m.scope = scope.forkWithVariable(name, element);
      checker.check(m.body, m.scope);
      return checker.getType('bool');
    },
    evaluate(ev, m, scope) {
      const range = ev.run(m.receiver, scope);
      const items = Array.isArray(range)
        ? range
        : isMap(range)
          ? mapEntries(range).map(([k]) => k)
          : undefined;
      if (!items) fail(`cannot iterate over ${typeName(range)}; expected a list or a map`);
      const inner = (m.scope as Scope).reuse(scope);
      let count = 0;
      for (const item of items) {
        inner.setIterValue(item, ev);
        if (asBool(ev.run(m.body, inner), 'existsOne')) count++;
      }
      return count === 1;
    },
  };
}

function transform(kind: 'transformList' | 'transformMap' | 'transformMapEntry', filtered: boolean) {
  return (input: MacroInput): TwoVarMacro =>
    twoVar(
      input,
      `${kind}(k, v, ${filtered ? 'filter, ' : ''}expression)`,
      (checker) => checker.getType(kind === 'transformList' ? 'list' : 'map'),
      (ev, macro, scope) => {
        const [filter, expression] = filtered ? macro.body : [undefined, macro.body[0]];
        const list: unknown[] = [];
        const map: Record<string, unknown> = Object.create(null);
        iterate(ev, macro, scope, (inner, key) => {
          if (filter !== undefined && !asBool(ev.run(filter, inner), kind)) return true;
          const value = ev.run(expression, inner);
          if (kind === 'transformList') list.push(value);
          else if (kind === 'transformMap') map[String(key)] = value;
          else mergeEntry(map, value);
          return true;
        });
        return kind === 'transformList' ? list : map;
      },
    );
}

function mergeEntry(into: Record<string, unknown>, entry: unknown): void {
  if (!isMap(entry)) fail(`transformMapEntry expression must return a map, got ${typeName(entry)}`);
  for (const [k, v] of mapEntries(entry)) {
    const key = String(k);
    if (Object.hasOwn(into, key)) fail(`insert failed: key ${key} already exists`);
    into[key] = v;
  }
}

function optionalMap(flat: boolean) {
  return (input: MacroInput): OneVarMacro => {
    const [v, expression] = input.args;
    const name = identifier(v, flat ? 'optFlatMap(x, expression)' : 'optMap(x, expression)');
    return {
      receiver: input.receiver,
      body: expression,
      scope: undefined,
      async: false,
      typeCheck(checker, m, scope) {
        const type = checker.check(m.receiver, scope);
        m.scope = scope.forkWithVariable(name, type.valueType ?? checker.getType('dyn'));
        checker.check(m.body, m.scope);
        return checker.getType('optional');
      },
      evaluate(ev, m, scope) {
        const opt = ev.run(m.receiver, scope);
        if (!(opt instanceof Optional)) fail(`optMap receiver must be optional, got ${typeName(opt)}`);
        if (!opt.hasValue()) return Optional.none();
        const inner = (m.scope as Scope).reuse(scope);
        inner.setIterValue(opt.value(), ev);
        const result = ev.run(m.body, inner);
        if (!flat) return Optional.of(result);
        if (!(result instanceof Optional))
          fail(`optFlatMap expression must return an optional, got ${typeName(result)}`);
        return result;
      },
    };
  };
}

function isZeroValue(value: unknown): boolean {
  if (value === null || value === false || value === '' || value === 0 || value === 0n) return true;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length === 0;
  if (isMap(value)) return mapEntries(value).length === 0;
  return false;
}
