import { z } from 'zod';

/**
 * The parts of an OSV record that Palisade relies on, validated at the edge. Lenient about
 * everything else: unknown fields pass through untouched (OSV adds fields between versions).
 */
const event = z.looseObject({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const affected = z.looseObject({
  package: z.looseObject({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
  ranges: z.array(z.looseObject({ type: z.string(), events: z.array(event) })).optional(),
  versions: z.array(z.string()).optional(),
});

export const osvRecordSchema = z.looseObject({
  id: z.string().min(1).max(200),
  modified: z.string(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).nullish(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(z.looseObject({ type: z.string(), score: z.string() })).nullish(),
  affected: z.array(affected).nullish(),
});
