// biome-ignore-all lint/suspicious/noTemplateCurlyInString: samples quote ${VAR} references literally, as files do
import type { RuleDefinition } from '../types.ts';
import { ALNUM, alternation, BASE64, BASE64URL, fake, fakeUuid } from './build.ts';
import { PLACEHOLDER_PASSWORDS } from './keys.ts';

/** `<op>` of an assignment in env files, YAML, JSON, TOML and most languages. */
const OP = '[\'"]?[ \\t]{0,3}[:=][=>]?[ \\t]{0,3}';

/**
 * A secret-ish word as the start of a name segment: `apiKey`, `API_KEY`, `client_secret`,
 * `authToken` — but not `monkey`, `keyboard`, `author` or `passwordless`.
 */
function nameWords(words: readonly string[]): string {
  const lower = words.join('|');
  const capitalized = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|');
  const upper = words.map((w) => w.toUpperCase()).join('|');
  const variants = [`(?<![a-z])(?:${lower})`, capitalized, upper];
  return `(?:${variants.join('|')})(?![a-rt-z])`;
}

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
      `${nameWords(['key', 'token', 'secret', 'credential', 'auth'])}[\\w.-]{0,30}${OP}` +
      '(?:"([^"\\s]{16,200})"|\'([^\'\\s]{16,200})\'|`([^`\\s]{16,200})`|([\\w.~+/-][\\w.~+/=-]{15,199})(?![\\w.~+/=-]))',
    keywords: ['key', 'token', 'secret', 'credential', 'auth'],
    entropy: 3.5,
    requireDigit: true,
    generic: true,
    allowlist: {
      regexes: NOT_A_SECRET_VALUE,
      matchRegexes: [NOT_THE_SECRET_NAME],
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
      `${nameWords(['password', 'passwd', 'pwd', 'passphrase'])}[\\w.-]{0,30}${OP}` +
      '(?:"([^"\\s]{6,100})"|\'([^\'\\s]{6,100})\'|([^\\s\'"`,;(){}<>\\[\\]=:][^\\s\'"`,;(){}<>\\[\\]]{5,99})(?=[\\s,;]|$))',
    keywords: ['passw', 'pwd', 'passphrase'],
    entropy: 2.5,
    generic: true,
    allowlist: {
      regexes: [
        PLACEHOLDER_PASSWORDS,
        '^[A-Z]?[a-z\\u00C0-\\u024F]{1,100}$',
        '^[a-z][a-z0-9]{0,40}(?:[_.-][a-z0-9]{1,40}){1,12}$',
        '^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,12}$',
        '^[A-Za-z_$][\\w$]{0,60}(?:\\.[A-Za-z_$][\\w$]{0,60}){1,10}$',
        '^\\$2[aby]?\\$',
        '(?i)^(?:true|false|null|none|nil|undefined|required|optional)$',
      ],
      matchRegexes: [NOT_THE_SECRET_NAME],
      stopwords: [...REFERENCE_STOPWORDS, 'password', 'passwd'],
    },
    severity: 'high',
    samples: {
      truePositives: [
        `DB_PASSWORD=${fake('pw-1', ALNUM, 14)}`,
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
