import { z } from 'zod';
import { type KevEntry, PalisadeError } from '../../model/index.ts';

export { DEFAULT_KEV_URL } from '../defaults.ts';

const kevSchema = z.looseObject({
  catalogVersion: z.string(),
  vulnerabilities: z.array(
    z.looseObject({
      cveID: z.string().regex(/^CVE-\d{4}-\d+$/),
      dateAdded: z.string(),
      dueDate: z.string(),
      knownRansomwareCampaignUse: z.string().optional(),
      requiredAction: z.string().optional(),
    }),
  ),
});

/** Parses the CISA KEV catalog (JSON feed, schema at cisagov/kev-data). */
export function parseKev(text: string, where: string): { version: string; entries: KevEntry[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PalisadeError(
      'input',
      `${where}: the KEV catalog is not valid JSON; check the kev URL or mirror`,
    );
  }
  const parsed = kevSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PalisadeError(
      'input',
      `${where}: not a KEV catalog ('${issue?.path.join('.')}': ${issue?.message}); check the kev URL or mirror`,
    );
  }
  return {
    version: parsed.data.catalogVersion,
    entries: parsed.data.vulnerabilities.map((v) => ({
      cveId: v.cveID,
      dateAdded: v.dateAdded,
      dueDate: v.dueDate,
      knownRansomwareCampaignUse: v.knownRansomwareCampaignUse === 'Known',
      ...(v.requiredAction ? { requiredAction: v.requiredAction } : {}),
    })),
  };
}
