import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { extractBerry } from './berry.ts';
import { extractClassic } from './classic.ts';

/** yarn.lock of yarn 2+ starts its entries with `__metadata:`; otherwise it is the v1 format. */
export function extract(input: ExtractInput): ExtractResult {
  return /^__metadata:/m.test(input.contents) ? extractBerry(input) : extractClassic(input);
}
