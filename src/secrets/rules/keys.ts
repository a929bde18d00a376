// biome-ignore-all lint/suspicious/noTemplateCurlyInString: samples quote ${VAR} references literally, as files do
import type { RuleDefinition } from '../types.ts';
import { ALNUM, alternation, assigned, BASE64, BASE64URL, fake, HEX, LOWER_ALNUM } from './build.ts';

/** Line breaks inside a key block, raw or JSON/shell-escaped (`\n`). */
const BREAK = '(?:\\r?\\n|\\\\(?:r\\\\)?n)';
/** Indentation of the lines of a key inside YAML or code. */
const INDENT = '[ \\t]{0,16}';
/** A base64 body spread over lines, escaped or not. */
const BODY = '[A-Za-z0-9+/=\\s\\\\]';

/** Passwords that documentation and compose files use as stand-ins. */
export const PLACEHOLDER_PASSWORDS = `(?i)^(?:${alternation(['some', 'my', 'your', 'the', 'db', 'app', 'dev', 'local'])}[_-]?)?${alternation(
  [
    'pass',
    'passwd',
    'password',
    'pwd',
    'secret',
    'changeit',
    'changeme',
    'postgres',
    'root',
    'admin',
    'user',
    'username',
    'guest',
    'test',
    'mysql',
    'redis',
    'rabbitmq',
    'mongo',
    'dbpass',
    'hunter2',
    'letmein',
    'qwerty',
    'toor',
    'example',
    'demo',
    'default',
  ],
)}[0-9!@#$%^&*_.-]{0,6}$`;

function pem(body: string, lines: number): string {
  const rows: string[] = [];
  for (let i = 0; i < body.length; i += lines) rows.push(body.slice(i, i + lines));
  return rows.join('\n');
}

const RSA_BODY = pem(`MIIEpAIBAAKCAQEA${fake('rsa', BASE64, 1560)}`, 64);
const OPENSSH_BODY = pem(`b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ${fake('openssh', BASE64, 340)}`, 70);

/** Key material, tokens with a standard shape, and credentials inside connection strings and URLs. */
export const KEY_RULES: RuleDefinition[] = [
  {
    id: 'private-key',
    description: 'Private key (PEM or OpenSSH)',
    regex:
      '-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |SSH2 ENCRYPTED )?PRIVATE KEY-----' +
      // The body starts with a base64 character other than P: legacy Proc-Type headers are the next rule's.
      `${BREAK}${INDENT}([A-OQ-Za-z0-9+/=]${BODY}{63,15999})`,
    keywords: ['-----begin'],
    entropy: 4.5,
    multiline: 20000,
    severity: 'critical',
    samples: {
      truePositives: [
        `-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}\n-----END RSA PRIVATE KEY-----\n`,
        `-----BEGIN OPENSSH PRIVATE KEY-----\n${OPENSSH_BODY}\n-----END OPENSSH PRIVATE KEY-----`,
        `  "private_key": "-----BEGIN PRIVATE KEY-----\\n${pem(`MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${fake('pkcs8', BASE64, 900)}`, 64).replaceAll('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n",`,
      ],
      falsePositives: [
        '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\n<paste your private key here>\n-----END PRIVATE KEY-----',
        `-----BEGIN PUBLIC KEY-----\n${pem(fake('pub', BASE64, 392), 64)}\n-----END PUBLIC KEY-----`,
        `-----BEGIN CERTIFICATE-----\n${pem(fake('cert', BASE64, 1200), 64)}\n-----END CERTIFICATE-----`,
      ],
    },
  },
  {
    id: 'private-key-legacy-encrypted',
    description: 'Passphrase-protected private key (legacy PEM encryption)',
    regex:
      '-----BEGIN (?:RSA |EC |DSA )PRIVATE KEY-----' +
      `${BREAK}Proc-Type: 4,ENCRYPTED${BREAK}DEK-Info: [\\w-]{1,40},[A-Fa-f0-9]{8,64}${BREAK}${BREAK}` +
      `([A-Za-z0-9+/=]${BODY}{63,15999})`,
    keywords: ['-----begin'],
    entropy: 4.5,
    multiline: 20000,
    severity: 'high',
    samples: {
      truePositives: [
        `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${fake('dek', HEX, 32).toUpperCase()}\n\n${pem(fake('legacy', BASE64, 1600), 64)}\n-----END RSA PRIVATE KEY-----`,
      ],
      falsePositives: [
        '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,IV\n\n...\n-----END RSA PRIVATE KEY-----',
      ],
    },
  },
  {
    id: 'pgp-private-key-block',
    description: 'PGP private key block',
    // Armor headers (`Version: ...`), then a blank line, then the key (RFC 4880, section 6.2).
    regex:
      '-----BEGIN PGP PRIVATE KEY BLOCK-----' +
      `(?:${BREAK}[A-Za-z]{2,20}: [^\\r\\n\\\\]{0,200}){0,6}${BREAK}${BREAK}(${BODY}{64,60000})`,
    keywords: ['-----begin pgp private key block'],
    entropy: 4.5,
    multiline: 65536,
    severity: 'critical',
    samples: {
      truePositives: [
        `-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: release signing key\n\n${pem(`lQdGBF${fake('pgp', BASE64, 2400)}`, 64)}\n=Xb4Q\n-----END PGP PRIVATE KEY BLOCK-----`,
      ],
      falsePositives: [
        `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${pem(fake('pgp-pub', BASE64, 900), 64)}\n-----END PGP PUBLIC KEY BLOCK-----`,
        '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n(your exported key)\n-----END PGP PRIVATE KEY BLOCK-----',
      ],
    },
  },
  {
    id: 'putty-private-key',
    description: 'PuTTY private key',
    regex: 'Private-Lines: [0-9]{1,3}\\r?\\n([A-Za-z0-9+/=\\r\\n]{40,8000})',
    keywords: ['private-lines:'],
    entropy: 4.5,
    multiline: 8192,
    severity: 'critical',
    samples: {
      truePositives: [
        `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${pem(fake('ppk-pub', BASE64, 68), 64)}\nKey-Derivation: Argon2id\nPrivate-Lines: 1\n${fake('ppk', BASE64, 64)}\nPrivate-MAC: ${fake('ppk-mac', HEX, 64)}`,
      ],
      falsePositives: ['Private-Lines: 1\n<private key lines>'],
    },
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    regex: '\\b(eyJ[\\w-]{10,4000}\\.eyJ[\\w-]{10,8000}\\.[\\w-]{10,2000})(?![\\w-])',
    keywords: ['eyj'],
    entropy: 4,
    severity: 'medium',
    samples: {
      truePositives: [
        `Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${fake('jwt-1', BASE64URL, 120)}.${fake('jwt-2', BASE64URL, 86)}`,
      ],
      falsePositives: [
        // The token from jwt.io, quoted in countless tutorials
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'token = "eyJhbGciOiJIUzI1NiJ9.eyJ..."',
      ],
    },
  },
  {
    id: 'database-url-password',
    description: 'Password in a database connection URL',
    regex:
      '\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|couchdb|neo4j(?:\\+s)?|bolt)://' +
      '[^:@/\\s\'"`]{1,100}:([^@/\\s\'"`]{3,200})@',
    flags: 'i',
    keywords: [
      'postgres://',
      'postgresql://',
      'mysql://',
      'mariadb://',
      'mongodb://',
      'mongodb+srv://',
      'redis://',
      'rediss://',
      'amqp://',
      'amqps://',
      'mssql://',
      'sqlserver://',
      'clickhouse://',
      'cockroachdb://',
      'couchdb://',
      'neo4j://',
      'neo4j+s://',
      'bolt://',
    ],
    entropy: 2.5,
    generic: true,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [
        `DATABASE_URL=postgres://app:${fake('pgpass', ALNUM, 24)}@db.internal:5432/orders`,
        `MONGO_URI="mongodb+srv://svc-reporting:${fake('mongopass', ALNUM, 16)}@cluster0.ab1cd.mongodb.net/reports"`,
      ],
      falsePositives: [
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app_test',
        'REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379/0',
        'DATABASE_URL=mysql://user:password@localhost/db',
        'DATABASE_URL=postgres://localhost:5432/app',
      ],
    },
  },
  {
    id: 'url-credentials',
    description: 'Password or token in a URL',
    regex:
      '\\b(?:https?|ftps?|sftp|ssh|git|smtps?|ldaps?|svn|wss?)://[^:@/\\s\'"`]{1,100}:([^@/\\s\'"`]{3,200})@[\\w-]',
    flags: 'i',
    keywords: [
      'http://',
      'https://',
      'ftp://',
      'ftps://',
      'sftp://',
      'ssh://',
      'git://',
      'smtp://',
      'smtps://',
      'ldap://',
      'ldaps://',
      'svn://',
      'ws://',
      'wss://',
    ],
    entropy: 2.5,
    generic: true,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [
        `git remote add origin https://deploy-bot:${fake('urlcred', ALNUM, 20)}@git.acme.io/platform/api.git`,
        `SMTP_URL=smtps://alerts%40acme.io:${fake('smtp', ALNUM, 16)}@smtp.mailhost.com:465`,
      ],
      falsePositives: [
        'see https://user:password@example.com for the format',
        'url = "https://${GIT_USER}:${GIT_TOKEN}@github.com/acme/app.git"',
        'https://github.com/acme/app/blob/main/README.md',
      ],
    },
  },
  {
    id: 'jdbc-connection-password',
    description: 'Password in a JDBC connection URL',
    regex: '[?;&](?:password|pwd)=([^\\s;&\'"<>]{3,100})',
    flags: 'i',
    keywords: ['jdbc:'],
    entropy: 2.5,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [
        `spring.datasource.url=jdbc:sqlserver://sql01.acme.local:1433;databaseName=billing;user=svc_billing;password=${fake('jdbc', ALNUM, 18)}`,
      ],
      falsePositives: ['jdbc.url=jdbc:postgresql://localhost/app?user=app&password=${DB_PASSWORD}'],
    },
  },
  {
    id: 'connection-string-password',
    description: 'Password in an ADO.NET / ODBC connection string',
    regex: '(?:^|[;"\'\\s])(?:password|pwd)[ \\t]{0,3}=[ \\t]{0,3}([^;"\'\\s]{4,100})',
    flags: 'i',
    keywords: ['data source=', 'server=', 'host=', 'uid=', 'user id=', 'userid='],
    entropy: 2.5,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [
        `"Default": "Server=tcp:acme-sql.database.windows.net,1433;Database=orders;User ID=orders_app;Password=${fake('adonet', ALNUM, 20)};Encrypt=True;"`,
      ],
      falsePositives: [
        '"Default": "Server=(localdb)\\\\mssqllocaldb;Database=orders;Trusted_Connection=True;"',
      ],
    },
  },
  {
    id: 'sshpass-password',
    description: 'Password passed to sshpass',
    regex: 'sshpass[ \\t]{1,4}-p[ \\t]{0,4}[\'"]?([^\\s\'"]{4,100})',
    keywords: ['sshpass'],
    entropy: 2.5,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [
        `sshpass -p '${fake('sshpass', ALNUM, 14)}' ssh deploy@10.0.4.12 'systemctl restart api'`,
      ],
      falsePositives: ['sshpass -p "$SSH_PASSWORD" ssh deploy@10.0.4.12'],
    },
  },
  {
    id: 'netrc-password',
    description: 'Password in a .netrc entry',
    regex:
      '\\bmachine[ \\t]{1,10}\\S{1,200}[ \\t]{1,10}login[ \\t]{1,10}\\S{1,200}[ \\t]{1,10}password[ \\t]{1,10}(\\S{3,200})',
    keywords: ['machine'],
    entropy: 2.5,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [`machine api.heroku.com login ops@acme.io password ${fake('netrc', HEX, 32)}`],
      falsePositives: ['machine example.com login user password password'],
    },
  },
  {
    id: 'sql-user-password',
    description: 'Password in a SQL user statement',
    regex: "\\b(?:identified by|with (?:encrypted )?password)[ \\t]{1,3}'([^'\\s]{6,100})'",
    flags: 'i',
    keywords: ['identified by', 'with password', 'with encrypted password'],
    entropy: 2.5,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [
        `CREATE USER 'reporting'@'%' IDENTIFIED BY '${fake('sql-1', ALNUM, 18)}';`,
        `ALTER ROLE app WITH PASSWORD '${fake('sql-2', ALNUM, 16)}';`,
      ],
      falsePositives: [
        "ALTER ROLE app WITH PASSWORD 'password';",
        "CREATE USER app WITH PASSWORD :'app_password';",
      ],
    },
  },
  {
    id: 'mysql-cli-password',
    description: 'Password passed to the mysql client with -p',
    regex: '[ \\t]-p([^\\s\'"$-][^\\s\'"$]{5,99})',
    keywords: ['mysql'],
    entropy: 2.5,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
    severity: 'high',
    samples: {
      truePositives: [
        `mysqldump -h db.internal -u backup -p${fake('mysql-1', ALNUM, 16)} orders > orders.sql`,
      ],
      falsePositives: [
        'mysql -h db.internal -u root -p orders',
        'mysql -u root -p"$MYSQL_ROOT_PASSWORD" -e "select 1"',
      ],
    },
  },
  {
    id: 'hex-private-key',
    description: 'Private or signing key in hex (e.g. a wallet key)',
    regex: assigned('private[_-]?key|signing[_-]?key|secret[_-]?key', '[0-9a-fx]{64,66}'),
    flags: 'i',
    keywords: [
      'private_key',
      'privatekey',
      'private-key',
      'signing_key',
      'signingkey',
      'signing-key',
      'secret_key',
      'secretkey',
      'secret-key',
    ],
    entropy: 3,
    severity: 'critical',
    samples: {
      truePositives: [
        `DEPLOYER_PRIVATE_KEY=0x${fake('eth', HEX, 64)}`,
        `SECRET_KEY = "${fake('flask', HEX, 64)}"`,
      ],
      falsePositives: [
        'DEPLOYER_PRIVATE_KEY=0x0000000000000000000000000000000000000000000000000000000000000000',
      ],
    },
  },
  {
    id: 'django-secret-key',
    description: 'Django SECRET_KEY',
    regex: 'SECRET_KEY[ \\t]{0,3}=[ \\t]{0,3}[\'"]((?:django-insecure-)?[^\'"\\s]{40,100})[\'"]',
    keywords: ['secret_key'],
    entropy: 4,
    generic: true,
    severity: 'high',
    samples: {
      truePositives: [`SECRET_KEY = 'django-insecure-${fake('django', `${LOWER_ALNUM}!@#$%^&*(-_=+)`, 50)}'`],
      falsePositives: [
        "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
        "SECRET_KEY = 'django-insecure-change-me-in-production-please-ok'",
      ],
    },
  },
  {
    id: 'laravel-app-key',
    description: 'Laravel APP_KEY',
    regex: 'APP_KEY[ \\t]{0,3}=[ \\t]{0,3}["\']?base64:([A-Za-z0-9+/]{43}=)',
    keywords: ['app_key'],
    entropy: 4,
    severity: 'high',
    samples: {
      truePositives: [`APP_KEY=base64:${fake('laravel', BASE64, 43)}=`],
      falsePositives: ['APP_KEY=', 'APP_KEY=base64:'],
    },
  },
  {
    id: 'rails-secret-key-base',
    description: 'Rails secret_key_base',
    regex: assigned('secret[_-]?key[_-]?base', '[a-f0-9]{128}'),
    flags: 'i',
    keywords: ['secret_key_base', 'secretkeybase', 'secret-key-base'],
    entropy: 3,
    severity: 'high',
    samples: {
      truePositives: [`  secret_key_base: ${fake('rails', HEX, 128)}`],
      falsePositives: ['  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>'],
    },
  },
];
