import { bearerRequest, byStatus, field } from './http.ts';
import type { Verifier } from './types.ts';

/**
 * GitHub: `GET /user` answers 200 for any token that authenticates as a user. Refresh tokens
 * (`ghr_`) are not bearer tokens, so they are not checked: a 401 would not mean revoked.
 */
export const githubVerifier: Verifier = {
  name: 'github',
  network: true,
  rules: ['github-pat', 'github-fine-grained-pat', 'github-oauth', 'github-app-token'],
  defaultBaseUrl: 'https://api.github.com',
  async check(secret, ctx) {
    const answer = await bearerRequest(ctx, 'GET', '/user', secret, {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    });
    return byStatus(answer, (body) => {
      const login = field(body, 'login');
      return login ? `authenticates as ${login}` : undefined;
    });
  },
};
