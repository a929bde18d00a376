import { bearerRequest, byStatus, field } from './http.ts';
import type { Verifier } from './types.ts';

/** npm: `GET /-/whoami` names the user a token belongs to, 401 when the registry rejects it. */
export const npmVerifier: Verifier = {
  name: 'npm',
  network: true,
  rules: ['npm-access-token'],
  defaultBaseUrl: 'https://registry.npmjs.org',
  async check(secret, ctx) {
    const answer = await bearerRequest(ctx, 'GET', '/-/whoami', secret, { accept: 'application/json' });
    return byStatus(answer, (body) => {
      const user = field(body, 'username');
      return user ? `authenticates as ${user}` : undefined;
    });
  },
};
