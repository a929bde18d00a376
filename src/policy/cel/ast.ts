/**
 * The parts of a cel-js AST node this module reads. cel-js builds nodes as
 * `{ op, args, start, end }`; `args` is a node, a list of nodes, a list of `[key, value]` node
 * pairs (map literals), a name (identifiers, field selections, calls) or a literal.
 */
export interface AstNode {
  op: string;
  args: unknown;
  start?: number;
}

export function isAstNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

/** Visits every node reachable from `root`, parents before children. */
export function walkAst(root: AstNode, visit: (node: AstNode) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const x of item) stack.push(x);
    } else if (isAstNode(item)) {
      visit(item);
      stack.push(item.args);
    }
  }
}

/** Function names cel-js implements in a way Palisade replaces (see `renameCalls`). */
export const CALL_RENAMES: Readonly<Record<string, string>> = { matches: 'palisade_re2_matches' };

/**
 * Points calls of built-in functions that Palisade must implement differently at its own
 * implementations, before type checking resolves them. cel-js's `matches` compiles the pattern
 * with the backtracking RegExp engine, where a pattern like `(a+)+$` hangs; Palisade's runs RE2
 * syntax on the linear-time engine.
 */
export function renameCalls(root: AstNode): void {
  walkAst(root, (node) => {
    if ((node.op === 'call' || node.op === 'rcall') && Array.isArray(node.args)) {
      const renamed = CALL_RENAMES[node.args[0] as string];
      if (renamed) node.args[0] = renamed;
    }
  });
}

/** Undoes `renameCalls` in a message shown to the user. */
export function userFacingNames(message: string): string {
  let out = message;
  for (const [name, renamed] of Object.entries(CALL_RENAMES)) out = out.split(renamed).join(name);
  return out;
}

export interface VariableReferences {
  /** Names read as `variables.<name>` (or `variables['<name>']`). */
  names: Set<string>;
  /** True when `variables` is used in any other way (`variables[x]`, passed whole), so the set is incomplete. */
  dynamic: boolean;
}

/** Which composited variables an expression reads, so loaders can check them and order them. */
export function variableReferences(root: AstNode, variable = 'variables'): VariableReferences {
  const names = new Set<string>();
  const selected = new Set<AstNode>();
  walkAst(root, (node) => {
    const args = node.args;
    if (!Array.isArray(args) || !isAstNode(args[0]) || args[0].op !== 'id' || args[0].args !== variable)
      return;
    if ((node.op === '.' || node.op === '.?') && typeof args[1] === 'string') {
      names.add(args[1]);
      selected.add(args[0]);
    } else if ((node.op === '[]' || node.op === '[?]') && isAstNode(args[1]) && args[1].op === 'value') {
      if (typeof args[1].args === 'string') {
        names.add(args[1].args);
        selected.add(args[0]);
      }
    }
  });
  let dynamic = false;
  walkAst(root, (node) => {
    if (node.op === 'id' && node.args === variable && !selected.has(node)) dynamic = true;
  });
  return { names, dynamic };
}

interface FoldableNode extends AstNode {
  setMeta(key: string, value: unknown): unknown;
}

function isLiteral(node: unknown): node is AstNode {
  return isAstNode(node) && node.op === 'value';
}

/**
 * Builds list and map literals made only of literals (`['RuntimeDefault', 'Localhost']`) once,
 * at compile time, instead of on every evaluation. Must run after type checking and before the
 * first evaluation (cel-js picks a node's evaluator on first use). Empty literals are left alone:
 * comprehensions use them as accumulators and push into them.
 */
export function foldConstantLiterals(root: AstNode): void {
  walkAst(root, (node) => {
    const args = node.args;
    if (!Array.isArray(args) || args.length === 0 || !('setMeta' in node)) return;
    if (node.op === 'list' && args.every(isLiteral)) {
      const value = Object.freeze(args.map((a: AstNode) => a.args));
      (node as FoldableNode).setMeta('evaluate', () => value);
    } else if (
      node.op === 'map' &&
      args.every((e) => Array.isArray(e) && isLiteral(e[0]) && isLiteral(e[1]))
    ) {
      const value: Record<string, unknown> = {};
      for (const [k, v] of args as [AstNode, AstNode][]) {
        const key = String(k.args);
        if (key !== '__proto__' && key !== 'constructor' && key !== 'prototype') value[key] = v.args;
      }
      Object.freeze(value);
      (node as FoldableNode).setMeta('evaluate', () => value);
    }
  });
}
