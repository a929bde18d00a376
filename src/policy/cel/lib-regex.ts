import { chargeCall, regexCost } from './cost.ts';
import type { LibraryContext } from './libraries.ts';
import { regexFind, regexFindAll, regexMatches } from './regex.ts';

/**
 * `matches` (standard library, replacing cel-js's backtracking version; see `renameCalls`) and the
 * Kubernetes regex library's `find` and `findAll`, all on RE2 syntax in linear time, charged
 * `length(string) × length(regex)` the way the API server estimates them.
 */
export function registerRegex(ctx: LibraryContext): void {
  const matches = (s: string, re: string): boolean => {
    chargeCall(ctx.state, regexCost(s, re));
    return regexMatches(s, re);
  };
  ctx.fn('string.palisade_re2_matches(string): bool', matches);
  ctx.fn('palisade_re2_matches(string, string): bool', matches);
  ctx.fn('string.find(string): string', (s: string, re: string) => {
    chargeCall(ctx.state, regexCost(s, re));
    return regexFind(s, re);
  });
  ctx.fn('string.findAll(string): list<string>', (s: string, re: string) => {
    chargeCall(ctx.state, regexCost(s, re));
    return regexFindAll(s, re);
  });
  ctx.fn('string.findAll(string, int): list<string>', (s: string, re: string, limit: bigint) => {
    chargeCall(ctx.state, regexCost(s, re));
    return regexFindAll(s, re, Number(limit));
  });
}
