// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfiles quote ${VAR} references literally
// builtin:dockerfile, policy by policy: passing and failing Dockerfiles, through the real parser,
// the policy engine and the finding's line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinOutcomes, outcomesOf } from './testing.ts';

/** [Dockerfile, what the policy reports: `verdict line: message`, none when it passes]. */
type Case = [string, string[]];

const CASES: Record<string, Case[]> = {
  'dockerfile-root-user': [
    ['FROM alpine:3.19\nUSER app\n', []],
    ['FROM alpine:3.19 AS base\nUSER 10001\nFROM base\nRUN id\n', []],
    ['FROM alpine:3.19\nARG UID\nUSER ${UID}\n', []],
    [
      'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
      [],
    ],
    ['FROM alpine:3.19\nRUN id\n', ['deny 1: no USER in the final stage: the container runs as root']],
    ['FROM alpine:3.19\nUSER app\nRUN id\nUSER root\n', ['deny 4: the final stage runs as USER root']],
    ['FROM alpine:3.19\nUSER 0:0\n', ['deny 2: the final stage runs as USER 0:0']],
    [
      'FROM golang:1.22 AS build\nUSER builder\nFROM alpine:3.19\nCOPY --from=build /app /app\n',
      ['deny 3: no USER in the final stage: the container runs as root'],
    ],
    [
      'FROM alpine:3.19 AS base\nUSER root\nFROM base\n',
      ['deny 2: the final stage builds on a stage that runs as USER root'],
    ],
  ],
  'dockerfile-latest-base-image': [
    ['FROM node:20.11-alpine\nUSER node\n', []],
    ['FROM node@sha256:1b3c\nUSER node\n', []],
    ['FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app\n', []],
    ['ARG IMAGE\nFROM ${IMAGE}\n', []],
    ['FROM node\n', ['deny 1: base images without a version tag or digest: node']],
    [
      'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static:latest\nFROM build AS test\nFROM python\n',
      ['deny 2: base images without a version tag or digest: gcr.io/distroless/static:latest, python'],
    ],
  ],
  'dockerfile-add-remote-url': [
    ['FROM alpine:3.19\nADD app.tar.gz /opt/\n', []],
    ['FROM alpine:3.19\nADD --checksum=sha256:24454f83 https://example.com/tool.tgz /opt/\n', []],
    [
      'FROM alpine:3.19\nADD https://github.com/moby/buildkit.git#8b1d5c4f3e2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c /src\n',
      [],
    ],
    [
      'FROM alpine:3.19\nRUN id\nADD https://example.com/tool.tgz /opt/\n',
      ['warn 3: ADD without --checksum or a commit hash: https://example.com/tool.tgz'],
    ],
    [
      'FROM alpine:3.19\nADD https://github.com/moby/buildkit.git#v0.12.0 /src\nADD https://ci:s3cr3t@artifacts.example.com/a.tgz /opt/\n',
      [
        'warn 2: ADD without --checksum or a commit hash: https://github.com/moby/buildkit.git#v0.12.0, https://***@artifacts.example.com/a.tgz',
      ],
    ],
  ],
  'dockerfile-secret-value': [
    ['FROM alpine:3.19\nENV DB_PASSWORD_FILE=/run/secrets/db API_KEY="" PUBLIC_KEY=abc\n', []],
    ['FROM alpine:3.19\nARG NPM_TOKEN\nENV GITHUB_TOKEN=${GITHUB_TOKEN} KEYCLOAK_URL=https://id\n', []],
    [
      'FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D SIGNING_KEY_FINGERPRINT=0xABCD\n',
      [],
    ],
    [
      'FROM alpine:3.19\nRUN id\nENV LOG_LEVEL=debug DB_PASSWORD=hunter2\n',
      ['deny 3: secret values written in the Dockerfile: ENV DB_PASSWORD'],
    ],
    [
      'ARG GITHUB_TOKEN=ghp_0123456789\nFROM alpine:3.19\nARG GITHUB_TOKEN\nFROM alpine:3.19 AS final\nENV AWS_SECRET_ACCESS_KEY=abc\n',
      ['deny 1: secret values written in the Dockerfile: ARG GITHUB_TOKEN, ENV AWS_SECRET_ACCESS_KEY'],
    ],
  ],
  'dockerfile-secret-build-arg': [
    ['FROM node:20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n', []],
    ['FROM node:20\nARG NPM_TOKEN=literal\nARG TOKEN_URL\n', []],
    [
      'FROM node:20\nARG NPM_TOKEN\nRUN npm ci\n',
      ['warn 2: secrets passed as build arguments or copied into ENV: ARG NPM_TOKEN'],
    ],
    [
      'FROM node:20\nRUN id\nENV NPM_TOKEN=${NPM_TOKEN}\n',
      ['warn 3: secrets passed as build arguments or copied into ENV: ENV NPM_TOKEN'],
    ],
  ],
  'dockerfile-curl-pipe-shell': [
    [
      'FROM alpine:3.19\nRUN curl -fsSLo install.sh https://get.example.com && sha256sum -c sums && sh install.sh\n',
      [],
    ],
    [
      'FROM alpine:3.19\nRUN apk add curl\nRUN curl -fsSL https://get.example.com | sh\n',
      ['warn 3: 1 download is piped into a shell (curl)'],
    ],
    [
      'FROM alpine:3.19\nRUN wget -qO- https://a.example.com | bash && \\\n    curl -s https://b.example.com | sudo sh\n',
      ['warn 2: 2 downloads are piped into a shell (wget, curl)'],
    ],
  ],
  'dockerfile-tls-verification-disabled': [
    [
      'FROM debian:12\nRUN curl -fsSL https://x.example.com -o /tmp/k && apt-get install -y --no-install-recommends ca-certificates\nRUN pip install flask && npm config set fund false\n',
      [],
    ],
    [
      'FROM alpine:3.19\nRUN id\nRUN curl -fsSLk https://x.example.com -o /tmp/x\n',
      ['deny 3: certificate or signature checks switched off: curl --insecure'],
    ],
    [
      'FROM python:3.12\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN pip install --trusted-host pypi.example.com flask && npm config set strict-ssl false\n',
      [
        'deny 3: certificate or signature checks switched off: pip --trusted-host, npm strict-ssl false, NODE_TLS_REJECT_UNAUTHORIZED=0',
      ],
    ],
    [
      'FROM alpine:3.19\nRUN <<EOF\nset -e\nwget --no-check-certificate https://x.example.com/a\napk add --allow-untrusted a.apk\nEOF\nRUN git config --global http.sslVerify false && yum install -y --nogpgcheck x && apt-get install -y --allow-unauthenticated y && rpm -i --nosignature z.rpm\n',
      [
        'deny 2: certificate or signature checks switched off: wget --no-check-certificate, apk --allow-untrusted, git sslVerify false, apt --allow-unauthenticated, yum/dnf --nogpgcheck, rpm --nosignature',
      ],
    ],
  ],
  'dockerfile-ssh-port': [
    ['FROM alpine:3.19\nEXPOSE 8080 2222\n', []],
    ['FROM alpine:3.19\nRUN id\nEXPOSE 80 22/tcp\n', ['warn 3: the image exposes the SSH port 22']],
  ],
};

describe('builtin:dockerfile', () => {
  for (const [policy, cases] of Object.entries(CASES)) {
    it(`${policy}: passing and failing Dockerfiles`, async () => {
      for (const [text, expected] of cases) {
        const outcomes = await builtinOutcomes('dockerfile', { Dockerfile: text });
        assert.deepEqual(outcomesOf(policy, outcomes), expected, text);
      }
    });
  }

  it('has a case for every policy of the set, passing and failing', async () => {
    const { loadBuiltinSet } = await import('../policy/index.ts');
    const names = loadBuiltinSet('dockerfile').policies.map((p) => p.name);
    assert.deepEqual(Object.keys(CASES).sort(), [...names].sort());
    for (const [policy, cases] of Object.entries(CASES)) {
      assert.ok(cases.some(([, e]) => e.length === 0) && cases.some(([, e]) => e.length > 0), policy);
    }
  });

  it('never puts a secret value in a finding', async () => {
    const outcomes = await builtinOutcomes('dockerfile', {
      Dockerfile: 'FROM alpine:3.19\nENV DB_PASSWORD=hunter2\nADD https://u:pa55w0rd@x.example.com/a /a\n',
    });
    assert.ok(outcomes.length >= 2);
    for (const o of outcomes) assert.doesNotMatch(o.message, /hunter2|pa55w0rd/);
  });
});
