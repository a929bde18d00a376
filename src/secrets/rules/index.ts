import type { RuleDefinition } from '../types.ts';
import { AI_RULES } from './ai.ts';
import { CLOUD_RULES } from './cloud.ts';
import { COMMS_RULES } from './comms.ts';
import { DEVTOOLS_RULES } from './devtools.ts';
import { GENERIC_RULES } from './generic.ts';
import { KEY_RULES } from './keys.ts';
import { PAYMENTS_RULES } from './payments.ts';
import { VCS_RULES } from './vcs.ts';

export { DEFAULT_ALLOWLIST } from './allowlist.ts';

/** Every built-in rule, by provider family. A new rule is one entry in one of these files. */
export const BUILTIN_RULES: readonly RuleDefinition[] = [
  ...CLOUD_RULES,
  ...VCS_RULES,
  ...DEVTOOLS_RULES,
  ...COMMS_RULES,
  ...PAYMENTS_RULES,
  ...AI_RULES,
  ...KEY_RULES,
  ...GENERIC_RULES,
];
