import type { Environment, RegisteredFunctionHandler } from '@marcbachmann/cel-js';
import type { RunState } from './cost.ts';
import { registerAuthz } from './k8s-authz.ts';
import { registerFormat } from './k8s-format.ts';
import { registerIp } from './k8s-ip.ts';
import { registerQuantity } from './k8s-quantity.ts';
import { registerSemver } from './k8s-semver.ts';
import { registerUrl } from './k8s-url.ts';
import { registerComprehensions } from './lib-comprehensions.ts';
import { registerLists } from './lib-lists.ts';
import { registerMath } from './lib-math.ts';
import { registerRegex } from './lib-regex.ts';
import { registerSets } from './lib-sets.ts';
import { registerStrings } from './lib-strings.ts';

// cel-js types handlers as `(...args: any[]) => any`; handlers here are typed precisely and
// handed over through this alias.
type Handler = (...args: never[]) => unknown;

/** What a library registration needs: the environment plus shorthands that keep handlers synchronous. */
export interface LibraryContext {
  readonly env: Environment;
  readonly state: RunState;
  /** Registers a synchronous function (`'string.charAt(int): string'`, `'quantity(string): Quantity'`). */
  fn(signature: string, handler: Handler): void;
  /** Registers an opaque object type: no fields are readable from CEL. */
  type(name: string, ctor: abstract new (...args: never[]) => object): void;
  /** Registers `left == right` for a type whose instances have `equals`. */
  equality(typeName: string): void;
  /** A namespace object such as `math` or `sets` (CEL has no packages; cel-js resolves `math.greatest` as a method on a constant). */
  namespace(name: string): void;
  /** The cel-js evaluator instance of this environment (for the cost hook). */
  evaluator(): object;
}

export function registerLibraries(env: Environment, state: RunState): LibraryContext {
  let captured: object | undefined;
  const ctx: LibraryContext = {
    env,
    state,
    fn(signature, handler) {
      env.registerFunction(signature, { handler: handler as RegisteredFunctionHandler, async: false });
    },
    type(name, ctor) {
      env.registerType(name, { ctor: ctor as new () => object, fields: {} });
    },
    equality(typeName) {
      env.registerOperator(`${typeName} == ${typeName}`, (a: { equals(b: unknown): boolean }, b: unknown) =>
        a.equals(b),
      );
    },
    namespace(name) {
      const typeName = `${name[0]?.toUpperCase()}${name.slice(1)}Namespace`;
      // A distinct class per namespace, so cel-js can tell their methods apart by receiver type.
      const ns = { [typeName]: class {} }[typeName] as new () => object;
      env.registerType(typeName, { ctor: ns, fields: {} });
      env.registerConstant(name, typeName, new ns());
    },
    evaluator() {
      if (!captured) {
        ctx.fn('palisade_internal_evaluator(): bool', function (this: object) {
          captured = this;
          return true;
        } as Handler);
        env.evaluate('palisade_internal_evaluator()');
      }
      if (!captured) throw new Error('cel-js did not expose its evaluator');
      return captured;
    },
  };
  for (const register of [
    registerStrings,
    registerLists,
    registerSets,
    registerMath,
    registerRegex,
    registerComprehensions,
    registerQuantity,
    registerUrl,
    registerIp,
    registerSemver,
    registerFormat,
    registerAuthz,
  ]) {
    register(ctx);
  }
  return ctx;
}
