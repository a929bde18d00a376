// biome-ignore-all lint/suspicious/noTemplateCurlyInString: samples quote ${VAR} references literally, as files do
import type { RuleDefinition } from '../types.ts';
import { ALNUM, ASSIGN, ASSIGN_NO_COMMA, alternation, BASE64, BASE64URL, fake, fakeUuid } from './build.ts';
import { PLACEHOLDER_PASSWORDS } from './keys.ts';

/** The assignment, then an optional backslash before the value's quote (escaped JSON). */
const OP = `${ASSIGN}\\\\?`;
/** A value in double, single or back quotes, escaped (JSON in a string) or not. */
const QUOTED = '\\\\?(?:"([^"\\s\\\\]{16,200})\\\\?"|\'([^\'\\s\\\\]{16,200})\\\\?\'|`([^`\\s]{16,200})`)';
/** Closing quotes and brackets after a name, and spaces: the start of ASSIGN. */
const QUOTES = '[\\\\\'"\\]]{0,3}[ \\t]{0,3}';

/**
 * A secret-ish word as the start of a name segment: `apiKey`, `API_KEY`, `client_secret`,
 * `authToken` — but not `monkey`, `keyboard`, `author` or `passwordless`.
 */
function nameWords(words: readonly string[]): string {
  const lower = alternation(words);
  const capitalized = alternation(words.map(capitalize));
  const upper = alternation(words.map((w) => w.toUpperCase()));
  return `(?:${lower}|${capitalized}|${upper})(?![a-rt-z])`;
}

/**
 * Allowlist regex over what precedes a match (see AllowlistDefinition.beforeRegexes): a lowercase
 * name inside a longer lowercase word — `monkey`, `turkey` — unless the word is a known compound
 * such as `apikey` or `dbpassword`.
 */
function insideAWord(prefixes: readonly string[]): string {
  return `(?:^|[^a-z])(?!${alternation(prefixes)}\\u0001)[a-z]{1,40}\\u0001[a-z]`;
}

function capitalize(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

/** Prefixes glued to `key`, `token` or `secret` in one lowercase word: apikey, accesstoken. */
const PREFIXES = [
  'o', // oauth
  'api',
  'access',
  'secret',
  'private',
  'master',
  'license',
  'auth',
  'refresh',
  'bearer',
  'client',
  'app',
];

/** Prefixes glued to `password`: dbpassword, rootpassword. */
const PASSWORD_PREFIXES = [
  'db',
  'admin',
  'root',
  'user',
  'my',
  'smtp',
  'mail',
  'app',
  'api',
  'ldap',
  'bind',
  'master',
];

/**
 * Keys and tokens that are not credentials, told by the start of their name (just before the
 * match): public keys (VAPID, Stripe publishable), cache, sort, partition and idempotency keys,
 * pagination and CSRF tokens.
 */
const NOT_CREDENTIALS = [
  'public',
  'publishable',
  'cache',
  'sort',
  'partition',
  'idempotency',
  'page',
  'csrf',
  'xsrf',
  'primary',
  'foreign',
  'lookup',
];

/** Names that hold something about a secret but not the secret: its id, URL, file, length... */
const NOT_THE_SECRET_NAME = (() => {
  const words = [
    'id',
    'ids',
    'name',
    'url',
    'uri',
    'path',
    'file',
    'dir',
    'type',
    'size',
    'len',
    'length',
    'count',
    'version',
    'format',
    'prefix',
    'header',
    'field',
    'label',
    'env',
    'ref',
    'hash',
    'digest',
    'alg',
    'algorithm',
    'method',
    'policy',
    'schema',
    'store',
    'vault',
    'arn',
    'timeout',
    'ttl',
    'expiry',
    'expires',
    'expiration',
    'endpoint',
    'host',
    'region',
    'pattern',
    'regex',
    'query',
    'param',
    'mode',
    'location',
    'index',
    'column',
    'attribute',
    'mapping',
    'placeholder',
    'hint',
    'input',
    'reset',
    'confirm',
    'confirmation',
    'strength',
    'rule',
    'rules',
    'min',
    'max',
    'hashed',
    'encrypted',
  ];
  const lower = alternation(words);
  const upper = alternation(words.map((w) => w.toUpperCase()));
  const capitalized = alternation(words.map((w) => w[0]!.toUpperCase() + w.slice(1)));
  return `(?:[_.-](?:${lower}|${upper})|${capitalized})${OP}`;
})();

/** Values that are code or configuration rather than a secret. */
const NOT_A_SECRET_VALUE = [
  // member access and identifiers: process.env.API_KEY, config.auth.token2, api_key_v2, API_TOKEN_2
  '^[A-Za-z_$][\\w$]{0,60}(?:\\.[A-Za-z_$][\\w$]{0,60}){1,10}$',
  '^[a-z][a-z0-9]{0,40}(?:[_-][a-z0-9]{1,40}){1,12}$',
  '^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,12}$',
  // URLs, paths and file names
  '^[a-z][a-z0-9+.-]{1,20}://',
  '^(?:\\.{0,2}/|~/|[A-Za-z]:\\\\)',
  '\\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|toml|txt|env|cfg|conf|ini|xml|properties|js|ts|py|rb|go|java|html|png|svg)$',
  // identifiers and digests in a known shape
  '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  '^sha(?:1|224|256|384|512)[-:]',
  '^v?[0-9]{1,4}(?:\\.[0-9]{1,6}){1,3}(?:[-+][\\w.-]{1,40})?$',
  // Stripe publishable keys are public by design
  '^pk_(?:live|test)_',
  // URIs of other schemes (tag:, urn:, arn:, data:)
  '^(?:tag|urn|arn|data|mailto):',
  // numbers, PGP fingerprints, regex character classes, text in other scripts
  '^[0-9]{1,200}$',
  '^[0-9A-F]{40}$',
  '\\[[^\\]-]{0,40}-[^\\]]{0,40}\\]',
  '[^\\x00-\\x7f]',
];

const REFERENCE_STOPWORDS = [
  'process.env',
  'os.environ',
  'getenv',
  'environ[',
  'env::',
  'secretsmanager',
  'keyvault',
  'vault:',
  'ssm:',
  'arn:aws:',
  'lorem',
];

/**
 * Assignment rules for secrets without a provider shape: high-entropy values assigned to a name
 * that says key, token, secret or password. They run last; a provider rule on the same value wins.
 */
export const GENERIC_RULES: RuleDefinition[] = [
  {
    id: 'generic-api-key',
    description: 'Generic API key, token or secret',
    regex:
      `${nameWords(['key', 'token', 'secret', 'credential', 'auth'])}[\\w.-]{0,30}` +
      `${QUOTES}[:=>][=>]?[ \\t]{0,3}(?:${QUOTED}|([\\w.~+/-][\\w.~+/=-]{15,199})(?![\\w.~+/=(-]))`,
    keywords: ['key', 'token', 'secret', 'credential', 'auth'],
    entropy: 3.5,
    requireDigit: true,
    generic: true,
    allowlist: {
      regexes: NOT_A_SECRET_VALUE,
      matchRegexes: [NOT_THE_SECRET_NAME],
      beforeRegexes: [`(?i)${alternation(NOT_CREDENTIALS)}[_.-]?\\u0001`, insideAWord(PREFIXES)],
      stopwords: REFERENCE_STOPWORDS,
    },
    severity: 'medium',
    samples: {
      truePositives: [
        `const apiKey = "${fake('generic-1', ALNUM, 32)}";`,
        `  client_secret: ${fake('generic-2', BASE64URL, 40)}`,
        `{"access_token": "${fake('generic-3', BASE64, 48)}"}`,
        `INTERNAL_SERVICE_TOKEN=${fake('generic-4', ALNUM, 40)}`,
      ],
      falsePositives: [
        'const apiKey = process.env.PAYMENTS_API_KEY;',
        'api_key_id: "a1b2c3d4e5f6a7b8c9d0"',
        `request_id_key: "${fakeUuid('generic-uuid')}"`,
        'token_url = "https://auth.acme.io/oauth2/token"',
        'secret_file: /etc/acme/secrets/api_token_v2.json',
        'keyboard_layout = "en-US-international-2024"',
        // RFC 6455's example nonce, quoted in WebSocket advisories (once reported in the demo's)
        "headers['Sec-WebSocket-Key'] = 'dGhlIHNhbXBsZSBub25jZQ==';",
        'AUTH_TOKEN_ENV_NAME=ACME_SERVICE_AUTH_TOKEN_V2',
        'cache_key: "user_profile_cache_v2_2024"',
        'token = "Lorem1psumDolorSitAmet2025"',
      ],
    },
  },
  {
    id: 'generic-password',
    description: 'Password assigned in code or configuration',
    regex:
      `${nameWords(['password', 'passwd', 'pwd', 'passphrase'])}[\\w.-]{0,30}${ASSIGN_NO_COMMA}\\\\?` +
      '(?:"([^"\\s\\\\]{6,100})\\\\?"|\'([^\'\\s\\\\]{6,100})\\\\?\'|([^\\s\'"`,;(){}<>\\[\\]=:\\\\][^\\s\'"`,;(){}<>\\[\\]]{5,99})(?=[\\s,;<]|$))',
    keywords: ['passw', 'pwd', 'passphrase'],
    entropy: 2.5,
    generic: true,
    allowlist: {
      regexes: [
        PLACEHOLDER_PASSWORDS,
        '^[A-Z]?[a-z\\u00C0-\\u024F]{1,100}$',
        // type names (`password: BinaryLike`), paths, text in other scripts
        '^(?:[A-Z][a-z]{1,20}){2,6}$',
        '^[A-Z][A-Za-z]{5,100}$',
        '^(?:\\.{0,2}/|~/|[A-Za-z]:\\\\)',
        '[^\\x00-\\x7f]',
        '^[a-z][a-z0-9]{0,40}(?:[_.-][a-z0-9]{1,40}){1,12}$',
        '^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,12}$',
        '^[A-Za-z_$][\\w$]{0,60}(?:\\.[A-Za-z_$][\\w$]{0,60}){1,10}$',
        '^\\$2[aby]?\\$',
        '(?i)^(?:true|false|null|none|nil|undefined|required|optional)$',
      ],
      matchRegexes: [NOT_THE_SECRET_NAME],
      beforeRegexes: [insideAWord(PASSWORD_PREFIXES)],
      stopwords: [...REFERENCE_STOPWORDS, 'password', 'passwd'],
    },
    severity: 'high',
    samples: {
      truePositives: [
        `DB_PASSWORD=${fake('pw-1', ALNUM, 12)}7x`,
        `  password: "${fake('pw-2', `${ALNUM}!#%&*+-?@^_~`, 18)}"`,
        `ldap_bind_pwd = '${fake('pw-3', ALNUM, 12)}'`,
      ],
      falsePositives: [
        'password: ${DB_PASSWORD}',
        'DB_PASSWORD=changeme',
        '"passwordLabel": "Passwort",',
        'password_hash = "$2b$12$abcdefghijklmnopqrstuu"',
        'password = getPassword()',
        '"password": "Contraseña",',
        'PASSWORD_MIN_LENGTH=12',
        'password: "********"',
        'password = os.environ.get("PASSWORD")',
      ],
    },
  },
  {
    id: 'authorization-bearer-token',
    description: 'Bearer token in an Authorization header',
    regex: '\\bbearer[ \\t]{1,3}([\\w.~+/-]{20,2000}={0,3})(?![\\w.~+/=-])',
    flags: 'i',
    keywords: ['bearer'],
    entropy: 3.5,
    requireDigit: true,
    generic: true,
    allowlist: { regexes: NOT_A_SECRET_VALUE, stopwords: REFERENCE_STOPWORDS },
    severity: 'medium',
    samples: {
      truePositives: [
        `curl -H "Authorization: Bearer ${fake('bearer', BASE64URL, 48)}" https://api.acme.io/v1/orders`,
      ],
      falsePositives: [
        'curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/v1/orders',
        "headers: { Authorization: 'Bearer ' + token }",
        'Bearer authentication is described in RFC6750',
      ],
    },
  },
  {
    id: 'authorization-basic',
    description: 'Basic credentials in an Authorization header',
    regex:
      'authorization[\'"]?[ \\t]{0,3}[:=][ \\t]{0,3}[\'"]?basic[ \\t]{1,3}([A-Za-z0-9+/]{8,1000}={0,2})(?![A-Za-z0-9+/=])',
    flags: 'i',
    keywords: ['authorization'],
    entropy: 3,
    generic: true,
    allowlist: {
      // base64 of user:pass, username:password, admin:admin, user:password
      stopwords: ['dxnlcjpwyxnz', 'dxnlcm5hbwu6cgfzc3dvcmq', 'ywrtaw46ywrtaw4', 'dxnlcjpwyxnzd29yza'],
    },
    severity: 'high',
    samples: {
      truePositives: [
        `Authorization: Basic ${Buffer.from(`svc-export:${fake('basic', ALNUM, 20)}`).toString('base64')}`,
      ],
      falsePositives: [
        'Authorization: Basic dXNlcjpwYXNzd29yZA==',
        'Authorization: Basic $(echo -n "$USER:$PASS" | base64)',
      ],
    },
  },
  {
    id: 'curl-auth-user',
    description: 'Credentials passed to curl with -u',
    regex: '[ \\t](?:-u|--user)(?:[ \\t]{1,3}|=)[\'"]?[^\\s\'":$]{1,100}:([^\\s\'"$]{3,100})',
    keywords: ['curl'],
    entropy: 2.5,
    generic: true,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [`curl -u admin:${fake('curl', ALNUM, 16)} https://jenkins.acme.io/job/deploy/build`],
      falsePositives: [
        'curl -u "$USER:$TOKEN" https://jenkins.acme.io/job/deploy/build',
        'curl -u user:password https://example.com',
      ],
    },
  },
];
