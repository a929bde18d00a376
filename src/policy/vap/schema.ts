import { z } from 'zod';

// The admissionregistration.k8s.io/v1 shapes Palisade reads. Spec objects are strict, so a typo
// (`expresion:`) is an error with its line rather than a silently ignored field; metadata is loose.

const nonEmpty = z.string().min(1);

export const labelSelectorSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: nonEmpty,
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});
export type LabelSelector = z.infer<typeof labelSelectorSchema>;

export const ruleSchema = z.strictObject({
  apiGroups: z.array(z.string()).optional(),
  apiVersions: z.array(z.string()).optional(),
  resources: z.array(z.string()).optional(),
  operations: z.array(z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'])).optional(),
  scope: z.enum(['Cluster', 'Namespaced', '*']).optional(),
  resourceNames: z.array(z.string()).optional(),
});
export type ResourceRule = z.infer<typeof ruleSchema>;

export const matchResourcesSchema = z.strictObject({
  namespaceSelector: labelSelectorSchema.optional(),
  objectSelector: labelSelectorSchema.optional(),
  resourceRules: z.array(ruleSchema).optional(),
  excludeResourceRules: z.array(ruleSchema).optional(),
  matchPolicy: z.enum(['Exact', 'Equivalent']).optional(),
});
export type MatchResources = z.infer<typeof matchResourcesSchema>;

const metadataSchema = z.looseObject({
  name: nonEmpty,
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const CEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const policySchema = z.looseObject({
  apiVersion: z.enum([
    'admissionregistration.k8s.io/v1',
    'admissionregistration.k8s.io/v1beta1',
    'admissionregistration.k8s.io/v1alpha1',
  ]),
  kind: z.literal('ValidatingAdmissionPolicy'),
  metadata: metadataSchema,
  spec: z.strictObject({
    paramKind: z.strictObject({ apiVersion: nonEmpty, kind: nonEmpty }).optional(),
    matchConstraints: matchResourcesSchema.optional(),
    validations: z
      .array(
        z.strictObject({
          expression: nonEmpty,
          message: z.string().optional(),
          messageExpression: z.string().optional(),
          reason: z.enum(['Unauthorized', 'Forbidden', 'Invalid', 'RequestEntityTooLarge']).optional(),
        }),
      )
      .optional(),
    auditAnnotations: z.array(z.strictObject({ key: nonEmpty, valueExpression: nonEmpty })).optional(),
    matchConditions: z.array(z.strictObject({ name: nonEmpty, expression: nonEmpty })).optional(),
    variables: z
      .array(
        z.strictObject({
          name: z.string().regex(CEL_NAME, 'must be a CEL identifier'),
          expression: nonEmpty,
        }),
      )
      .optional(),
    failurePolicy: z.enum(['Fail', 'Ignore']).optional(),
  }),
});
export type PolicyDocument = z.infer<typeof policySchema>;

export const validationActionSchema = z.enum(['Deny', 'Warn', 'Audit']);
export type ValidationAction = z.infer<typeof validationActionSchema>;

export const bindingSchema = z.looseObject({
  apiVersion: z.enum([
    'admissionregistration.k8s.io/v1',
    'admissionregistration.k8s.io/v1beta1',
    'admissionregistration.k8s.io/v1alpha1',
  ]),
  kind: z.literal('ValidatingAdmissionPolicyBinding'),
  metadata: metadataSchema,
  spec: z.strictObject({
    policyName: nonEmpty,
    paramRef: z
      .strictObject({
        name: z.string().optional(),
        namespace: z.string().optional(),
        selector: labelSelectorSchema.optional(),
        parameterNotFoundAction: z.enum(['Allow', 'Deny']).optional(),
      })
      .optional(),
    matchResources: matchResourcesSchema.optional(),
    validationActions: z.array(validationActionSchema).min(1, 'at least one of Deny, Warn, Audit'),
  }),
});
export type BindingDocument = z.infer<typeof bindingSchema>;
