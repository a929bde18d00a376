import { visitorKeys } from 'oxc-parser';
import {
  type AstNode,
  child,
  children,
  LineIndex,
  literalPrefix,
  literalString,
  memberName,
  parseModule,
  text,
  unwrap,
} from './js-ast.ts';

/** `import` requests resolve with ESM conditions, `require` ones with CommonJS conditions. */
export type RequestKind = 'import' | 'require';

export interface ModuleRequest {
  specifier: string;
  line: number;
  kind: RequestKind;
}

/** What one JS/TS file loads and how it uses what it loads. */
export interface ModuleFacts {
  requests: ModuleRequest[];
  /** Export or member `name` of the module `specifier` used at `line`; `default` = the module called. */
  uses: Array<{ specifier: string; name: string; line: number }>;
  /** The module is used as a value (passed on, re-exported whole), so its used names are not all known. */
  opaque: Array<{ specifier: string; line: number }>;
  nonLiteral: Array<{ kind: RequestKind; line: number; prefix?: string }>;
  /** String literals shaped like npm package names, first line of each (only when asked for). */
  strings: Array<{ value: string; line: number }>;
  errors: string[];
}

/**
 * Reads the module graph facts of one file from its syntax tree: ESM imports and re-exports,
 * `require`, literal `import()`, TypeScript `import x = require()`, `new URL('./x', import.meta.url)`;
 * and for every binding of a module (`import _ from`, `import * as ns`, `const x = require()`),
 * which of its members the file touches. Scope is not modelled: a shadowing local of the same name
 * counts as a use, which can only over-report (the safe direction for risk).
 */
export function moduleFacts(path: string, source: string, options: { strings?: boolean } = {}): ModuleFacts {
  try {
    const parsed = parseModule(path, source);
    const walker = new FactsWalker(new LineIndex(source), options.strings === true);
    walker.visit(parsed.program);
    return walker.finish(parsed.errors);
  } catch (error) {
    // Pathological nesting exhausts the stack of the AST deserializer or of the walk: the file
    // is reported as not analysable (the analysis treats what it may load as unknown).
    if (!(error instanceof RangeError)) throw error;
    return {
      requests: [],
      uses: [],
      opaque: [],
      nonLiteral: [],
      strings: [],
      errors: ['nested too deeply to analyse'],
    };
  }
}

/** Type positions: erased before run time. */
const TYPE_KEYS = new Set([
  'typeAnnotation',
  'typeParameters',
  'typeArguments',
  'returnType',
  'superTypeArguments',
  'implements',
]);

/** TypeScript nodes that hold run-time code; every other `TS*` node is a type and is skipped. */
const TS_RUNTIME = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'TSModuleDeclaration',
  'TSModuleBlock',
  'TSExportAssignment',
  'TSParameterProperty',
]);

/** Module-interop helpers of Babel, TypeScript and esbuild: `__importDefault(require('x'))` is `require('x')`. */
const INTEROP = new Set([
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '__importDefault',
  '__importStar',
  '__toESM',
  '_interop_require_default',
  '_interop_require_wildcard',
]);

const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

interface ModuleExpression {
  kind: RequestKind;
  argument: AstNode | undefined;
  start: number;
  /** `import(x)` not awaited: a promise of the module, whose members are the promise's. */
  promise: boolean;
}

class FactsWalker {
  private readonly facts: ModuleFacts = {
    requests: [],
    uses: [],
    opaque: [],
    nonLiteral: [],
    strings: [],
    errors: [],
  };
  /** Local name → module specifier. */
  private readonly bindings = new Map<string, string>();
  private readonly members = new Map<string, Map<string, number>>();
  private readonly calls = new Map<string, number>();
  private readonly escapes = new Map<string, number>();
  private readonly seenStrings = new Set<string>();
  private readonly lines: LineIndex;
  private readonly collectStrings: boolean;

  constructor(lines: LineIndex, collectStrings: boolean) {
    this.lines = lines;
    this.collectStrings = collectStrings;
  }

  finish(errors: string[]): ModuleFacts {
    // `require` handed to other code (`require('import-lazy')(require)`) loads whatever that code asks.
    const requireEscapes = this.escapes.get('require');
    if (requireEscapes !== undefined && !this.bindings.has('require')) {
      this.facts.nonLiteral.push({ kind: 'require', line: requireEscapes });
    }
    for (const [local, specifier] of this.bindings) {
      for (const [name, line] of this.members.get(local) ?? [])
        this.facts.uses.push({ specifier, name, line });
      const call = this.calls.get(local);
      if (call !== undefined) this.facts.uses.push({ specifier, name: 'default', line: call });
      const escaped = this.escapes.get(local);
      if (escaped !== undefined) this.facts.opaque.push({ specifier, line: escaped });
    }
    this.facts.errors = errors;
    return this.facts;
  }

  visit(node: AstNode | undefined): void {
    if (!node) return;
    if (node.type.startsWith('TS') && !TS_RUNTIME.has(node.type)) {
      if (node.type === 'TSImportEqualsDeclaration') this.importEquals(node);
      return;
    }
    if (this.special(node)) return;
    this.visitChildren(node);
  }

  private visitChildren(node: AstNode): void {
    for (const key of visitorKeys[node.type] ?? []) {
      if (TYPE_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object') this.visit(item as AstNode);
      } else if (value && typeof value === 'object') this.visit(value as AstNode);
    }
  }

  /** Node types with their own rule; true when handled (children included). */
  private special(node: AstNode): boolean {
    switch (node.type) {
      case 'ImportDeclaration':
        this.importDeclaration(node);
        return true;
      case 'ExportNamedDeclaration':
        this.exportNamed(node);
        return true;
      case 'ExportAllDeclaration':
        this.exportAll(node);
        return true;
      case 'VariableDeclarator':
        this.declarator(node);
        return true;
      case 'ExpressionStatement':
        return this.statement(node);
      case 'MemberExpression':
        this.member(node);
        return true;
      case 'CallExpression':
      case 'NewExpression':
        return this.call(node);
      case 'ImportExpression':
        this.valueUse(node);
        return true;
      case 'Identifier':
        this.reference(node);
        return true;
      case 'Literal':
        this.literal(node);
        return true;
      default:
        return this.declarationLike(node);
    }
  }

  /** Declarations whose names are not references: visit only the parts that hold code. */
  private declarationLike(node: AstNode): boolean {
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.visit(child(node, 'body'));
        return true;
      case 'ClassDeclaration':
      case 'ClassExpression':
        for (const d of children(node, 'decorators')) this.visit(d);
        this.visit(child(node, 'superClass'));
        this.visit(child(node, 'body'));
        return true;
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition':
      case 'AccessorProperty':
        for (const d of children(node, 'decorators')) this.visit(d);
        if (node.computed === true) this.visit(child(node, 'key'));
        this.visit(child(node, 'value'));
        return true;
      case 'LabeledStatement':
        this.visit(child(node, 'body'));
        return true;
      case 'CatchClause':
        this.visit(child(node, 'body'));
        return true;
      case 'AssignmentExpression':
        if (child(node, 'left')?.type !== 'Identifier') this.visit(child(node, 'left'));
        this.visit(child(node, 'right'));
        return true;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
        return true;
      case 'UnaryExpression':
        // `typeof require === 'function'` inspects a name; it hands nothing on.
        if (node.operator !== 'typeof' || child(node, 'argument')?.type !== 'Identifier') return false;
        return true;
      default:
        return false;
    }
  }

  private importDeclaration(node: AstNode): void {
    const specifier = literalString(child(node, 'source'));
    if (specifier === undefined || node.importKind === 'type') return;
    const entries = children(node, 'specifiers').filter((s) => s.importKind !== 'type');
    if (entries.length === 0 && children(node, 'specifiers').length > 0) return; // only types
    const line = this.line(node);
    this.facts.requests.push({ specifier, line, kind: 'import' });
    for (const entry of entries) {
      const local = text(child(entry, 'local') ?? entry, 'name');
      if (entry.type === 'ImportSpecifier') {
        const imported = child(entry, 'imported');
        const name = imported ? (text(imported, 'name') ?? literalString(imported)) : undefined;
        if (name !== undefined) this.use(specifier, name, this.line(entry));
      } else if (local !== undefined) {
        this.bindings.set(local, specifier);
      }
    }
  }

  private exportNamed(node: AstNode): void {
    const specifier = literalString(child(node, 'source'));
    if (specifier === undefined) {
      this.visit(child(node, 'declaration'));
      for (const entry of children(node, 'specifiers')) this.visit(child(entry, 'local'));
      return;
    }
    if (node.exportKind === 'type') return;
    const line = this.line(node);
    this.facts.requests.push({ specifier, line, kind: 'import' });
    for (const entry of children(node, 'specifiers')) {
      if (entry.exportKind === 'type') continue;
      const local = child(entry, 'local');
      const name = local ? (text(local, 'name') ?? literalString(local)) : undefined;
      if (name !== undefined) this.use(specifier, name, line);
    }
  }

  private exportAll(node: AstNode): void {
    const specifier = literalString(child(node, 'source'));
    if (specifier === undefined || node.exportKind === 'type') return;
    const line = this.line(node);
    this.facts.requests.push({ specifier, line, kind: 'import' });
    this.facts.opaque.push({ specifier, line });
  }

  private importEquals(node: AstNode): void {
    if (node.importKind === 'type') return;
    const reference = child(node, 'moduleReference');
    if (reference?.type !== 'TSExternalModuleReference') return;
    const specifier = literalString(child(reference, 'expression'));
    const local = text(child(node, 'id') ?? node, 'name');
    if (specifier === undefined) return;
    this.facts.requests.push({ specifier, line: this.line(node), kind: 'require' });
    if (local !== undefined) this.bindings.set(local, specifier);
  }

  /** `const x = require('m')`, `const { a, b: c } = await import('m')`. */
  private declarator(node: AstNode): void {
    const init = child(node, 'init');
    const module = this.moduleExpression(init);
    if (!module) {
      this.visit(init);
      return;
    }
    const specifier = this.request(module);
    if (specifier === undefined) return;
    const id = child(node, 'id');
    if (module.promise) {
      this.facts.opaque.push({ specifier, line: this.line(node) });
    } else if (id?.type === 'Identifier') {
      const name = text(id, 'name');
      if (name !== undefined) this.bindings.set(name, specifier);
    } else if (id?.type === 'ObjectPattern') {
      this.destructure(id, specifier);
    } else {
      this.facts.opaque.push({ specifier, line: this.line(node) });
    }
  }

  private destructure(pattern: AstNode, specifier: string): void {
    for (const property of children(pattern, 'properties')) {
      const key = child(property, 'key');
      let name: string | undefined;
      if (property.type === 'Property' && key) {
        name = property.computed === true ? literalString(key) : (text(key, 'name') ?? literalString(key));
      }
      if (name === undefined) this.facts.opaque.push({ specifier, line: this.line(property) });
      else this.use(specifier, name, this.line(property));
    }
  }

  /** `require('m');` and `import('m');` as statements load the module for its side effects only. */
  private statement(node: AstNode): boolean {
    const module = this.moduleExpression(child(node, 'expression'));
    if (!module) return false;
    this.request(module);
    return true;
  }

  private member(node: AstNode): void {
    const object = unwrap(child(node, 'object'));
    const name = memberName(node);
    const module = this.moduleExpression(object);
    if (module) {
      const specifier = this.request(module);
      if (specifier === undefined) return;
      if (name === undefined || module.promise) this.facts.opaque.push({ specifier, line: this.line(node) });
      else this.use(specifier, name, this.line(node));
    } else if (object?.type === 'Identifier') {
      this.identifierMember(object, name, node);
    } else if (object?.type === 'MemberExpression' && this.defaultOfBinding(object, name, node)) {
      // `lodash_1.default.template` (TypeScript's esModuleInterop output): recorded as `template`.
    } else {
      this.visit(object);
    }
    if (node.computed === true) this.visit(child(node, 'property'));
  }

  private identifierMember(object: AstNode, name: string | undefined, node: AstNode): void {
    const local = text(object, 'name');
    if (local === undefined) return;
    if (name === undefined) {
      this.markEscape(local, node);
      return;
    }
    let names = this.members.get(local);
    if (!names) {
      names = new Map();
      this.members.set(local, names);
    }
    if (!names.has(name)) names.set(name, this.line(node));
  }

  private defaultOfBinding(object: AstNode, name: string | undefined, node: AstNode): boolean {
    const inner = unwrap(child(object, 'object'));
    if (inner?.type !== 'Identifier' || memberName(object) !== 'default' || name === undefined) return false;
    this.identifierMember(inner, name, node);
    return true;
  }

  private call(node: AstNode): boolean {
    const callee = unwrap(child(node, 'callee'));
    if (node.type === 'NewExpression' && this.urlReference(node)) return true;
    if (this.moduleExpression(node)) {
      this.valueUse(node);
      return true;
    }
    const module = this.moduleExpression(callee);
    if (module) {
      const specifier = this.request(module);
      if (specifier !== undefined) this.use(specifier, 'default', this.line(node));
    } else if (callee?.type === 'Identifier') {
      const local = text(callee, 'name');
      if (local !== undefined && !this.calls.has(local)) this.calls.set(local, this.line(node));
    } else {
      this.visit(callee);
    }
    for (const argument of children(node, 'arguments')) this.visit(argument);
    return true;
  }

  /** `new URL('./worker.js', import.meta.url)`: a file the module loads by URL (workers, wasm). */
  private urlReference(node: AstNode): boolean {
    const callee = child(node, 'callee');
    const [first, second] = children(node, 'arguments');
    if (callee?.type !== 'Identifier' || callee.name !== 'URL' || !second) return false;
    const base = second.type === 'MemberExpression' ? child(second, 'object') : undefined;
    const specifier = literalString(first);
    if (base?.type !== 'MetaProperty' || specifier === undefined || !specifier.startsWith('.')) return false;
    this.facts.requests.push({ specifier, line: this.line(node), kind: 'import' });
    return true;
  }

  /** A module expression used as a plain value: loaded, and its use unknown. */
  private valueUse(node: AstNode): void {
    const module = this.moduleExpression(node);
    if (!module) return;
    const specifier = this.request(module);
    if (specifier !== undefined) this.facts.opaque.push({ specifier, line: this.line(node) });
  }

  private reference(node: AstNode): void {
    const name = text(node, 'name');
    if (name !== undefined) this.markEscape(name, node);
  }

  private markEscape(local: string, node: AstNode): void {
    if (!this.escapes.has(local)) this.escapes.set(local, this.line(node));
  }

  private literal(node: AstNode): void {
    if (!this.collectStrings || typeof node.value !== 'string') return;
    const value = node.value;
    if (value.length > 214 || this.seenStrings.has(value) || !PACKAGE_NAME.test(value)) return;
    this.seenStrings.add(value);
    this.facts.strings.push({ value, line: this.line(node) });
  }

  /** `require(x)`, `import(x)`, `await import(x)`, and interop wrappers around them. */
  private moduleExpression(node: AstNode | undefined): ModuleExpression | undefined {
    let current = unwrap(node);
    const awaited = current?.type === 'AwaitExpression';
    if (awaited) current = unwrap(child(current!, 'argument'));
    if (!current) return undefined;
    if (current.type === 'ImportExpression') {
      return { kind: 'import', argument: child(current, 'source'), start: current.start, promise: !awaited };
    }
    if (current.type !== 'CallExpression') return undefined;
    const callee = unwrap(child(current, 'callee'));
    const args = children(current, 'arguments');
    if (callee?.type !== 'Identifier' || args.length === 0) return undefined;
    if (callee.name === 'require') {
      return { kind: 'require', argument: args[0], start: current.start, promise: false };
    }
    if (INTEROP.has(String(callee.name))) return this.moduleExpression(args[0]);
    return undefined;
  }

  /** Records the request (or the non-literal site) and returns the specifier when literal. */
  private request(module: ModuleExpression): string | undefined {
    const line = this.lines.line(module.start);
    const specifier = literalString(unwrap(module.argument));
    if (specifier !== undefined) {
      this.facts.requests.push({ specifier, line, kind: module.kind });
      return specifier;
    }
    const prefix = literalPrefix(unwrap(module.argument));
    this.facts.nonLiteral.push(prefix ? { kind: module.kind, line, prefix } : { kind: module.kind, line });
    return undefined;
  }

  private use(specifier: string, name: string, line: number): void {
    this.facts.uses.push({ specifier, name, line });
  }

  private line(node: AstNode): number {
    return this.lines.line(node.start);
  }
}
