// The API's response shapes as the dashboard sees them: inferred from the zod schemas the server's
// contract tests hold real responses to (src/server/openapi.ts), so the two cannot drift apart.
// Type-only: nothing of zod or the server reaches the browser bundle.
import type { z } from 'zod';
import type { Finding as ModelFinding } from '../../model/finding.ts';
import type { responseSchemas } from '../../server/openapi.ts';
import type { RoleGrant } from '../../server/roles.ts';
import type { triageBody } from '../../server/schemas.ts';

export type Project = z.infer<typeof responseSchemas.project>;
export type Scan = z.infer<typeof responseSchemas.scan>;
export type FindingSummary = z.infer<typeof responseSchemas.finding>;
export type FindingsPage = z.infer<typeof responseSchemas.findingsPage>;
export type FindingDetail = z.infer<typeof responseSchemas.findingDetail>;
export type MetricsResponse = z.infer<typeof responseSchemas.metrics>;
export type MetricSeries = MetricsResponse['series'][number];
export type ApiErrorBody = z.infer<typeof responseSchemas.error>;
export type TriageBody = z.input<typeof triageBody>;
export type TriageState = FindingSummary['triage']['state'];

export interface Me {
  name: string;
  grants: RoleGrant[];
}

/** The uploaded Finding (detail.finding): the model's shape, every part optional as old uploads may lack some. */
export type UploadedFinding = Partial<ModelFinding>;
