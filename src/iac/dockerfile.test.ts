// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is Dockerfile variable syntax under test
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { matchesDockerfile, parseDockerfile } from './dockerfile.ts';
import type { DockerfileDocument } from './dockerfile-shape.ts';
import type { IacResource } from './resource.ts';
import { assertInputError } from './testing.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'dockerfile');

function parseFixture(name: string): { resource: IacResource; doc: DockerfileDocument } {
  const result = parseDockerfile(name, readFileSync(join(testdata, name), 'utf8'));
  assert.equal(result.resources.length, 1);
  const resource = result.resources[0]!;
  return { resource, doc: resource.object as DockerfileDocument };
}

function commands(doc: DockerfileDocument): string[][] {
  return doc.stages.map((s) => s.instructions.map((i) => `${i.line}-${i.endLine} ${i.cmd}`));
}

describe('dockerfile: the whole shape of a small file', () => {
  it('gives every field, nulls included', () => {
    const { resource, doc } = parseFixture('Dockerfile.untagged');
    assert.equal(resource.kind, 'Dockerfile');
    assert.equal(resource.name, 'Dockerfile.untagged');
    assert.deepEqual(resource.source, { path: 'Dockerfile.untagged', line: 1 });
    const python = {
      image: 'python',
      registry: null,
      repository: 'python',
      tag: null,
      digest: null,
      pin: 'untagged',
    } as const;
    const plain = { flags: {}, flagList: [], json: false, heredocs: [] };
    assert.deepEqual(doc, {
      directives: { syntax: null, escape: '\\', check: null },
      args: [],
      stages: [
        {
          index: 0,
          name: null,
          line: 1,
          from: { ...python, raw: 'python', platform: null, alias: null, stage: null, line: 1 },
          instructions: [
            {
              cmd: 'RUN',
              line: 2,
              endLine: 2,
              args: ['pip install flask'],
              value: 'pip install flask',
              ...plain,
            },
            { cmd: 'CMD', line: 3, endLine: 3, args: ['python app.py'], value: 'python app.py', ...plain },
          ],
          user: null,
          env: [],
          args: [],
        },
      ],
      finalStage: 0,
      finalUser: 'root',
      runsAsRoot: true,
      baseImages: [{ ...python, platform: null, line: 1, stage: 0 }],
      addUrls: [],
      secretKeys: [],
      pipeToShell: [],
    });
    assert.equal(resource.lineOf(['runsAsRoot']), 1);
    assert.equal(resource.lineOf(['baseImages', '0', 'pin']), 1);
    assert.equal(resource.lineOf(['stages', '0', 'instructions', '1', 'args']), 3);
  });
});

describe('dockerfile: multi-stage build', () => {
  const { resource, doc } = parseFixture('Dockerfile.multistage');

  it('reads directives, global ARGs and stages with their instructions', () => {
    assert.deepEqual(doc.directives, { syntax: 'docker/dockerfile:1.7', escape: '\\', check: 'error=true' });
    assert.deepEqual(doc.args, [
      { name: 'NODE_VERSION', value: '20.11.1', line: 3 },
      { name: 'BASE_REGISTRY', value: null, line: 4 },
      { name: 'NPM_TOKEN', value: null, line: 5 },
    ]);
    assert.deepEqual(commands(doc), [
      ['8-8 WORKDIR', '9-9 COPY', '11-16 RUN', '17-18 ENV'],
      ['21-21 RUN'],
      ['24-24 COPY', '25-25 USER', '26-26 EXPOSE', '27-27 ENTRYPOINT'],
    ]);
  });

  it('parses FROM with --platform, ARG substitution, AS, stage references and digests', () => {
    assert.deepEqual(
      doc.stages.map((s) => s.from),
      [
        {
          image: 'node:20.11.1-alpine',
          registry: null,
          repository: 'node',
          tag: '20.11.1-alpine',
          digest: null,
          pin: 'tag',
          raw: 'node:${NODE_VERSION}-alpine',
          platform: '$BUILDPLATFORM',
          alias: 'build',
          stage: null,
          line: 7,
        },
        {
          image: 'build',
          registry: null,
          repository: 'build',
          tag: null,
          digest: null,
          pin: 'stage',
          raw: 'build',
          platform: null,
          alias: 'test',
          stage: 0,
          line: 20,
        },
        {
          image:
            'gcr.io/distroless/nodejs20-debian12@sha256:4ae6e5bcbb2c7ac1cf6b1a4f85b2fb4a06d5d2be8a8a1f1f11c2d0f4e4e0b0c1',
          registry: 'gcr.io',
          repository: 'distroless/nodejs20-debian12',
          tag: null,
          digest: 'sha256:4ae6e5bcbb2c7ac1cf6b1a4f85b2fb4a06d5d2be8a8a1f1f11c2d0f4e4e0b0c1',
          pin: 'digest',
          raw: 'gcr.io/distroless/nodejs20-debian12@sha256:4ae6e5bcbb2c7ac1cf6b1a4f85b2fb4a06d5d2be8a8a1f1f11c2d0f4e4e0b0c1',
          platform: null,
          alias: null,
          stage: null,
          line: 23,
        },
      ],
    );
    assert.deepEqual(
      doc.baseImages.map((b) => [b.stage, b.line, b.pin]),
      [
        [0, 7, 'tag'],
        [2, 23, 'digest'],
      ],
    );
  });

  it('joins continuation lines, drops comments inside them, keeps repeated flags', () => {
    const run = doc.stages[0]?.instructions[2];
    assert.deepEqual(run?.flags, { mount: 'type=secret,id=npmrc,target=/root/.npmrc' });
    assert.deepEqual(run?.flagList, [
      { name: 'mount', value: 'type=cache,target=/root/.npm' },
      { name: 'mount', value: 'type=secret,id=npmrc,target=/root/.npmrc' },
    ]);
    assert.deepEqual(run?.args, ['npm ci       --ignore-scripts &&     npm run build']);
    const copy = doc.stages[2]?.instructions[0];
    assert.deepEqual(copy?.flags, { from: 'build', chown: 'nonroot:nonroot' });
    assert.deepEqual(copy?.args, ['/src/dist', '/app']);
  });

  it('reads ENV pairs with quotes and the exec form', () => {
    assert.deepEqual(doc.stages[0]?.env, [
      { key: 'NODE_ENV', value: 'production', line: 17 },
      { key: 'API_KEY', value: 'sk-live-123', line: 17 },
      { key: 'APP_NAME', value: 'web app', line: 17 },
    ]);
    const entrypoint = doc.stages[2]?.instructions[3];
    assert.equal(entrypoint?.json, true);
    assert.deepEqual(entrypoint?.args, ['/nodejs/bin/node', '/app/server.js']);
    assert.deepEqual(doc.stages[2]?.instructions[2]?.args, ['8080/tcp', '9090']);
  });

  it('derives the final user and secret-looking keys', () => {
    assert.equal(doc.finalStage, 2);
    assert.equal(doc.finalUser, 'nonroot');
    assert.equal(doc.runsAsRoot, false);
    assert.equal(resource.lineOf(['finalUser']), 25);
    assert.deepEqual(doc.secretKeys, [
      { stage: null, line: 5, instruction: 'ARG', key: 'NPM_TOKEN', hasValue: false },
      { stage: 0, line: 17, instruction: 'ENV', key: 'API_KEY', hasValue: true },
    ]);
    assert.equal(resource.lineOf(['secretKeys', '1', 'key']), 17);
    assert.equal(resource.lineOf(['stages', '0', 'instructions', '2', 'flags', 'mount']), 11);
    assert.equal(resource.lineOf(['stages', '2', 'from', 'digest']), 23);
    assert.equal(resource.lineOf(['args', '2']), 5);
  });
});

describe('dockerfile: heredocs, remote sources, downloads piped to a shell', () => {
  const { resource, doc } = parseFixture('Dockerfile.heredoc');

  it('reads here-documents, quoted and tab-stripped ones included', () => {
    assert.deepEqual(commands(doc), [
      ['3-7 RUN', '8-11 RUN', '12-16 COPY', '17-18 RUN', '19-19 ADD', '20-20 ADD', '21-21 ADD', '22-22 USER'],
    ]);
    const [first, second, copy] = doc.stages[0]?.instructions ?? [];
    assert.deepEqual(first?.heredocs, [
      {
        name: 'EOF',
        body: 'set -eux\napt-get update\ncurl -fsSL https://get.example.com/install.sh | bash\n',
        line: 4,
        expand: true,
      },
    ]);
    assert.deepEqual(second?.heredocs, [
      {
        name: 'SCRIPT',
        body: 'echo "$HOME is not expanded here"\nwget -qO- https://example.org/setup | sudo -E sh -s -- --yes\n',
        line: 9,
        expand: false,
      },
    ]);
    assert.deepEqual(
      copy?.heredocs.map((h) => [h.name, h.body, h.line]),
      [
        ['CONF1', 'listen 8080\n', 13],
        ['CONF2', 'log_level = "debug"\n', 15],
      ],
    );
    assert.deepEqual(copy?.args, ['<<CONF1', '<<CONF2', '/etc/app/']);
    assert.equal(resource.lineOf(['stages', '0', 'instructions', '2', 'heredocs', '1']), 15);
  });

  it('finds curl|sh in heredoc bodies and continued lines, on the line where it is', () => {
    assert.deepEqual(doc.pipeToShell, [
      {
        stage: 0,
        line: 6,
        downloader: 'curl',
        command: 'curl -fsSL https://get.example.com/install.sh | bash',
      },
      { stage: 0, line: 10, downloader: 'wget', command: 'wget -qO- https://example.org/setup | sudo -E sh' },
      {
        stage: 0,
        line: 17,
        downloader: 'curl',
        command: 'curl -sSL https://deb.nodesource.com/setup_20.x       | bash',
      },
    ]);
    assert.equal(resource.lineOf(['pipeToShell', '2']), 17);
  });

  it('lists ADD from URLs and Git, with the checksum that pins one', () => {
    assert.deepEqual(doc.addUrls, [
      { stage: 0, line: 19, url: 'https://github.com/moby/buildkit.git#v0.12.0', git: true, checksum: null },
      {
        stage: 0,
        line: 20,
        url: 'https://example.com/tool.tar.gz',
        git: false,
        checksum: 'sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d',
      },
      { stage: 0, line: 21, url: 'http://example.com/plain.tar.gz', git: false, checksum: null },
    ]);
  });

  it('sees the latest tag and a numeric root user', () => {
    assert.deepEqual(
      doc.baseImages.map((b) => [b.image, b.tag, b.pin]),
      [['ubuntu:latest', 'latest', 'latest']],
    );
    assert.equal(doc.finalUser, '0:0');
    assert.equal(doc.runsAsRoot, true);
    assert.equal(resource.lineOf(['runsAsRoot']), 22);
  });
});

describe('dockerfile: escape directive (Windows)', () => {
  const { doc } = parseFixture('Dockerfile.windows');

  it('continues lines with the backtick and keeps backslashes literal', () => {
    assert.equal(doc.directives.escape, '`');
    assert.deepEqual(commands(doc), [
      ['4-4 ARG', '5-6 ENV', '7-7 SHELL', '8-9 RUN', '10-10 WORKDIR', '11-11 CMD'],
    ]);
    assert.deepEqual(doc.stages[0]?.env, [{ key: 'DB_PASSWORD', value: 'Sup3r    Secret', line: 5 }]);
    assert.deepEqual(doc.stages[0]?.instructions[3]?.args, [
      'Invoke-WebRequest -Uri https://example.com/a.zip -OutFile C:\\a.zip ;     Expand-Archive C:\\a.zip -DestinationPath C:\\tools',
    ]);
    assert.deepEqual(doc.stages[0]?.instructions[4]?.args, ['C:\\tools']);
    assert.deepEqual(doc.stages[0]?.instructions[2]?.args, [
      'powershell',
      '-Command',
      "$ErrorActionPreference = 'Stop';",
    ]);
    assert.deepEqual(doc.stages[0]?.instructions[5]?.args, ['C:\\tools\\app.exe']);
  });

  it('finds secrets in a stage ARG without default and in legacy ENV', () => {
    assert.deepEqual(doc.secretKeys, [
      { stage: 0, line: 4, instruction: 'ARG', key: 'ADMIN_PASSWORD', hasValue: false },
      { stage: 0, line: 5, instruction: 'ENV', key: 'DB_PASSWORD', hasValue: true },
    ]);
    assert.equal(doc.finalUser, 'root');
    assert.equal(doc.runsAsRoot, true);
  });
});

describe('dockerfile: user inherited through stages, unresolved variables', () => {
  const { resource, doc } = parseFixture('Dockerfile.inherit');

  it('expands USER from a stage ARG and inherits it in the stage built on it', () => {
    assert.equal(doc.stages[0]?.user, '10001:app');
    assert.equal(doc.stages[2]?.user, null);
    assert.equal(doc.finalUser, '10001:app');
    assert.equal(doc.runsAsRoot, false);
    assert.equal(resource.lineOf(['finalUser']), 6);
    assert.deepEqual(doc.stages[0]?.args, [{ name: 'UID', value: '10001', line: 4 }]);
  });

  it('resolves FROM from a global ARG default and marks an unresolved one', () => {
    assert.deepEqual(
      doc.stages.map((s) => [s.from.raw, s.from.image, s.from.pin, s.from.registry, s.from.stage]),
      [
        ['${BASE}', 'alpine:3.19', 'tag', null, null],
        [
          'registry.example.com:5000/tools/builder:${TAG}',
          'registry.example.com:5000/tools/builder:${TAG}',
          'variable',
          'registry.example.com:5000',
          null,
        ],
        ['base', 'base', 'stage', null, 0],
      ],
    );
    assert.deepEqual(
      doc.baseImages.map((b) => [b.stage, b.pin]),
      [
        [0, 'tag'],
        [1, 'variable'],
      ],
    );
  });

  it('reads LABEL pairs, ONBUILD, HEALTHCHECK flags, VOLUME exec form', () => {
    const [label, onbuild, stopsignal, volume, copy] = doc.stages[2]?.instructions ?? [];
    assert.deepEqual(label?.args, [
      'org.opencontainers.image.source=https://github.com/acme/web',
      'maintainer=ops',
    ]);
    assert.deepEqual(onbuild?.args, ['RUN echo "building on top"']);
    assert.deepEqual(stopsignal?.args, ['SIGTERM']);
    assert.deepEqual([volume?.json, volume?.args], [true, ['/data']]);
    assert.deepEqual(copy?.flags, { from: 'tools' });
    const healthcheck = doc.stages[0]?.instructions[3];
    assert.deepEqual(healthcheck?.flags, { interval: '30s', timeout: '3s' });
    assert.equal(healthcheck?.value, 'CMD wget -qO- http://localhost:8080/health || exit 1');
    assert.deepEqual(doc.pipeToShell, []);
  });
});

describe('dockerfile: file names', () => {
  it('matches Dockerfiles and Containerfiles by their usual names', () => {
    const cases: Array<[string, boolean]> = [
      ['Dockerfile', true],
      ['services/api/Dockerfile', true],
      ['dockerfile', true],
      ['Dockerfile.prod', true],
      ['build/api.Dockerfile', true],
      ['Containerfile', true],
      ['Dockerfile.dockerignore', false],
      ['docs/Dockerfile-guide.md', false],
      ['docker-compose.yml', false],
    ];
    assert.deepEqual(
      cases.map(([path]) => [path, matchesDockerfile(path)]),
      cases,
    );
  });
});

describe('dockerfile: malformed and hostile input', () => {
  const cases: Array<[string, string, string]> = [
    ['Dockerfile', 'FROM alpine\nRUNN echo hi\n', "Dockerfile:2: unknown instruction 'RUNN'"],
    ['Dockerfile', 'RUN echo hi\nFROM alpine\n', 'Dockerfile:1: RUN before the first FROM'],
    ['Dockerfile', '# just a comment\nARG A=1\n', 'Dockerfile:2: no FROM instruction'],
    ['Dockerfile', '', 'Dockerfile:1: no FROM instruction'],
    [
      'Dockerfile',
      'FROM alpine\nRUN <<EOF\necho never closed\n',
      'Dockerfile:2: here-document EOF is not terminated',
    ],
    ['Dockerfile', 'FROM alpine AS\n', 'Dockerfile:1: FROM takes an image and an optional `AS name`'],
    ['Dockerfile', 'FROM alpine\nUSER\n', 'Dockerfile:2: USER needs arguments'],
    ['Dockerfile', 'FROM alpine\nENV DEBUG\n', 'Dockerfile:2: ENV DEBUG has no value'],
    ['Dockerfile', 'FROM alpine\nENV A=1 B\n', 'Dockerfile:2: ENV needs KEY=value pairs'],
    ['Dockerfile', 'FROM alpine\nSHELL /bin/bash -c\n', 'Dockerfile:2: SHELL needs a JSON array'],
    ['Dockerfile', '# escape=x\nFROM alpine\n', "Dockerfile:1: invalid escape character 'x'; use \\ or `"],
    [
      'Dockerfile',
      '# escape=`\n# escape=\\\nFROM alpine\n',
      'Dockerfile:2: the escape directive is given twice',
    ],
    ['Dockerfile', 'x'.repeat(5_000_000), 'Dockerfile:1: 5 MB is too large for a Dockerfile'],
    [
      'Dockerfile',
      `FROM alpine\n${'y'.repeat(100_000)}\n`,
      "Dockerfile:2: unknown instruction 'YYYYYYYYYYYYYYYYYYYYYYYY'",
    ],
  ];
  for (const [path, text, expected] of cases) {
    it(expected, () => {
      const error = assertInputError(() => parseDockerfile(path, text), path);
      assert.ok(error.message.startsWith(expected), error.message);
    });
  }

  it('treats a directive after the first line of content as a comment', () => {
    const { doc } = parseDockerfileText('FROM alpine\n# escape=`\nRUN echo a \\\n  b\n');
    assert.equal(doc.directives.escape, '\\');
    assert.deepEqual(doc.stages[0]?.instructions[0]?.args, ['echo a   b']);
  });

  it('falls back to the shell form for a JSON array that does not parse, as BuildKit does', () => {
    const { doc } = parseDockerfileText("FROM alpine\nCMD ['single', 'quotes']\n");
    assert.deepEqual(
      [doc.stages[0]?.instructions[0]?.json, doc.stages[0]?.instructions[0]?.args],
      [false, ["['single', 'quotes']"]],
    );
  });

  it('survives truncations and garbage of every fixture', () => {
    for (const name of [
      'Dockerfile.multistage',
      'Dockerfile.heredoc',
      'Dockerfile.windows',
      'Dockerfile.inherit',
    ]) {
      const text = readFileSync(join(testdata, name), 'utf8');
      for (const cut of [1, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1]) {
        assertHandled(text.slice(0, cut));
      }
    }
    assertHandled('\u0000\u0001\uFFFD\u00ff'.repeat(1000));
    assertHandled('['.repeat(100_000));
    assertHandled('{"a":'.repeat(10_000));
    assertHandled(`FROM a\nRUN ${'curl x '.repeat(100_000)}`);
    assertHandled(`FROM a\nRUN --a=${'"x'.repeat(50_000)}`);
    // Inputs that made earlier regular expressions backtrack quadratically.
    assertHandled(`# syntax=a${' '.repeat(2_000_000)}b\nFROM a\n`);
    assertHandled(`FROM a\nADD ${'.git#'.repeat(500_000)}x /d\n`);
  });
});

function parseDockerfileText(text: string): { doc: DockerfileDocument } {
  return { doc: parseDockerfile('Dockerfile', text).resources[0]?.object as DockerfileDocument };
}

function assertHandled(text: string): void {
  try {
    assert.equal(parseDockerfile('Dockerfile', text).resources.length, 1);
  } catch (error) {
    assertInputError(() => {
      throw error;
    }, 'Dockerfile');
  }
}
