import { CelEngine, type EngineSpec } from './engine.ts';
import type { LibraryContext } from './libraries.ts';

/**
 * The admission request as admission policies see it (`request.operation`,
 * `request.userInfo.username`, …). A typed variable like in Kubernetes, so `request.namex` is a
 * compile error while `object.namex` (dynamic) is not.
 */
export class AdmissionRequest {
  uid = '';
  kind: Record<string, string> = { group: '', version: '', kind: '' };
  resource: Record<string, string> = { group: '', version: '', resource: '' };
  subResource = '';
  requestKind: Record<string, string> = { group: '', version: '', kind: '' };
  requestResource: Record<string, string> = { group: '', version: '', resource: '' };
  requestSubResource = '';
  name = '';
  namespace = '';
  operation = 'CREATE';
  userInfo: Record<string, unknown> = { username: '', uid: '', groups: [], extra: {} };
  dryRun = false;
  options: unknown = null;

  constructor(init: Partial<AdmissionRequest> = {}) {
    Object.assign(this, init);
  }
}

function registerAdmissionTypes(ctx: LibraryContext): void {
  ctx.env.registerType('kubernetes.AdmissionRequest', {
    ctor: AdmissionRequest,
    fields: {
      uid: 'string',
      kind: 'map<string, string>',
      resource: 'map<string, string>',
      subResource: 'string',
      requestKind: 'map<string, string>',
      requestResource: 'map<string, string>',
      requestSubResource: 'string',
      name: 'string',
      namespace: 'string',
      operation: 'string',
      userInfo: 'dyn',
      dryRun: 'bool',
      options: 'dyn',
    },
  });
}

/** Variables of ValidatingAdmissionPolicy expressions, typed as the API server types them. */
export const ADMISSION_SPEC: EngineSpec = {
  variables: {
    object: 'dyn',
    oldObject: 'dyn',
    params: 'dyn',
    namespaceObject: 'dyn',
    request: 'kubernetes.AdmissionRequest',
    authorizer: 'kubernetes.authorization.Authorizer',
    variables: 'dyn',
  },
  types: registerAdmissionTypes,
};

/** Variables of FindingPolicy expressions: one finding (see finding-policy.ts for its shape). */
export const FINDING_SPEC: EngineSpec = {
  variables: { finding: 'dyn', variables: 'dyn' },
};

let admission: CelEngine | undefined;
let finding: CelEngine | undefined;

/** The shared engine for admission policies (one cel-js environment, one program cache). */
export function admissionEngine(): CelEngine {
  admission ??= new CelEngine(ADMISSION_SPEC);
  return admission;
}

/** The shared engine for finding policies. */
export function findingEngine(): CelEngine {
  finding ??= new CelEngine(FINDING_SPEC);
  return finding;
}
