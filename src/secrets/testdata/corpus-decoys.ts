/**
 * Lines that look like secrets to a careless scanner but are not: placeholders, references to
 * where a secret lives, documentation examples, truncated or masked tokens, identifiers, hashes,
 * UUIDs and encoded blobs next to the words key, token, secret and password. Each generator takes
 * a seed so that every decoy line in the corpus is different.
 */
import { ALNUM, BASE64, fake, fakeUuid, HEX } from '../rules/build.ts';

type Decoy = (seed: string) => string;

const NOUNS = ['billing', 'orders', 'search', 'reports', 'payments', 'notify', 'inventory', 'auth', 'gateway', 'ledger'];
function noun(seed: string): string {
  return NOUNS[fake(seed, '0123456789', 1).charCodeAt(0) % NOUNS.length]!;
}
const up = (s: string) => s.toUpperCase();

/** KEY=value lines of .env files, docker-compose environments and CI variables. */
export const ENV_DECOYS: Decoy[] = [
  (s) => `${up(noun(s))}_API_KEY=`,
  (s) => `${up(noun(s))}_API_KEY=\${${up(noun(s))}_API_KEY}`,
  (s) => `${up(noun(s))}_TOKEN=changeme`,
  (s) => `${up(noun(s))}_SECRET=your-${noun(s)}-secret-here`,
  (s) => `${up(noun(s))}_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
  (s) => `${up(noun(s))}_API_TOKEN=<${noun(s)}-api-token>`,
  (s) => `${up(noun(s))}_TOKEN_TTL=${3600 + s.length}`,
  (s) => `${up(noun(s))}_SECRET_LENGTH=64`,
  () => 'API_KEY_HEADER=X-Api-Key',
  (s) => `OAUTH_TOKEN_URL=https://${noun(s)}.acme.io/oauth2/token`,
  () => 'JWT_ALGORITHM=RS256',
  () => 'AUTH_PROVIDER=okta',
  () => 'PASSWORD_MIN_LENGTH=12',
  (s) => `SECRET_NAME=prod/${noun(s)}/credentials`,
  (s) => `KEY_VAULT_NAME=acme-${noun(s)}-kv-prod`,
  (s) => `SIGNING_KEY_ID=${noun(s)}-2024-05-rotation`,
  () => 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
  () => 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  (s) => `${up(noun(s))}_PASSWORD=********`,
  (s) => `DATABASE_URL=postgres://${noun(s)}:\${DB_PASSWORD}@db:5432/${noun(s)}`,
  (s) => `REDIS_URL=redis://redis:6379/${s.length % 16}`,
  () => 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app_test',
  (s) => `GITHUB_TOKEN=ghp_${'x'.repeat(36)} # ${noun(s)}`,
  (s) => `STRIPE_SECRET_KEY=sk_live_...${noun(s)}`,
  (s) => `${up(noun(s))}_CLIENT_ID=${fakeUuid(`${s}client`)}`,
  (s) => `${up(noun(s))}_KEY_ID=kid-${fake(s, '0123456789', 4)}`,
  (s) => `TOKENIZER_MODEL=bert-base-uncased-${noun(s)}`,
  (s) => `${up(noun(s))}_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/${noun(s)}-AbCdEf`,
  (s) => `${up(noun(s))}_AUTH_MODE=oauth2-client-credentials`,
];

/** Lines of JavaScript, TypeScript, Python, Go and Java. */
export const CODE_DECOYS: Decoy[] = [
  () => "const token = req.headers.authorization?.split(' ')[1];",
  (s) => `const apiKey = process.env.${up(noun(s))}_API_KEY;`,
  () => 'password: await hashPassword(input.password),',
  () => "if (token.length !== 40) throw new Error('token must be 40 characters');",
  (s) => `const tokenizer = new Tokenizer("${noun(s)}-wordpiece-v2");`,
  () => "const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);",
  () => 'headers: { Authorization: `Bearer ${accessToken}` },',
  (s) => `expect(redact("ghp_" + "a".repeat(36))).toBe("ghp_…(40 chars)"); // ${noun(s)}`,
  (s) => `const secretName = \`\${env}/${noun(s)}/stripe\`;`,
  (s) => `${noun(s)}_api_key = os.environ["${up(noun(s))}_API_KEY"]`,
  (s) => `password = getpass.getpass("Password for ${noun(s)}: ")`,
  (s) => `token := os.Getenv("${up(noun(s))}_TOKEN")`,
  () => 'apiKey := r.Header.Get("X-Api-Key")',
  (s) => `private static final String TOKEN_HEADER = "X-${noun(s)}-Token";`,
  (s) => `String password = System.getenv("${up(noun(s))}_DB_PASSWORD");`,
  (s) => `const sessionKey = \`session:\${userId}:${noun(s)}\`;`,
  (s) => `const keyboardLayout = "en-US-international-${noun(s)}";`,
  (s) => `const authorName = "${noun(s)} team <team@acme.io>";`,
  (s) => `const passwordlessLoginUrl = "https://${noun(s)}.acme.io/magic-link";`,
  (s) => `token_type: "Bearer", // ${noun(s)}`,
  (s) => `const requestId = "${fakeUuid(`${s}req`)}";`,
  (s) => `const commitSha = "${fake(s, HEX, 40)}";`,
  (s) => `integrity: "sha512-${fake(s, BASE64, 86)}==",`,
  (s) => `const avatar = "data:image/png;base64,${fake(s, BASE64, 96)}";`,
  (s) => `const secret = await vault.read("secret/data/${noun(s)}");`,
  () => 'const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";',
  (s) => `const token = jwt.sign({ sub: user.id, scope: "${noun(s)}" }, signingKey, { expiresIn: "1h" });`,
  (s) => `apiKey: "${up(noun(s))}_API_KEY_PLACEHOLDER",`,
  (s) => `const fakeToken = "ghp_" + "${'0'.repeat(36)}"; // ${noun(s)} fixture`,
  (s) => `const url = "postgres://localhost:5432/${noun(s)}";`,
  (s) => `assert.equal(config.${noun(s)}.secretKey, undefined);`,
  (s) => `const stripePublishableKey = "pk_live_${fake(s, ALNUM, 24)}";`,
  (s) => `  vapidPublicKey: "B${fake(s, ALNUM, 86)}",`,
  (s) => `const cacheKey = "${fake(s, HEX, 40)}";`,
  (s) => `const idempotencyKey = "${fake(s, ALNUM, 24)}";`,
  (s) => `  partitionKey: "tenant#${fake(s, HEX, 16)}",`,
  (s) => `  "nextPageToken": "CiAK${fake(s, ALNUM, 48)}",`,
  (s) => `const csrfToken = "${fake(s, ALNUM, 40)}";`,
  (s) => `PUBLIC_KEY = "${fake(s, BASE64, 64)}"`,
  (s) => `  sortKey: "${noun(s)}#2024-05-01T12:00:00Z",`,
  (s) => `password_regex = r"^(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{12,}$"  # ${noun(s)}`,
  (s) => `  "tokenExpired": "Your ${noun(s)} session has expired, please sign in again",`,
  (s) => `const keyId = "${fakeUuid(`${s}kid`)}";`,
];

/** YAML and JSON configuration values. */
export const CONFIG_DECOYS: Decoy[] = [
  (s) => `      ${noun(s)}_token: \${{ secrets.${up(noun(s))}_TOKEN }}`,
  (s) => `  password: "{{ vault_${noun(s)}_password }}"`,
  () => '    token_type: Bearer',
  () => '  password: ""',
  (s) => `        secretKeyRef: { name: ${noun(s)}-db, key: password }`,
  (s) => `    secretName: ${noun(s)}-tls`,
  () => '  auth: { enabled: true, method: oidc }',
  (s) => `  "${noun(s)}ApiKey": "<insert-api-key>",`,
  (s) => `  "${noun(s)}_secret": "REPLACE_ME",`,
  (s) => `  image: ghcr.io/acme/${noun(s)}@sha256:${fake(s, HEX, 64)}`,
  (s) => `  checksum: "${fake(s, HEX, 64)}"`,
  (s) => `  api_key_id: "${fake(s, ALNUM, 12)}"`,
  (s) => `  client_id: "${fakeUuid(`${s}cid`)}"`,
  () => '  passwordPolicy: strict',
  () => '  private_key_path: /etc/acme/tls/server.key',
  (s) => `  token_endpoint: https://login.acme.io/${noun(s)}/oauth2/v2.0/token`,
  (s) => `  "passwordLabel": "Kennwort für ${noun(s)}",`,
  () => '  "password": "Contraseña",',
  (s) => `    value: ${up(noun(s))}_SECRET_FROM_VAULT`,
  (s) => `  aws_secret_access_key: !Ref ${noun(s)}SecretAccessKey`,
  () => '  ssh_public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ci@acme',
];

/** Prose and shell: READMEs, docs, runbooks. */
export const DOC_DECOYS: Decoy[] = [
  (s) => `Set \`${up(noun(s))}_API_KEY\` to the key from the ${noun(s)} dashboard.`,
  () => 'Create a token at https://github.com/settings/tokens and export it as GITHUB_TOKEN=ghp_...',
  (s) => `curl -H "Authorization: Bearer $${up(noun(s))}_TOKEN" https://api.acme.io/v1/${noun(s)}`,
  (s) => `export ${up(noun(s))}_PASSWORD=<your password>`,
  () => 'The secret key is rotated every 90 days; see the runbook.',
  () => 'Tokens look like `xoxb-123456789012-1234567890123-<24 characters>`.',
  (s) => `echo "$${up(noun(s))}_TOKEN" | docker login ghcr.io -u acme-bot --password-stdin`,
  () => 'Never commit `.env` files: the pre-commit hook refuses tokens and passwords.',
  (s) => `curl -u "$USER:$${up(noun(s))}_TOKEN" https://jenkins.acme.io/job/${noun(s)}/build`,
  () => 'Example: `sk_live_` keys are live-mode Stripe keys; `sk_test_` keys are test-mode.',
  () => 'Bearer authentication (RFC 6750) sends the token in the Authorization header.',
];
