import { chargeCall } from './cost.ts';
import type { LibraryContext } from './libraries.ts';

/** What an authorization check asks, in SubjectAccessReview terms. */
export interface AuthzAttributes {
  /** The user or service account (`system:serviceaccount:<ns>:<name>`) the check is for. */
  user: string;
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

export interface AuthzResult {
  decision: 'allow' | 'deny' | 'no-opinion' | 'error';
  reason: string;
}

/** Answers authorization checks; inside a cluster this is a SubjectAccessReview, outside it is whatever the caller supplies. */
export type Authorize = (attributes: AuthzAttributes) => AuthzResult;

/**
 * Outside a cluster there is nobody to ask: every check answers "no opinion" (not allowed, not an
 * error), so a policy that requires permission fails closed and one that grants exemptions to
 * privileged users does not grant them.
 */
export const OFFLINE_AUTHORIZER: Authorize = () => ({
  decision: 'no-opinion',
  reason: 'no authorizer: evaluated outside a cluster',
});

export class AuthzDecision {
  readonly result: AuthzResult;
  constructor(result: AuthzResult) {
    this.result = result;
  }
  equals(other: unknown): boolean {
    return other === this;
  }
}

/** A check being built: `authorizer.group('apps').resource('deployments').namespace('x')`. */
abstract class AuthzCheck {
  readonly authorize: Authorize;
  readonly attributes: Omit<AuthzAttributes, 'verb'>;
  constructor(authorize: Authorize, attributes: Omit<AuthzAttributes, 'verb'>) {
    this.authorize = authorize;
    this.attributes = attributes;
  }
  check(verb: string): AuthzDecision {
    try {
      return new AuthzDecision(this.authorize({ ...this.attributes, verb }));
    } catch (error) {
      return new AuthzDecision({
        decision: 'error',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  equals(other: unknown): boolean {
    return other === this;
  }
}

export class ResourceCheck extends AuthzCheck {
  with(extra: Partial<AuthzAttributes>): ResourceCheck {
    return new ResourceCheck(this.authorize, { ...this.attributes, ...extra });
  }
}

export class PathCheck extends AuthzCheck {}

/**
 * The `authorizer` variable of admission policies. `requestResource` is the check for the
 * resource of the request being admitted.
 */
export class Authorizer {
  readonly authorize: Authorize;
  readonly user: string;
  readonly requestResource: ResourceCheck;

  constructor(authorize: Authorize, user: string, request: Partial<AuthzAttributes> = {}) {
    this.authorize = authorize;
    this.user = user;
    this.requestResource = new ResourceCheck(authorize, { ...request, user });
  }

  equals(other: unknown): boolean {
    return other === this;
  }
}

/** The Kubernetes authorizer library, over whatever `Authorize` the caller puts in the `authorizer` variable. */
export function registerAuthz(ctx: LibraryContext): void {
  ctx.type('kubernetes.authorization.ResourceCheck', ResourceCheck);
  ctx.type('kubernetes.authorization.PathCheck', PathCheck);
  ctx.type('kubernetes.authorization.Decision', AuthzDecision);
  ctx.env.registerType('kubernetes.authorization.Authorizer', {
    ctor: Authorizer,
    fields: { requestResource: 'kubernetes.authorization.ResourceCheck' },
  });
  registerChecks(ctx);
}

function registerChecks(ctx: LibraryContext): void {
  const A = 'kubernetes.authorization.Authorizer';
  const R = 'kubernetes.authorization.ResourceCheck';
  const P = 'kubernetes.authorization.PathCheck';
  const D = 'kubernetes.authorization.Decision';
  ctx.fn(
    `${A}.serviceAccount(string, string): ${A}`,
    (a: Authorizer, ns: string, name: string) =>
      new Authorizer(a.authorize, `system:serviceaccount:${ns}:${name}`),
  );
  ctx.fn(
    `${A}.path(string): ${P}`,
    (a: Authorizer, path: string) => new PathCheck(a.authorize, { user: a.user, path }),
  );
  ctx.fn(
    `${A}.group(string): ${R}`,
    (a: Authorizer, group: string) => new ResourceCheck(a.authorize, { user: a.user, group }),
  );
  ctx.fn(
    `${A}.resource(string): ${R}`,
    (a: Authorizer, resource: string) =>
      new ResourceCheck(a.authorize, { user: a.user, group: '', resource }),
  );
  for (const field of ['resource', 'subresource', 'namespace', 'name'] as const) {
    ctx.fn(`${R}.${field}(string): ${R}`, (c: ResourceCheck, value: string) => c.with({ [field]: value }));
  }
  ctx.fn(`${R}.fieldSelector(string): ${R}`, (c: ResourceCheck) => c);
  ctx.fn(`${R}.labelSelector(string): ${R}`, (c: ResourceCheck) => c);
  const check = (c: AuthzCheck, verb: string): AuthzDecision => {
    // The API server charges a check like a SubjectAccessReview: enough that an expression can do two.
    chargeCall(ctx.state, 350_000);
    return c.check(verb);
  };
  ctx.fn(`${R}.check(string): ${D}`, check);
  ctx.fn(`${P}.check(string): ${D}`, check);
  ctx.fn(`${D}.allowed(): bool`, (d: AuthzDecision) => d.result.decision === 'allow');
  ctx.fn(`${D}.reason(): string`, (d: AuthzDecision) => d.result.reason);
  ctx.fn(`${D}.errored(): bool`, (d: AuthzDecision) => d.result.decision === 'error');
  ctx.fn(`${D}.error(): string`, (d: AuthzDecision) =>
    d.result.decision === 'error' ? d.result.reason : '',
  );
}
