/**
 * Writes the labeled corpus: realistic files of a fictional company's repositories with secrets
 * planted in them (corpus-kinds.ts) and decoys around them (corpus-decoys.ts), and labels.txt,
 * one line per planted secret (`path:line:rule-id`) and per decoy (`path:line:none`).
 *
 *   node src/secrets/testdata/make-corpus.ts
 *
 * Deterministic: the same files every run. Review the diff of testdata/corpus/ like code.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALNUM, BASE64, fake, HEX, LOWER_ALNUM } from '../rules/build.ts';
import { CODE_DECOYS, CONFIG_DECOYS, DOC_DECOYS, ENV_DECOYS } from './corpus-decoys.ts';
import { KINDS, type SecretKind, SELF_EVIDENT } from './corpus-kinds.ts';

type Line = { text: string; label?: string };

const ROOT = fileURLToPath(new URL('corpus/', import.meta.url));
const files = new Map<string, Line[]>();

let counter = 0;
const seed = (tag: string) => `corpus-${tag}-${counter++}`;

/** Kinds are placed round-robin so that each is planted several times, in different files. */
class Cursor {
  private next = 0;
  private readonly kinds: readonly SecretKind[];
  constructor(kinds: readonly SecretKind[]) {
    this.kinds = kinds;
  }
  take(): SecretKind {
    const kind = this.kinds[this.next % this.kinds.length]!;
    this.next++;
    return kind;
  }
}
const anyKind = new Cursor(KINDS);
const selfEvident = new Cursor(SELF_EVIDENT);

function screaming(kind: SecretKind): string {
  return kind.names.find((n) => /^[A-Z0-9_]+$/.test(n)) ?? kind.names[0]!.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}
function camel(kind: SecretKind): string {
  const camelName = kind.names.find((n) => /^[a-z]+[A-Z]/.test(n));
  if (camelName) return camelName;
  return screaming(kind)
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
function snake(kind: SecretKind): string {
  return screaming(kind).toLowerCase();
}

class Builder {
  readonly lines: Line[] = [];
  constructor(path: string) {
    files.set(path, this.lines);
  }
  bg(...texts: string[]): this {
    for (const text of texts) for (const line of text.split('\n')) this.lines.push({ text: line });
    return this;
  }
  tp(rule: string, text: string): this {
    this.lines.push({ text, label: rule });
    return this;
  }
  /** A secret spread over several lines: labeled on its first. */
  block(rule: string, text: string): this {
    const [first, ...rest] = text.split('\n');
    this.lines.push({ text: first!, label: rule });
    for (const line of rest) this.lines.push({ text: line });
    return this;
  }
  fp(text: string): this {
    this.lines.push({ text, label: 'none' });
    return this;
  }
  decoys(pool: readonly ((s: string) => string)[], count: number, offset: number): this {
    for (let i = 0; i < count; i++) this.fp(pool[(offset + i * 7) % pool.length]!(seed('decoy')));
    return this;
  }
  /** `count` secrets from `cursor`, each formatted by one of `formats`. */
  secrets(cursor: Cursor, count: number, formats: ((kind: SecretKind, value: string) => string)[]): this {
    for (let i = 0; i < count; i++) {
      const kind = cursor.take();
      const format = formats[i % formats.length]!;
      this.tp(kind.rule, format(kind, kind.value(seed(kind.rule))));
    }
    return this;
  }
}

// Formats of one assignment, per file type.
const env = [
  (k: SecretKind, v: string) => `${screaming(k)}=${v}`,
  (k: SecretKind, v: string) => `export ${screaming(k)}="${v}"`,
  (k: SecretKind, v: string) => `${screaming(k)}='${v}'`,
];
const yaml = [
  (k: SecretKind, v: string) => `  ${snake(k)}: ${v}`,
  (k: SecretKind, v: string) => `    ${snake(k)}: "${v}"`,
];
const ciEnv = [(k: SecretKind, v: string) => `      ${screaming(k)}: ${v}`];
const composeEnv = [
  (k: SecretKind, v: string) => `      - ${screaming(k)}=${v}`,
  (k: SecretKind, v: string) => `      ${screaming(k)}: "${v}"`,
];
const json = [
  (k: SecretKind, v: string) => `  "${camel(k)}": "${v}",`,
  (k: SecretKind, v: string) => `    "${snake(k)}": "${v}",`,
];
const python = [
  (k: SecretKind, v: string) => `${screaming(k)} = "${v}"`,
  (k: SecretKind, v: string) => `    ${snake(k)} = '${v}'`,
];
const javascript = [
  (k: SecretKind, v: string) => `const ${camel(k)} = "${v}";`,
  (k: SecretKind, v: string) => `  ${camel(k)}: '${v}',`,
  (k: SecretKind, v: string) => `export const ${screaming(k)} = \`${v}\`;`,
];
const go = [
  (k: SecretKind, v: string) => `\t${camel(k)} = "${v}"`,
  (k: SecretKind, v: string) => `\t${camel(k)} := "${v}"`,
];
const java = [(k: SecretKind, v: string) => `    private static final String ${screaming(k)} = "${v}";`];
const properties = [(k: SecretKind, v: string) => `${snake(k).replaceAll('_', '.')}=${v}`];
const terraform = [(k: SecretKind, v: string) => `  ${snake(k)} = "${v}"`];
// Forms without the variable's name: only kinds that are recognisable by themselves.
const calls = [
  (_: SecretKind, v: string) => `  const client = createClient({ credentials: "${v}" });`,
  (_: SecretKind, v: string) => `client = Client("${v}", timeout=30)`,
  (_: SecretKind, v: string) => `// temporary, remove before merge: ${v}`,
  (_: SecretKind, v: string) => `	req.Header.Set("X-Api-Key", "${v}")`,
  (_: SecretKind, v: string) => `        .withCredentials("${v}")`,
  (_: SecretKind, v: string) => `    "${v}",`,
];

const pem = (body: string) => (body.match(/.{1,64}/g) ?? []).join('\n');

// ---------------------------------------------------------------------------------------------
// .env files and shell

for (const [i, service] of ['api', 'worker', 'billing', 'search', 'admin', 'notifier', 'gateway', 'ledger', 'media', 'auth'].entries()) {
  new Builder(`services/${service}/.env${i % 2 ? '.production' : ''}`)
    .bg(`# ${service} service configuration`, `NODE_ENV=${i % 2 ? 'production' : 'development'}`, `PORT=${3000 + i}`)
    .secrets(anyKind, 4, env)
    .decoys(ENV_DECOYS, 5, i * 5)
    .bg('LOG_LEVEL=info', `SERVICE_NAME=${service}`)
    .secrets(anyKind, 3, env)
    .decoys(ENV_DECOYS, 3, i * 5 + 2)
    .bg('FEATURE_FLAGS=checkout-v2,search-rerank', '');
}

new Builder('services/api/.env.example')
  .bg('# Copy to .env and fill in the values from 1Password', 'PORT=3000')
  .decoys(ENV_DECOYS, 14, 3)
  .bg('');

new Builder('scripts/bootstrap.sh')
  .bg('#!/usr/bin/env bash', 'set -euo pipefail', '', '# one-off bootstrap of a staging environment')
  .secrets(anyKind, 3, [env[1]!])
  .tp('curl-auth-user', `curl -sf -u admin:${fake(seed('curl'), ALNUM, 18)} https://jenkins.acme.io/job/seed/build`)
  .tp('sshpass-password', `sshpass -p '${fake(seed('sshpass'), ALNUM, 16)}' ssh deploy@10.20.0.15 'sudo systemctl restart api'`)
  .tp(
    'authorization-bearer-token',
    `curl -H "Authorization: Bearer ${fake(seed('bearer'), `${ALNUM}-_`, 52)}" https://api.acme.io/v1/admin/reindex`,
  )
  .tp(
    'kubernetes-bootstrap-token',
    `kubeadm join 10.20.0.10:6443 --token ${fake(seed('kube'), LOWER_ALNUM, 6)}.${fake(seed('kube'), LOWER_ALNUM, 16)} --discovery-token-ca-cert-hash sha256:${fake(seed('ca'), HEX, 64)}`,
  )
  .decoys(DOC_DECOYS, 5, 1)
  .bg('echo "bootstrap done"', '');

new Builder('scripts/release.sh')
  .bg('#!/bin/sh', 'set -e', 'VERSION=$(git describe --tags)')
  .secrets(selfEvident, 3, [
    (_, v) => `curl -sS -H "Authorization: token ${v}" https://api.github.com/repos/acme/api/releases`,
    (_, v) => `npm config set //registry.npmjs.org/:_authToken ${v}`,
    (_, v) => `docker login -u acme-ci -p ${v} registry.acme.io`,
  ])
  .tp('url-credentials', `git push https://release-bot:${fake(seed('push'), ALNUM, 24)}@git.acme.io/platform/api.git HEAD:main`)
  .decoys(DOC_DECOYS, 4, 3)
  .bg('echo "released $VERSION"');

// ---------------------------------------------------------------------------------------------
// YAML: app config, compose, CI, Kubernetes, Helm

for (const [i, app] of ['checkout', 'catalog', 'ledger'].entries()) {
  new Builder(`${app}/config/application.yaml`)
    .bg(`${app}:`, '  name: acme', `  port: ${8080 + i}`, 'integrations:')
    .secrets(anyKind, 4, yaml)
    .decoys(CONFIG_DECOYS, 5, i * 4)
    .bg('logging:', '  level: info')
    .secrets(anyKind, 2, yaml)
    .decoys(CONFIG_DECOYS, 2, i * 4 + 1);
}

for (const [i, stack] of ['local', 'staging'].entries()) {
  new Builder(`deploy/docker-compose.${stack}.yml`)
    .bg('services:', '  api:', '    image: ghcr.io/acme/api:1.14.2', '    environment:')
    .secrets(anyKind, 4, composeEnv)
    .decoys(CONFIG_DECOYS, 3, i * 3)
    .tp('database-url-password', `      - DATABASE_URL=postgres://api:${fake(seed('pg'), ALNUM, 20)}@db:5432/api`)
    .bg('  db:', '    image: postgres:16-alpine', '    environment:')
    .fp('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}')
    .fp('      - POSTGRES_HOST_AUTH_METHOD=trust')
    .decoys(ENV_DECOYS, 2, i * 2);
}

for (const [i, workflow] of ['ci', 'deploy', 'nightly'].entries()) {
  new Builder(`.github/workflows/${workflow}.yml`)
    .bg(`name: ${workflow}`, 'on: [push]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    env:')
    .secrets(anyKind, 3, ciEnv)
    .decoys(CONFIG_DECOYS, 3, i)
    .bg('    steps:', '      - uses: actions/checkout@v4', '      - run: npm ci')
    .fp(`      - run: echo "\${{ secrets.NPM_TOKEN }}" > ~/.npmrc`)
    .decoys(DOC_DECOYS, 2, i + 4);
}

new Builder('.gitlab-ci.yml')
  .bg('stages: [test, deploy]', 'variables:')
  .secrets(anyKind, 4, [(k, v) => `  ${screaming(k)}: "${v}"`])
  .decoys(CONFIG_DECOYS, 4, 9)
  .bg('deploy:', '  stage: deploy', '  script:')
  .fp('    - curl -X POST -F token=$CI_JOB_TOKEN -F ref=main https://gitlab.acme.io/api/v4/projects/12/trigger/pipeline');

new Builder('deploy/helm/values.prod.yaml')
  .bg('replicaCount: 3', 'image:', '  repository: ghcr.io/acme/api', 'secrets:')
  .secrets(anyKind, 3, yaml)
  .bg('  tlsKey: |')
  .block(
    'private-key',
    `    -----BEGIN EC PRIVATE KEY-----\n    MHcCAQEEI${pem(fake(seed('ec'), BASE64, 160)).replaceAll('\n', '\n    ')}\n    -----END EC PRIVATE KEY-----`,
  )
  .decoys(CONFIG_DECOYS, 5, 5);

new Builder('k8s/deployment.yaml')
  .bg('apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          env:')
  .decoys(CONFIG_DECOYS, 6, 4)
  .bg('            - name: SENTRY_DSN')
  .secrets(anyKind, 2, [(k, v) => `            - { name: ${screaming(k)}, value: "${v}" }`])
  .fp('              valueFrom: { secretKeyRef: { name: api-secrets, key: stripe-secret-key } }');

new Builder('config/secrets.yml')
  .bg('production:')
  .tp('rails-secret-key-base', `  secret_key_base: ${fake(seed('rails'), HEX, 128)}`)
  .fp('development:')
  .fp('  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>')
  .decoys(CONFIG_DECOYS, 3, 2);

// ---------------------------------------------------------------------------------------------
// Python, properties, Terraform

new Builder('webapp/settings.py')
  .bg('import os', 'from pathlib import Path', '', 'BASE_DIR = Path(__file__).resolve().parent.parent')
  .tp('django-secret-key', `SECRET_KEY = 'django-insecure-${fake(seed('django'), `${LOWER_ALNUM}!@#%^&*(-_=+)`, 50)}'`)
  .bg('DEBUG = False', "ALLOWED_HOSTS = ['acme.io']", '')
  .secrets(anyKind, 4, python)
  .decoys(CODE_DECOYS, 5, 9)
  .bg('DATABASES = {', "    'default': {", "        'ENGINE': 'django.db.backends.postgresql',")
  .tp('generic-password', `        'PASSWORD': '${fake(seed('djpw'), ALNUM, 16)}9',`)
  .fp("        'PASSWORD': os.environ.get('DB_PASSWORD', ''),")
  .bg('    }', '}');

new Builder('etl/config.py')
  .bg('"""Connection settings for the nightly ETL."""', 'import os', '')
  .tp('database-url-password', `WAREHOUSE_URL = "postgresql://etl_user:${fake(seed('etl'), ALNUM, 22)}@warehouse.internal:5432/dw"`)
  .secrets(selfEvident, 3, calls)
  .secrets(anyKind, 3, python)
  .decoys(CODE_DECOYS, 6, 2);

for (const [i, module] of ['orders', 'accounts'].entries()) {
  new Builder(`${module}/src/main/resources/application.properties`)
    .bg(`spring.application.name=${module}`, 'server.port=8080')
    .tp(
      'jdbc-connection-password',
      `spring.datasource.url=jdbc:sqlserver://sql${i}.acme.local:1433;databaseName=${module};user=svc_${module};password=${fake(seed('jdbc'), ALNUM, 18)}`,
    )
    .secrets(anyKind, 3, properties)
    .fp('spring.datasource.password=${DB_PASSWORD}')
    .decoys(ENV_DECOYS, 4, i * 6 + 1);
}

new Builder('infra/main.tf')
  .bg('terraform {', '  required_version = ">= 1.6"', '}', '', 'provider "aws" {', '  region = "eu-west-1"')
  .secrets(anyKind, 3, terraform)
  .bg('}', '', 'resource "aws_db_instance" "main" {', '  engine = "postgres"')
  .tp('generic-password', `  password = "${fake(seed('tfpw'), ALNUM, 20)}"`)
  .fp('  password = var.db_password')
  .bg('}')
  .decoys(CONFIG_DECOYS, 4, 12);

new Builder('infra/terraform.tfvars')
  .bg('environment = "production"')
  .secrets(anyKind, 4, terraform.map((f) => (k: SecretKind, v: string) => f(k, v).trim()))
  .decoys(ENV_DECOYS, 3, 11);

// ---------------------------------------------------------------------------------------------
// JavaScript / TypeScript, Go, Java

for (const [i, file] of ['src/lib/payments.js', 'src/lib/notifications.js', 'src/server/integrations.mjs'].entries()) {
  new Builder(file)
    .bg("import { logger } from './logger';", '', '// Credentials for the third-party APIs below.')
    .secrets(anyKind, 4, javascript)
    .decoys(CODE_DECOYS, 5, i * 5)
    .bg('', 'export function send(payload) {', '  return fetch(endpoint, { method: "POST", body: JSON.stringify(payload) });', '}')
    .secrets(selfEvident, 2, calls)
    .decoys(CODE_DECOYS, 3, i * 5 + 3);
}

new Builder('test/fixtures/tokens.js')
  .bg('// Fixtures for the redaction tests: none of these is a credential.')
  .fp(`export const GITHUB_TOKEN = "ghp_${'x'.repeat(36)}";`)
  .fp(`export const STRIPE_KEY = "sk_live_${'0'.repeat(24)}";`)
  .fp('export const AWS_KEY = "AKIAIOSFODNN7EXAMPLE";')
  .fp('export const SLACK_HOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";')
  .fp('export const PASSWORD = "hunter2";')
  .fp('export const TOKEN = "<your-token>";')
  .fp('export const API_KEY = "${API_KEY}";')
  .fp("export const OPENAI = 'sk-proj-...';")
  .fp("export const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ...';")
  .fp(`export const SHORT = "ghp_${fake(seed('short'), ALNUM, 12)}";`)
  .decoys(CODE_DECOYS, 6, 4)
  .tp('jwt', `export const adminJwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjIwMjQifQ.eyJ${fake(seed('jwt'), `${ALNUM}-_`, 140)}.${fake(seed('jwtsig'), `${ALNUM}-_`, 86)}";`);

new Builder('scripts/seed-demo.mjs')
  .bg("import { Client } from 'pg';", '')
  .tp(
    'authorization-basic',
    `const headers = { Authorization: "Basic ${Buffer.from(`svc-seed:${fake(seed('basic'), ALNUM, 18)}`).toString('base64')}" };`,
  )
  .secrets(selfEvident, 3, calls)
  .decoys(CODE_DECOYS, 5, 11);

for (const [i, file] of ['internal/config/config.go', 'cmd/worker/main.go'].entries()) {
  new Builder(file)
    .bg('package config', '', 'import "os"', '', 'var (')
    .secrets(anyKind, 4, go)
    .bg(')', '')
    .decoys(CODE_DECOYS, 5, i * 7 + 1)
    .secrets(selfEvident, 1, [calls[3]!]);
}

new Builder('billing/src/main/java/io/acme/billing/Credentials.java')
  .bg('package io.acme.billing;', '', 'final class Credentials {')
  .secrets(anyKind, 4, java)
  .decoys(CODE_DECOYS, 5, 13)
  .secrets(selfEvident, 2, [calls[4]!])
  .bg('}');

new Builder('public/assets/app.min.js').bg(
  [
    `!function(e){var t={};function n(r){if(t[r])return t[r].exports}n.m=e}([]);`.repeat(40),
    `var cfg={apiBase:"https://api.acme.io",stripeKey:"pk_live_${fake(seed('pk'), ALNUM, 24)}",`,
    `sentry:"https://${fake(seed('dsn'), HEX, 32)}@o4504.ingest.sentry.io/4505"};`,
    `var t=function(e){return e.token||localStorage.getItem("token")};`.repeat(60),
  ].join(''),
);
files.get('public/assets/app.min.js')!.push(
  {
    text: `${'var a=1;'.repeat(3000)}var mapsKey="AIza${fake(seed('minified'), `${ALNUM}-_`, 35)}";${'var b=2;'.repeat(3000)}`,
    label: 'gcp-api-key',
  },
  { text: `${'function(n){return n}'.repeat(800)}var session_token=localStorage.getItem("t")`, label: 'none' },
);

// ---------------------------------------------------------------------------------------------
// JSON and XML files, key files, dotfiles

new Builder('deploy/gcp/service-account.json')
  .bg('{', '  "type": "service_account",', '  "project_id": "acme-prod-3342",')
  .tp('gcp-service-account-key-id', `  "private_key_id": "${fake(seed('gcpkid'), HEX, 40)}",`)
  .tp(
    'private-key',
    `  "private_key": "-----BEGIN PRIVATE KEY-----\\n${pem(`MIIEvgIBADANBgkqhkiG9w0BAQEFAASC${fake(seed('gcpkey'), BASE64, 1560)}`).replaceAll('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n",`,
  )
  .bg('  "client_email": "deployer@acme-prod-3342.iam.gserviceaccount.com",')
  .fp('  "client_id": "104729834720398472093",')
  .fp('  "token_uri": "https://oauth2.googleapis.com/token",')
  .bg('  "universe_domain": "googleapis.com"', '}');

new Builder('api/appsettings.Production.json')
  .bg('{', '  "ConnectionStrings": {')
  .tp(
    'connection-string-password',
    `    "Default": "Server=tcp:acme-sql.database.windows.net,1433;Database=orders;User ID=orders_app;Password=${fake(seed('adonet'), ALNUM, 22)};Encrypt=True;",`,
  )
  .fp('    "Local": "Server=(localdb)\\\\mssqllocaldb;Database=orders;Trusted_Connection=True;"')
  .bg('  },', '  "Integrations": {')
  .secrets(anyKind, 4, json)
  .decoys(CONFIG_DECOYS, 4, 7)
  .bg('  }', '}');

for (const [i, name] of ['config/integrations.json', 'mobile/app.config.json'].entries()) {
  new Builder(name)
    .bg('{', `  "environment": "${i ? 'staging' : 'production'}",`)
    .secrets(anyKind, 4, json)
    .decoys(CONFIG_DECOYS, 5, i * 5 + 3)
    .bg('  "version": 3', '}');
}

new Builder('.docker/config.json')
  .bg('{', '  "auths": {')
  .tp('docker-config-auth', `    "registry.acme.io": { "auth": "${Buffer.from(`ci:${fake(seed('docker'), ALNUM, 24)}`).toString('base64')}" },`)
  .fp('    "ghcr.io": {}')
  .bg('  },', '  "credsStore": "desktop"', '}');

new Builder('.npmrc')
  .bg('@acme:registry=https://npm.pkg.github.com', 'engine-strict=true')
  .tp('npmrc-auth-token', `//npm.pkg.github.com/:_authToken=${fake(seed('npmrc'), ALNUM, 40)}`)
  .fp('//registry.npmjs.org/:_authToken=${NPM_TOKEN}')
  .fp('always-auth=true');

new Builder('NuGet.Config')
  .bg('<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <packageSourceCredentials>', '    <acme>')
  .bg('      <add key="Username" value="ci" />')
  .tp('nuget-config-password', `      <add key="ClearTextPassword" value="${fake(seed('nuget'), ALNUM, 24)}" />`)
  .bg('    </acme>', '    <github>')
  .fp('      <add key="ClearTextPassword" value="%GITHUB_PACKAGES_TOKEN%" />')
  .bg('    </github>', '  </packageSourceCredentials>', '</configuration>');

new Builder('.netrc')
  .tp('netrc-password', `machine git.acme.io login ci-bot password ${fake(seed('netrc'), ALNUM, 32)}`)
  .fp('machine example.com login user password password');

new Builder('ops/aws-credentials.ini')
  .bg('[default]', 'region = eu-west-1')
  .tp('aws-access-token', `aws_access_key_id = ASIA${fake(seed('asia'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`)
  .tp('aws-secret-access-key', `aws_secret_access_key = ${fake(seed('awssk'), BASE64, 40)}`)
  .tp('aws-session-token', `aws_session_token = IQoJb3JpZ2luX2VjE${fake(seed('awsst'), BASE64, 400)}`)
  .bg('', '[sandbox]')
  .fp('aws_access_key_id = AKIAIOSFODNN7EXAMPLE')
  .fp('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');

new Builder('deploy/keys/deploy_key')
  .block(
    'private-key',
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${pem(`b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW${fake(seed('ssh'), BASE64, 330)}`)}\n-----END OPENSSH PRIVATE KEY-----`,
  );

new Builder('deploy/keys/legacy_rsa.pem').block(
  'private-key-legacy-encrypted',
  `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,${fake(seed('dek'), HEX, 32).toUpperCase()}\n\n${pem(fake(seed('legacy'), BASE64, 1600))}\n-----END RSA PRIVATE KEY-----`,
);

new Builder('keys/release-signing.asc').block(
  'pgp-private-key-block',
  `-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: Acme release signing key\n\n${pem(`lQVYBGX${fake(seed('pgp'), BASE64, 2200)}`)}\n=${fake(seed('crc'), BASE64, 4)}\n-----END PGP PRIVATE KEY BLOCK-----`,
);

new Builder('certs/README.md')
  .bg('# Certificates', '', 'The public half of the release key, for verification:', '')
  .fp('-----BEGIN PGP PUBLIC KEY BLOCK-----')
  .bg('', pem(`mQINBGX${fake(seed('pgppub'), BASE64, 600)}`), '-----END PGP PUBLIC KEY BLOCK-----', '')
  .fp('-----BEGIN CERTIFICATE-----')
  .bg(pem(`MIIDdzCCAl+gAwIBAgIE${fake(seed('cert'), BASE64, 800)}`), '-----END CERTIFICATE-----', '')
  .fp('-----BEGIN RSA PRIVATE KEY-----')
  .bg('(the private key lives in the vault, never here)', '-----END RSA PRIVATE KEY-----');

new Builder('deploy/wallet.env')
  .tp('hex-private-key', `DEPLOYER_PRIVATE_KEY=0x${fake(seed('eth'), HEX, 64)}`)
  .fp('DEPLOYER_ADDRESS=0x742d35Cc6634C0532925a3b844Bc454e4438f44e')
  .fp(`DEPLOYER_PRIVATE_KEY=0x${'0'.repeat(64)}`)
  .tp('age-secret-key', `SOPS_AGE_KEY=AGE-SECRET-KEY-1${fake(seed('age'), 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`);

new Builder('backups/restore.sh')
  .bg('#!/bin/bash')
  .tp(
    'azure-sas-token',
    `az storage blob download --blob-url "https://acmebackups.blob.core.windows.net/db/latest.dump?sv=2022-11-02&ss=b&srt=o&sp=r&se=2031-01-01T00:00:00Z&sig=${fake(seed('sas'), ALNUM, 43)}%3D"`,
  )
  .tp(
    'azure-shared-access-key',
    `EVENTHUB="Endpoint=sb://acme-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${fake(seed('sbkey'), BASE64, 43)}="`,
  )
  .decoys(DOC_DECOYS, 3, 6);

// ---------------------------------------------------------------------------------------------
// Other languages and the shapes a line-based scanner finds hardest

new Builder('config/initializers/integrations.rb')
  .bg('# frozen_string_literal: true', '', 'Rails.application.configure do')
  .secrets(anyKind, 4, [(k, v) => `  config.${snake(k)} = "${v}"`, (k, v) => `  ${snake(k)}: '${v}',`])
  .secrets(selfEvident, 2, [(_, v) => `Stripe.api_key = ENV.fetch("STRIPE_KEY", "${v}")`])
  .decoys(CODE_DECOYS, 5, 21)
  .bg('end');

new Builder('config/services.php')
  .bg('<?php', '', 'return [')
  .secrets(anyKind, 4, [(k, v) => `    '${snake(k)}' => '${v}',`, (k, v) => `    "${camel(k)}" => "${v}",`])
  .decoys(CODE_DECOYS, 4, 26)
  .bg('];');

new Builder('src/Acme.Api/Program.cs')
  .bg('using Acme.Api;', '', 'var builder = WebApplication.CreateBuilder(args);')
  .secrets(anyKind, 3, [(k, v) => `var ${camel(k)} = "${v}";`, (k, v) => `builder.Configuration["${screaming(k)}"] = "${v}";`])
  .decoys(CODE_DECOYS, 4, 30)
  .bg('var app = builder.Build();', 'app.Run();');

new Builder('android/app/src/main/java/io/acme/app/Config.kt')
  .bg('package io.acme.app', '', 'object Config {')
  .secrets(anyKind, 4, [(k, v) => `    const val ${screaming(k)} = "${v}"`, (k, v) => `    val ${camel(k)}: String = "${v}"`])
  .decoys(CODE_DECOYS, 4, 35)
  .bg('}');

new Builder('tools/settings.toml')
  .bg('[server]', 'port = 8080', '', '[integrations]')
  .secrets(anyKind, 4, [(k, v) => `${snake(k)} = "${v}"`])
  .decoys(CONFIG_DECOYS, 4, 15);

new Builder('webapp/settings/local.py')
  .bg('import os', '', '# Defaults for a developer machine; the real values come from the environment.')
  .secrets(anyKind, 5, [(k, v) => `os.environ.setdefault("${screaming(k)}", "${v}")`])
  .decoys(CODE_DECOYS, 4, 40);

/** The provider's name is on the parent key: only the generic rule can tell from the line alone. */
new Builder('monitoring/values.yaml')
  .bg('datadog:')
  .tp('generic-api-key', `  api_key: ${fake(seed('nested-dd'), HEX, 32)}`)
  .bg('  site: datadoghq.eu', 'pagerduty:')
  .tp('generic-api-key', `  integration_key: "${fake(seed('nested-pd'), HEX, 32)}"`)
  .bg('mailgun:')
  .tp('generic-api-key', `  secret: "${fake(seed('nested-mg'), ALNUM, 30)}42"`)
  .bg('smtp:', '  host: smtp.acme.io')
  .tp('generic-password', `  password: "${fake(seed('nested-smtp'), ALNUM, 14)}#7"`)
  .decoys(CONFIG_DECOYS, 6, 19);

new Builder('test/integration/webhook.test.js')
  .bg("import { test } from 'node:test';", '')
  .tp('generic-api-key', `const body = "{\\"event\\":\\"paid\\",\\"token\\":\\"${fake(seed('escaped'), ALNUM, 30)}77\\"}";`)
  .tp('generic-api-key', `const headers = { "X-Signing-Secret": "${fake(seed('hdr'), ALNUM, 28)}3Z" };`)
  .secrets(selfEvident, 3, [(_, v) => `const recorded = JSON.parse('{"authorization":"${v}"}');`])
  .decoys(CODE_DECOYS, 8, 44);

new Builder('test/fixtures/api-responses/list-orders.json')
  .bg('{', '  "orders": [], ')
  .decoys(CODE_DECOYS, 6, 38)
  .decoys(CONFIG_DECOYS, 6, 25)
  .bg('  "count": 0', '}');

new Builder('web/src/i18n/de.json')
  .bg('{')
  .fp('  "passwordLabel": "Passwort",')
  .fp('  "passwordHint": "Mindestens zwölf Zeichen, eine Ziffer und ein Sonderzeichen",')
  .fp('  "tokenExpired": "Ihre Sitzung ist abgelaufen",')
  .fp('  "apiKeyTitle": "API-Schlüssel verwalten",')
  .fp('  "secretQuestion": "Wie hieß Ihr erstes Haustier?",')
  .fp('  "authorBio": "Verfasst vom Plattform-Team 2024",')
  .fp('  "keyboardShortcuts": "Tastenkürzel",')
  .fp('  "credentialsInvalid": "Benutzername oder Passwort falsch",')
  .bg('  "save": "Speichern"', '}');

new Builder('docker/api.Dockerfile')
  .bg('FROM node:22-alpine AS build', 'WORKDIR /app')
  .secrets(selfEvident, 3, [(k, v) => `ARG ${screaming(k)}=${v}`, (k, v) => `ENV ${screaming(k)}=${v}`])
  .fp('ARG NPM_TOKEN')
  .fp('RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci')
  .bg('COPY . .', 'RUN npm run build', 'CMD ["node", "dist/server.js"]');

new Builder('clients/http/requests.http')
  .bg('### list invoices')
  .tp('generic-api-key', `GET https://api.billing-partner.com/v2/invoices?apikey=${fake(seed('qs'), ALNUM, 30)}12`)
  .tp('generic-api-key', `GET https://api.weather-partner.com/v1/forecast?city=Berlin&accesstoken=${fake(seed('qs2'), ALNUM, 28)}90`)
  .tp('database-url-password', `# psql postgres://report_ro:${fake(seed('psql'), ALNUM, 12)}%21x9@reports.internal:5432/reports`)
  .bg('', '### create invoice', 'POST https://api.billing-partner.com/v2/invoices', 'Content-Type: application/json')
  .tp('authorization-bearer-token', `Authorization: Bearer ${fake(seed('httpbearer'), ALNUM, 44)}7`)
  .fp('Authorization: Bearer {{token}}')
  .fp('X-Api-Key: {{apiKey}}')
  .decoys(DOC_DECOYS, 3, 2);

new Builder('internal/clients/partners.go')
  .bg('package clients', '', 'var partners = []Partner{')
  .tp('generic-api-key', `\t{Name: "billing", APIKey: "${fake(seed('gostruct'), ALNUM, 30)}5Q"},`)
  .tp('generic-api-key', `\t{Name: "weather", apikey: "${fake(seed('gostruct2'), ALNUM, 26)}88"},`)
  .tp('generic-api-key', `\t{Name: "geo", ClientSecret: "${fake(seed('gostruct3'), ALNUM, 32)}1"},`)
  .fp(`\t{Name: "maps", PublicKey: "${fake(seed('gopub'), ALNUM, 40)}"},`)
  .fp(`\t{Name: "cdn", CacheKey: "${fake(seed('gocache'), HEX, 40)}"},`)
  .bg('}');

new Builder('notebooks/churn-model.ipynb')
  .bg('{', ' "cells": [', '  {', '   "cell_type": "code",', '   "source": [')
  .secrets(selfEvident, 2, [(_, v) => `    "client = Client(api_key=\\"${v}\\")\\n",`])
  .tp('wandb-api-key', `    "WANDB_KEY = \\"${fake(seed('nb'), HEX, 40)}\\"\\n",`)
  .fp('    "openai.api_key = os.getenv(\\"OPENAI_API_KEY\\")\\n",')
  .bg('   ]', '  }', ' ]', '}');

new Builder('scripts/smoke-test.sh')
  .bg('#!/bin/sh')
  .fp(`curl -H "Authorization: token ghp_${fake(seed('allowed'), ALNUM, 36)}" https://api.github.com/rate_limit # palisade:allow revoked test token`)
  .fp(`export STRIPE_KEY=sk_live_${fake(seed('allowed2'), ALNUM, 30)} # gitleaks:allow`)
  .secrets(selfEvident, 2, [(k, v) => `export ${screaming(k)}=${v}`])
  .decoys(DOC_DECOYS, 3, 9);

new Builder('db/migrations/0042_reporting_user.sql')
  .bg('-- reporting user for the BI tool', 'BEGIN;')
  .tp('sql-user-password', `CREATE USER reporting WITH ENCRYPTED PASSWORD '${fake(seed('sql'), ALNUM, 20)}';`)
  .tp('sql-user-password', `CREATE USER 'etl'@'10.%' IDENTIFIED BY '${fake(seed('sql2'), ALNUM, 16)}';`)
  .fp("ALTER USER app WITH PASSWORD :'app_password';")
  .fp("-- CREATE USER demo WITH PASSWORD 'changeme';")
  .bg('GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;', 'COMMIT;');

new Builder('ops/backup-mysql.sh')
  .bg('#!/bin/bash', 'DATE=$(date +%F)')
  .tp('mysql-cli-password', `mysqldump --single-transaction -h mysql.internal -u backup -p${fake(seed('mysqlcli'), ALNUM, 18)} shop > /backups/shop-$DATE.sql`)
  .fp('mysql -h mysql.internal -u root -p shop < restore.sql')
  .tp('generic-password', `docker run -d -e MYSQL_ROOT_PASSWORD=${fake(seed('dockerpw'), ALNUM, 16)}3 mysql:8`)
  .tp('generic-password', `wget --user=ci --password=${fake(seed('wget'), ALNUM, 14)}9 https://artifacts.acme.io/builds/latest.tar.gz`);

new Builder('.m2/settings.xml')
  .bg('<settings>', '  <servers>', '    <server>', '      <id>acme-releases</id>', '      <username>deployer</username>')
  .tp('generic-password', `      <password>${fake(seed('maven'), ALNUM, 20)}4</password>`)
  .bg('    </server>', '    <server>', '      <id>acme-snapshots</id>')
  .fp('      <password>${env.NEXUS_PASSWORD}</password>')
  .bg('    </server>', '  </servers>', '</settings>');

new Builder('ansible/group_vars/prod.yml')
  .bg('---', 'app_user: acme')
  .tp('generic-password', `ansible_become_password: ${fake(seed('ansible'), ALNUM, 16)}8`)
  .tp('generic-password', `db_admin_password: "${fake(seed('ansible2'), ALNUM, 18)}#2"`)
  .fp('vault_db_password: "{{ lookup(\'hashi_vault\', \'secret=kv/data/db:password\') }}"')
  .fp('smtp_password: null')
  .secrets(anyKind, 4, yaml.map((f) => (k: SecretKind, v: string) => f(k, v).trim()))
  .decoys(CONFIG_DECOYS, 4, 28);

new Builder('.pypirc')
  .bg('[distutils]', 'index-servers = pypi', '', '[pypi]', 'username = __token__')
  .tp('pypi-upload-token', `password = pypi-AgEIcHlwaS5vcmc${fake(seed('pypirc'), `${ALNUM}-_`, 170)}`);

new Builder('.git-credentials')
  .tp('github-pat', `https://ci-bot:ghp_${fake(seed('gitcred'), ALNUM, 36)}@github.com`)
  .tp('gitlab-pat', `https://oauth2:glpat-${fake(seed('gitcred2'), `${ALNUM}-_`, 20)}@gitlab.com`);

new Builder('laravel/.env')
  .bg('APP_NAME=Acme', 'APP_ENV=production')
  .tp('laravel-app-key', `APP_KEY=base64:${fake(seed('laravel'), BASE64, 43)}=`)
  .fp('MAIL_PASSWORD=null')
  .fp('REDIS_PASSWORD=null')
  .secrets(anyKind, 5, env)
  .decoys(ENV_DECOYS, 5, 31);

// ---------------------------------------------------------------------------------------------
// Documentation

new Builder('README.md')
  .bg('# Acme platform', '', '## Configuration', '')
  .decoys(DOC_DECOYS, 8, 0)
  .bg('', '```sh')
  .decoys(ENV_DECOYS, 5, 17)
  .bg('```', '', '## Troubleshooting', '')
  .bg('If the webhook fails, check the signing secret in the dashboard.');

new Builder('docs/runbooks/incident-2023-11.md')
  .bg('# Incident 2023-11: leaked token', '', 'The token below was pasted in a ticket and has been revoked:', '')
  .secrets(selfEvident, 3, [(_, v) => `    ${v}`])
  .bg('', 'Rotation steps:', '')
  .decoys(DOC_DECOYS, 5, 5)
  .bg('', '```', `DATABASE_URL=postgres://app:${'*'.repeat(12)}@db:5432/app`, '```');

new Builder('docs/integrations.md')
  .bg('# Integrations', '', 'Local development values (staging only):', '', '```env')
  .secrets(anyKind, 5, [env[0]!])
  .bg('```', '')
  .decoys(DOC_DECOYS, 6, 7)
  .decoys(ENV_DECOYS, 4, 23);

// ---------------------------------------------------------------------------------------------

rmSync(ROOT, { recursive: true, force: true });
const labels: string[] = [];
for (const [path, lines] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const target = join(ROOT, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${lines.map((l) => l.text).join('\n')}\n`);
  lines.forEach((line, i) => {
    if (line.label) labels.push(`${path}:${i + 1}:${line.label}`);
  });
}
writeFileSync(fileURLToPath(new URL('corpus-labels.txt', import.meta.url)), `${labels.join('\n')}\n`);
const positives = labels.filter((l) => !l.endsWith(':none')).length;
console.log(`${files.size} files, ${positives} secrets, ${labels.length - positives} decoys`);
