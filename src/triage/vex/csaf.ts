import { z } from 'zod';
import type { VexStatement, VexStatus } from './statement.ts';

interface Branch {
  product?: { product_id: string; product_identification_helper?: { purl?: string } };
  branches?: Branch[];
}

const branch: z.ZodType<Branch> = z.lazy(() =>
  z.looseObject({
    product: z
      .looseObject({
        product_id: z.string(),
        product_identification_helper: z.looseObject({ purl: z.string().optional() }).optional(),
      })
      .optional(),
    branches: z.array(branch).optional(),
  }),
) as z.ZodType<Branch>;

const csafSchema = z.looseObject({
  document: z.looseObject({ category: z.string() }),
  product_tree: z
    .looseObject({
      branches: z.array(branch).optional(),
      full_product_names: z
        .array(
          z.looseObject({
            product_id: z.string(),
            product_identification_helper: z.looseObject({ purl: z.string().optional() }).optional(),
          }),
        )
        .optional(),
      relationships: z
        .array(
          z.looseObject({
            full_product_name: z.looseObject({ product_id: z.string() }),
            product_reference: z.string(),
          }),
        )
        .optional(),
    })
    .optional(),
  vulnerabilities: z.array(
    z.looseObject({
      cve: z.string().optional(),
      ids: z.array(z.looseObject({ text: z.string() })).optional(),
      product_status: z.record(z.string(), z.array(z.string())).optional(),
      flags: z
        .array(z.looseObject({ label: z.string(), product_ids: z.array(z.string()).optional() }))
        .optional(),
      threats: z
        .array(
          z.looseObject({
            category: z.string(),
            details: z.string(),
            product_ids: z.array(z.string()).optional(),
          }),
        )
        .optional(),
    }),
  ),
});

/** CSAF 2.0 product_status groups mapped onto VEX statuses. */
const STATUS: Record<string, VexStatus> = {
  known_not_affected: 'not_affected',
  known_affected: 'affected',
  fixed: 'fixed',
  first_fixed: 'fixed',
  under_investigation: 'under_investigation',
};

export function isCsafVex(json: unknown): boolean {
  const document =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>).document : undefined;
  return (
    typeof document === 'object' &&
    document !== null &&
    (document as Record<string, unknown>).category === 'csaf_vex'
  );
}

/**
 * CSAF 2.0 VEX profile: products are resolved to purls through the product tree (branches, full
 * product names, relationships); flags carry the justification (CSAF's labels are OpenVEX's).
 */
export function parseCsafVex(json: unknown, source: string): VexStatement[] | z.ZodError {
  const parsed = csafSchema.safeParse(json);
  if (!parsed.success) return parsed.error;
  const purls = productPurls(parsed.data.product_tree);
  return parsed.data.vulnerabilities.flatMap((v) => statementsOf(v, purls, source));
}

type CsafVulnerability = z.infer<typeof csafSchema>['vulnerabilities'][number];

function statementsOf(v: CsafVulnerability, purls: Map<string, string[]>, source: string): VexStatement[] {
  const vulnerabilities = [...(v.cve ? [v.cve] : []), ...(v.ids ?? []).map((i) => i.text)];
  const statements: VexStatement[] = [];
  for (const [group, productIds] of Object.entries(v.product_status ?? {})) {
    const status = STATUS[group];
    if (!status) continue;
    for (const productId of productIds) {
      // A product the tree gives no purl for cannot be matched to a component: skip it rather
      // than let an empty product list read as "every component".
      const products = purls.get(productId);
      if (!products) continue;
      const statement: VexStatement = { vulnerabilities, products, status, source };
      const flag = v.flags?.find((f) => f.product_ids?.includes(productId));
      if (flag) statement.justification = flag.label;
      const threat = v.threats?.find(
        (t) => t.category === 'impact' && (t.product_ids?.includes(productId) ?? true),
      );
      if (threat) statement.statement = threat.details;
      statements.push(statement);
    }
  }
  return statements;
}

function productPurls(tree: z.infer<typeof csafSchema>['product_tree']): Map<string, string[]> {
  const purls = new Map<string, string[]>();
  const visit = (b: Branch): void => {
    const purl = b.product?.product_identification_helper?.purl;
    if (b.product && purl) purls.set(b.product.product_id, [purl]);
    for (const child of b.branches ?? []) visit(child);
  };
  for (const b of tree?.branches ?? []) visit(b);
  for (const p of tree?.full_product_names ?? []) {
    if (p.product_identification_helper?.purl)
      purls.set(p.product_id, [p.product_identification_helper.purl]);
  }
  // "component X as part of product Y": the statement is about the component's purl.
  for (const r of tree?.relationships ?? []) {
    const component = purls.get(r.product_reference);
    if (component) purls.set(r.full_product_name.product_id, component);
  }
  return purls;
}
