import { z } from 'zod';
import type { VexStatement, VexStatus } from './statement.ts';

const product = z.union([
  z.string(),
  z.looseObject({
    '@id': z.string(),
    subcomponents: z.array(z.looseObject({ '@id': z.string() })).optional(),
  }),
]);

const openVexSchema = z.looseObject({
  '@context': z.string().startsWith('https://openvex.dev/ns'),
  statements: z.array(
    z.looseObject({
      vulnerability: z.union([
        z.string(),
        z.looseObject({
          name: z.string(),
          '@id': z.string().optional(),
          aliases: z.array(z.string()).optional(),
        }),
      ]),
      products: z.array(product).optional(),
      subcomponents: z.array(product).optional(),
      status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
      justification: z.string().optional(),
      impact_statement: z.string().optional(),
      status_notes: z.string().optional(),
    }),
  ),
});

export function isOpenVex(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    String((json as Record<string, unknown>)['@context'] ?? '').startsWith('https://openvex.dev/ns')
  );
}

/** OpenVEX 0.0.x and 0.2.x (https://github.com/openvex/spec): statements carry OpenVEX's own vocabulary. */
export function parseOpenVex(json: unknown, source: string): VexStatement[] | z.ZodError {
  const parsed = openVexSchema.safeParse(json);
  if (!parsed.success) return parsed.error;
  return parsed.data.statements.map((s) => {
    const vulnerabilities =
      typeof s.vulnerability === 'string'
        ? [s.vulnerability]
        : [s.vulnerability.name, ...(s.vulnerability.aliases ?? [])];
    const ids = (list: z.infer<typeof product>[] | undefined): string[] =>
      (list ?? []).flatMap((p) =>
        typeof p === 'string' ? [p] : [p['@id'], ...(p.subcomponents ?? []).map((c) => c['@id'])],
      );
    const statement: VexStatement = {
      vulnerabilities,
      products: [...ids(s.products), ...ids(s.subcomponents)].filter((p) => p.startsWith('pkg:')),
      status: s.status as VexStatus,
      source,
    };
    if (s.justification) statement.justification = s.justification;
    const text = s.impact_statement ?? s.status_notes;
    if (text) statement.statement = text;
    return statement;
  });
}
