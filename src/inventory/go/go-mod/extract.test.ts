import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../extractor.ts';
import { assertRejects, extractFixture, inputFor, nameVersions } from '../../testing.ts';
import { parseGoMod } from './gomod.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

function byName(result: ExtractResult, name: string) {
  const found = result.components.find((c) => c.name === name);
  assert.ok(found, `no component ${name}`);
  return found;
}

const directNames = (r: ExtractResult) =>
  r.components
    .filter((c) => c.direct)
    .map((c) => c.name)
    .sort();

describe('go/go-mod', () => {
  it('matches go.mod only', () => {
    assert.equal(extractor.matches('go.mod'), true);
    assert.equal(extractor.matches('services/api/go.mod'), true);
    assert.equal(extractor.matches('go.sum'), false);
    assert.equal(extractor.matches('go.mod.bak'), false);
  });

  const cases: { fixture: string; root: string; components: string[]; direct: string[] }[] = [
    {
      fixture: 'service/go.mod',
      root: 'github.com/acme/orders-api',
      components: [
        'example.com/internal/auth@',
        'github.com/acme-forks/ugorji-codec@v1.1.8-acme.1',
        'github.com/beorn7/perks@v1.0.1',
        'github.com/cespare/xxhash/v2@v2.2.0',
        'github.com/dgryski/go-rendezvous@v0.0.0-20200823014737-9f7001d12a5f',
        'github.com/docker/docker@v20.10.7+incompatible',
        'github.com/gin-contrib/sse@v0.1.0',
        'github.com/gin-gonic/gin@v1.6.0',
        'github.com/go-playground/locales@v0.13.0',
        'github.com/go-playground/universal-translator@v0.17.0',
        'github.com/go-playground/validator/v10@v10.2.0',
        'github.com/golang-jwt/jwt/v4@v4.4.1',
        'github.com/golang/protobuf@v1.5.2',
        'github.com/google/uuid@v1.3.0',
        'github.com/jackc/pgpassfile@v1.0.0',
        'github.com/jackc/pgservicefile@v0.0.0-20221227161230-091c0ba34f0a',
        'github.com/jackc/pgx/v5@v5.4.3',
        'github.com/jackc/puddle/v2@v2.2.1',
        'github.com/json-iterator/go@v1.1.9',
        'github.com/leodido/go-urn@v1.2.0',
        'github.com/mattn/go-isatty@v0.0.12',
        'github.com/matttproud/golang_protobuf_extensions@v1.0.1',
        'github.com/modern-go/concurrent@v0.0.0-20180306012644-bacd9c7ef1dd',
        'github.com/modern-go/reflect2@v1.0.1',
        'github.com/prometheus/client_golang@v1.11.0',
        'github.com/prometheus/client_model@v0.2.0',
        'github.com/prometheus/common@v0.26.0',
        'github.com/prometheus/procfs@v0.6.0',
        'github.com/redis/go-redis/v9@v9.0.5',
        'go.uber.org/atomic@v1.9.0',
        'go.uber.org/multierr@v1.8.0',
        'go.uber.org/zap@v1.24.0',
        'golang.org/x/crypto@v0.0.0-20220314234659-1baeb1ce4c0b',
        'golang.org/x/net@v0.0.0-20220127200216-cd36cc0744dd',
        'golang.org/x/sync@v0.1.0',
        'golang.org/x/sys@v0.0.0-20220128215802-99c3d69c2c27',
        'golang.org/x/text@v0.3.7',
        'google.golang.org/genproto@v0.0.0-20210831024726-fe130286e0e2',
        'google.golang.org/grpc@v1.41.0',
        'google.golang.org/protobuf@v1.27.1',
        'gopkg.in/yaml.v2@v2.2.8',
        'gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c',
      ],
      direct: [
        'example.com/internal/auth',
        'github.com/docker/docker',
        'github.com/gin-gonic/gin',
        'github.com/golang-jwt/jwt/v4',
        'github.com/google/uuid',
        'github.com/jackc/pgx/v5',
        'github.com/prometheus/client_golang',
        'github.com/redis/go-redis/v9',
        'go.uber.org/zap',
        'golang.org/x/crypto',
        'golang.org/x/net',
        'google.golang.org/grpc',
        'gopkg.in/yaml.v3',
      ],
    },
    {
      fixture: 'legacy/go.mod',
      root: 'github.com/acme/legacy-worker',
      components: [
        'github.com/aws/aws-sdk-go@v1.34.0',
        'github.com/dgrijalva/jwt-go@v3.2.0+incompatible',
        'github.com/pkg/errors@v0.9.1',
        'github.com/satori/go.uuid@v1.2.0',
        'github.com/sirupsen/logrus@v1.4.2',
        'github.com/stretchr/testify@v1.6.1',
        'gopkg.in/yaml.v2@v2.2.2',
        'k8s.io/apimachinery@v0.18.6',
        'k8s.io/client-go@v0.18.8',
      ],
      direct: [
        'github.com/aws/aws-sdk-go',
        'github.com/dgrijalva/jwt-go',
        'github.com/pkg/errors',
        'github.com/satori/go.uuid',
        'github.com/sirupsen/logrus',
        'github.com/stretchr/testify',
        'k8s.io/apimachinery',
        'k8s.io/client-go',
      ],
    },
  ];

  for (const c of cases) {
    it(`extracts ${c.fixture}`, () => {
      const result = extractFixture(extractor, testdata, c.fixture);
      assert.deepEqual(nameVersions(result), c.components);
      assert.deepEqual(directNames(result), c.direct);
      assert.deepEqual(result.root, { name: c.root });
      assert.deepEqual(result.unresolved, []);
      for (const component of result.components) {
        assert.equal(component.ecosystem, 'Go');
        assert.equal(component.scope, 'prod');
        assert.deepEqual(component.dependencies, [], 'go.mod carries no graph');
        assert.equal(component.location.path, c.fixture);
      }
    });
  }

  it('keeps the v prefix, pseudo-versions and +incompatible in purls', () => {
    const result = extractFixture(extractor, testdata, 'service/go.mod');
    assert.equal(
      byName(result, 'golang.org/x/net').purl,
      'pkg:golang/golang.org/x/net@v0.0.0-20220127200216-cd36cc0744dd',
    );
    assert.equal(
      byName(result, 'github.com/gin-gonic/gin').purl,
      'pkg:golang/github.com/gin-gonic/gin@v1.6.0',
    );
    assert.equal(
      byName(result, 'github.com/docker/docker').purl,
      'pkg:golang/github.com/docker/docker@v20.10.7+incompatible',
    );
  });

  it('locates requirements at their line and replaced modules at the replace line', () => {
    const result = extractFixture(extractor, testdata, 'service/go.mod');
    const lines = Object.fromEntries(result.components.map((c) => [c.name, c.location.line]));
    assert.equal(lines['github.com/docker/docker'], 10);
    assert.equal(lines['github.com/gin-gonic/gin'], 11);
    assert.equal(lines['golang.org/x/net'], 19);
    assert.equal(lines['golang.org/x/sys'], 49);
    assert.equal(lines['example.com/internal/auth'], 58);
    assert.equal(lines['github.com/acme-forks/ugorji-codec'], 61);
    assert.equal(lines['golang.org/x/crypto'], 64);
  });

  it('records directory replacements as path sources and module replacements as registry', () => {
    const result = extractFixture(extractor, testdata, 'service/go.mod');
    const auth = byName(result, 'example.com/internal/auth');
    assert.deepEqual(auth.source, { type: 'path', path: '../auth', link: true });
    assert.equal(auth.version, undefined);
    assert.equal(auth.purl, 'pkg:golang/example.com/internal/auth');
    const fork = byName(result, 'github.com/acme-forks/ugorji-codec');
    assert.deepEqual(fork.source, { type: 'registry' });
    assert.equal(fork.direct, false);
    assert.equal(result.components.filter((c) => c.name === 'github.com/ugorji/go/codec').length, 0);
    assert.equal(result.components.filter((c) => c.name === 'github.com/sirupsen/logrus').length, 0);
  });

  it('applies a version-specific replacement only to that version', () => {
    const text = [
      'module example.com/m',
      'require (',
      '\texample.com/a v1.0.0',
      '\texample.com/b v1.0.0',
      ')',
      'replace example.com/a v1.0.0 => example.com/a v1.0.1',
      'replace example.com/b v0.9.0 => example.com/b v1.0.1',
      'replace example.com/b => example.com/b-fork v1.1.0',
    ].join('\n');
    const result = extractor.extract(inputFor('go.mod', text));
    assert.deepEqual(nameVersions(result), ['example.com/a@v1.0.1', 'example.com/b-fork@v1.1.0']);
  });

  it('reports a requirement whose version is excluded instead of guessing the next one', () => {
    const text = 'module example.com/m\n\nrequire example.com/a v1.2.0\nexclude example.com/a v1.2.0\n';
    const result = extractor.extract(inputFor('go.mod', text));
    assert.deepEqual(result.components, []);
    assert.deepEqual(result.unresolved, [
      { name: 'example.com/a', line: 3, reason: 'v1.2.0 is excluded on line 4' },
    ]);
  });

  it('adds a requirement that is not a semantic version without a version', () => {
    const text = 'module example.com/m\nrequire (\n\texample.com/a master\n\texample.com/b v1.2\n)\n';
    const result = extractor.extract(inputFor('go.mod', text));
    assert.deepEqual(nameVersions(result), ['example.com/a@', 'example.com/b@']);
  });

  it('ignores retract, godebug, tool, ignore and unknown directives, and reads CRLF and a BOM', () => {
    const text = [
      '\uFEFFmodule example.com/tools',
      'go 1.24.0',
      'godebug default=go1.21',
      'godebug (',
      '\tpanicnil=1',
      ')',
      'tool golang.org/x/tools/cmd/stringer',
      'ignore ./node_modules',
      'futuredirective something',
      'retract [v0.1.0, v0.2.0]',
      'require golang.org/x/tools v0.29.0 // indirect',
      'require () // nothing',
    ].join('\r\n');
    const result = extractor.extract(inputFor('go.mod', text));
    assert.deepEqual(nameVersions(result), ['golang.org/x/tools@v0.29.0']);
    assert.equal(result.components[0]?.direct, false);
    assert.deepEqual(result.root, { name: 'example.com/tools' });
  });

  it('parses the go and toolchain directives for the root', () => {
    const mod = parseGoMod('go.mod', 'module example.com/m\ngo 1.21\ntoolchain go1.21.5\n');
    assert.equal(mod.go, '1.21');
    assert.equal(mod.toolchain, 'go1.21.5');
    assert.deepEqual(mod.module, { path: 'example.com/m', line: 1 });
  });

  it('treats only "indirect" and "indirect; …" comments as the indirect marker', () => {
    const text = [
      'module m',
      'require (',
      '\ta.com/x v1.0.0 // indirect',
      '\ta.com/y v1.0.0 //indirect; via z',
      '\ta.com/z v1.0.0 // indirectly needed',
      ')',
    ].join('\n');
    const result = extractor.extract(inputFor('go.mod', text));
    assert.deepEqual(directNames(result), ['a.com/z']);
  });

  const malformed: { name: string; text: string; message: string }[] = [
    {
      name: 'empty file',
      text: '',
      message:
        'go.mod:1: no module directive, so this is not a go.mod file of a module; fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'truncated block',
      text: 'module m\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/d v1.',
      message:
        'go.mod:3: "require (" block is never closed with ")"; the file looks truncated, fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'requirement without version',
      text: 'module m\nrequire (\n\tgithub.com/a/b\n)\n',
      message:
        'go.mod:3: require needs a module path and a version; fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'unterminated quote',
      text: 'module "example.com/m\n',
      message: 'go.mod:1: unterminated quoted string; fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'binary bytes',
      text: 'module m\n\u0000\u0001',
      message: 'go.mod:2: unexpected character U+0000; fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'replace without arrow',
      text: 'module m\nreplace a.com/x v1.0.0 b.com/x v1.0.0\n',
      message:
        'go.mod:2: replace must read `old [version] => new [version]`; fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'module replacement without version',
      text: 'module m\nreplace a.com/x => b.com/x\n',
      message:
        'go.mod:2: replacement b.com/x has no version and is not a directory (./ ../ or /); fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'stray closing parenthesis',
      text: 'module m\n)\n',
      message:
        'go.mod:2: unexpected ")" where a directive should start; fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'two module directives',
      text: 'module a\nmodule b\n',
      message:
        'go.mod:2: second module directive (the first is on line 1); fix it or regenerate it with `go mod tidy`',
    },
    {
      name: 'block comments',
      text: 'module m /* x */\n',
      message:
        'go.mod:1: go.mod allows only // comments, not /* */; fix it or regenerate it with `go mod tidy`',
    },
  ];
  for (const m of malformed) {
    it(`rejects ${m.name}`, () => {
      assert.equal(assertRejects(extractor, 'go.mod', m.text).message, m.message);
    });
  }
});
