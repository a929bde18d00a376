import { celEquals } from './compare.ts';
import { chargeCall } from './cost.ts';
import type { LibraryContext } from './libraries.ts';

/** cel-go's sets extension: lists treated as sets, compared with CEL equality. */
export function registerSets(ctx: LibraryContext): void {
  const cost = (a: readonly unknown[], b: readonly unknown[]): void =>
    chargeCall(ctx.state, a.length * b.length);
  ctx.namespace('sets');
  ctx.fn('SetsNamespace.contains(list, list): bool', (_ns: object, a: unknown[], b: unknown[]) => {
    cost(a, b);
    return contains(a, b);
  });
  ctx.fn('SetsNamespace.equivalent(list, list): bool', (_ns: object, a: unknown[], b: unknown[]) => {
    cost(a, b);
    return contains(a, b) && contains(b, a);
  });
  ctx.fn('SetsNamespace.intersects(list, list): bool', (_ns: object, a: unknown[], b: unknown[]) => {
    cost(a, b);
    return b.some((x) => a.some((y) => celEquals(x, y)));
  });
}

function contains(a: readonly unknown[], b: readonly unknown[]): boolean {
  return b.every((x) => a.some((y) => celEquals(x, y)));
}
