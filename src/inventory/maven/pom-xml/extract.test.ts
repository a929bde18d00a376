// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Maven property references
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ComponentSource, Scope } from '../../../model/index.ts';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const registry: ComponentSource = { type: 'registry' };
const SPRING_MANAGED =
  'version managed by parent org.springframework.boot:spring-boot-starter-parent:2.1.3.RELEASE or BOM org.springframework.cloud:spring-cloud-dependencies:Greenwich.SR1, not in the repository';

interface Case {
  fixture: string;
  root: { name: string; version?: string };
  /** purl, scope, line, source (registry when absent) */
  components: [string, Scope, number, ComponentSource?][];
  unresolved: [number, string, string][];
}

const cases: Case[] = [
  {
    fixture: 'shop/shop-service/pom.xml',
    root: { name: 'com.example.shop:shop-service', version: '1.4.0-SNAPSHOT' },
    components: [
      [
        'pkg:maven/com.acme.vendor/vendor-sdk@3.2',
        'prod',
        71,
        { type: 'path', path: 'shop/shop-service/lib/vendor-sdk-3.2.jar', link: false },
      ],
      [
        'pkg:maven/com.example.shop/shop-api@1.4.0-SNAPSHOT',
        'prod',
        23,
        { type: 'path', path: 'shop/shop-api', link: true },
      ],
      [
        'pkg:maven/com.example.shop/shop-api@1.4.0-SNAPSHOT?classifier=tests&type=test-jar',
        'dev',
        93,
        { type: 'path', path: 'shop/shop-api', link: true },
      ],
      ['pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8', 'prod', 41],
      ['pkg:maven/com.google.guava/guava@27.0.1-jre', 'prod', 45],
      ['pkg:maven/com.h2database/h2@1.4.197', 'optional', 61],
      ['pkg:maven/commons-io/commons-io@2.6', 'prod', 83],
      ['pkg:maven/io.micrometer/micrometer-registry-prometheus', 'prod', 78],
      ['pkg:maven/io.netty/netty-transport-native-epoll@4.1.33.Final?classifier=linux-x86_64', 'prod', 49],
      ['pkg:maven/javax.servlet/javax.servlet-api@4.0.1', 'dev', 67],
      ['pkg:maven/junit/junit@4.12', 'dev', 106],
      ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'prod', 37],
      ['pkg:maven/org.postgresql/postgresql@42.2.5', 'prod', 55],
      ['pkg:maven/org.springframework.boot/spring-boot-starter-test', 'dev', 101],
      ['pkg:maven/org.springframework.boot/spring-boot-starter-web', 'prod', 27],
      ['pkg:maven/org.yaml/snakeyaml', 'prod', 88],
    ],
    unresolved: [
      [27, 'org.springframework.boot:spring-boot-starter-web', SPRING_MANAGED],
      [
        78,
        'io.micrometer:micrometer-registry-prometheus',
        'version ${micrometer.version}: property ${micrometer.version} is not defined (it may come from parent org.springframework.boot:spring-boot-starter-parent:2.1.3.RELEASE, not in the repository)',
      ],
      [88, 'org.yaml:snakeyaml', 'version range [1.23,2.0) is resolved by Maven at build time'],
      [101, 'org.springframework.boot:spring-boot-starter-test', SPRING_MANAGED],
    ],
  },
  {
    fixture: 'shop/shop-api/pom.xml',
    root: { name: 'com.example.shop:shop-api', version: '1.4.0-SNAPSHOT' },
    components: [
      ['pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8', 'prod', 30],
      ['pkg:maven/io.swagger/swagger-annotations@1.5.21', 'prod', 20],
      ['pkg:maven/javax.validation/validation-api@2.0.1.Final', 'prod', 15],
      ['pkg:maven/org.apache.commons/commons-lang3@3.8.1', 'prod', 25],
    ],
    unresolved: [],
  },
  {
    // Plugin dependencies and annotation processor paths are build tooling, not the artifact's.
    fixture: 'shop/pom.xml',
    root: { name: 'com.example.shop:shop-parent', version: '1.4.0-SNAPSHOT' },
    components: [['pkg:maven/org.projectlombok/lombok@1.18.6', 'dev', 82]],
    unresolved: [],
  },
  {
    fixture: 'library/pom.xml',
    root: { name: 'io.github.acme:acme-audit-log', version: '0.9.2' },
    components: [
      ['pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8', 'prod', 45],
      ['pkg:maven/org.apache.kafka/kafka-clients@2.1.0', 'dev', 60],
      ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'optional', 54],
      ['pkg:maven/org.junit.jupiter/junit-jupiter-engine@5.4.0', 'dev', 66],
      ['pkg:maven/org.mockito/mockito-core@2.25.0', 'dev', 72],
      ['pkg:maven/org.slf4j/slf4j-api@1.7.25', 'prod', 50],
    ],
    unresolved: [],
  },
];

describe('maven/pom-xml fixtures', () => {
  for (const c of cases) {
    it(c.fixture, () => {
      assert.ok(extractor.matches(c.fixture));
      const result = extractFixture(extractor, testdata, c.fixture);
      assert.deepEqual(result.root, c.root);
      assert.deepEqual(
        result.components.map((x) => [x.purl, x.scope, x.location.line, x.source]),
        c.components.map(([purl, scope, line, source]) => [purl, scope, line, source ?? registry]),
      );
      assert.ok(
        result.components.every((x) => x.direct && x.ecosystem === 'Maven' && x.dependencies.length === 0),
      );
      assert.ok(result.components.every((x) => x.location.path === c.fixture));
      assert.deepEqual(
        result.unresolved.map((u) => [u.line, u.name, u.reason]),
        c.unresolved,
      );
    });
  }

  it('names components groupId:artifactId with the version apart', () => {
    const result = extractFixture(extractor, testdata, 'library/pom.xml');
    const log4j = result.components.find((x) => x.name === 'org.apache.logging.log4j:log4j-core');
    assert.equal(log4j?.version, '2.14.1');
  });
});

/** Extracts `pom.xml` (or `path`) with other files of an in-memory tree readable as siblings. */
function extract(files: Record<string, string>, path = 'pom.xml') {
  return extractor.extract(inputFor(path, files[path] ?? '', (p) => files[p]));
}

function project(body: string, dependencies = ''): string {
  return `<project><modelVersion>4.0.0</modelVersion>${body}<dependencies>${dependencies}</dependencies></project>`;
}

function dep(coordinates: string, extra = ''): string {
  const [groupId, artifactId, version] = coordinates.split(':');
  return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${
    version === undefined ? '' : `<version>${version}</version>`
  }${extra}</dependency>`;
}

function versions(result: ReturnType<typeof extract>): string[] {
  return result.components.map((c) => `${c.name}@${c.version ?? ''}`);
}

describe('maven/pom-xml interpolation', () => {
  it('resolves nested properties and the project, pom and parent model values', () => {
    const result = extract({
      'pom.xml': project(
        `<parent><groupId>g</groupId><artifactId>p</artifactId><version>7</version><relativePath/></parent>
         <artifactId>a</artifactId><version>1.0</version>
         <properties><base>2</base><v>\${base}.\${base}</v></properties>`,
        dep('x:nested:${v}') +
          dep('x:project:${project.version}') +
          dep('x:legacy:${pom.version}') +
          dep('x:bare:${version}') +
          dep('x:parent:${project.parent.version}') +
          dep('${project.groupId}:group:1'),
      ),
    });
    assert.deepEqual(versions(result), [
      'g:group@1',
      'x:bare@1.0',
      'x:legacy@1.0',
      'x:nested@2.2',
      'x:parent@7',
      'x:project@1.0',
    ]);
    assert.deepEqual(result.root, { name: 'g:a', version: '1.0' });
  });

  it('reports undefined, self-referencing and runaway properties', () => {
    const result = extract({
      'pom.xml': project(
        `<groupId>g</groupId><artifactId>a</artifactId><version>1</version>
         <properties><loop>\${loop}</loop><a>\${b}\${b}\${b}\${b}\${b}\${b}\${b}\${b}</a><b>\${c}\${c}\${c}\${c}\${c}\${c}\${c}\${c}</b>
         <c>\${d}\${d}\${d}\${d}\${d}\${d}\${d}\${d}</c><d>0123456789</d></properties>`,
        dep('x:undefined:${nope}') + dep('x:loop:${loop}') + dep('x:big:${a}') + dep('${env.GROUP}:y:1'),
      ),
    });
    assert.deepEqual(versions(result), ['x:big@', 'x:loop@', 'x:undefined@']);
    assert.deepEqual(
      result.unresolved.map((u) => `${u.name}: ${u.reason}`),
      [
        'x:undefined: version ${nope}: property ${nope} is not defined',
        'x:loop: version ${loop}: property ${loop} refers to itself',
        'x:big: version ${a}: `${b}${b}${b}${b}${b}${b}${b}${b}` expands past 4096 characters',
        '${env.GROUP}:y: property ${env.GROUP} is not defined',
      ],
    );
  });

  it('decodes predefined entities and character references', () => {
    const result = extract({
      'pom.xml': project('', dep('x:y:1&#46;0&#x2E;1') + dep('x:z:${a}', '').replace('${a}', '2&amp;3')),
    });
    assert.deepEqual(versions(result), ['x:y@1.0.1', 'x:z@2&3']);
  });

  it('takes [1.2.3] as a pin and other ranges as unresolved', () => {
    const result = extract({ 'pom.xml': project('', dep('x:pin:[1.2.3]') + dep('x:range:(,2.0]')) });
    assert.deepEqual(versions(result), ['x:pin@1.2.3', 'x:range@']);
    assert.deepEqual(
      result.unresolved.map((u) => u.reason),
      ['version range (,2.0] is resolved by Maven at build time'],
    );
  });

  it('reports a dependency with no version and nothing that could manage it', () => {
    const result = extract({
      'pom.xml': project('', `${dep('x:y')}<dependency><artifactId>no-group</artifactId></dependency>`),
    });
    assert.deepEqual(versions(result), ['x:y@']);
    assert.deepEqual(
      result.unresolved.map((u) => [u.line, u.name, u.reason]),
      [
        [1, 'x:y', 'no <version> and no <dependencyManagement> entry for it'],
        [1, '?:no-group', 'dependency without groupId or artifactId'],
      ],
    );
  });
});

describe('maven/pom-xml parents', () => {
  const parent = (extra = '') =>
    project(
      `<groupId>g</groupId><artifactId>parent</artifactId><version>3</version><packaging>pom</packaging>
       <properties><lib.version>4.5</lib.version></properties>
       <dependencyManagement><dependencies>${dep('x:managed:${lib.version}', '<scope>test</scope>')}</dependencies></dependencyManagement>${extra}`,
    );
  const child = (parentDecl: string) =>
    project(
      `<parent>${parentDecl}</parent><artifactId>child</artifactId>`,
      dep('x:managed') + dep('x:prop:${lib.version}'),
    );
  const declared = '<groupId>g</groupId><artifactId>parent</artifactId><version>3</version>';

  it('inherits properties, managed versions and scopes, groupId and version from ../pom.xml', () => {
    const result = extract({ 'pom.xml': parent(), 'child/pom.xml': child(declared) }, 'child/pom.xml');
    assert.deepEqual(versions(result), ['x:managed@4.5', 'x:prop@4.5']);
    assert.deepEqual(
      result.components.map((c) => c.scope),
      ['dev', 'prod'],
    );
    assert.deepEqual(result.root, { name: 'g:child', version: '3' });
    assert.deepEqual(result.unresolved, []);
  });

  it('follows a relativePath to a file or a directory', () => {
    const files = {
      'build/parent/pom.xml': parent(),
      'app/pom.xml': child(`${declared}<relativePath>../build/parent</relativePath>`),
    };
    assert.deepEqual(versions(extract(files, 'app/pom.xml')), ['x:managed@4.5', 'x:prop@4.5']);
    const file = {
      'build/parent.xml': parent(),
      'pom.xml': child(`${declared}<relativePath>build/parent.xml</relativePath>`),
    };
    assert.deepEqual(versions(extract(file)), ['x:managed@4.5', 'x:prop@4.5']);
  });

  it('treats a parent it cannot use as outside the repository, saying why', () => {
    const reasons = (files: Record<string, string>, path: string) =>
      extract(files, path).unresolved.map((u) => u.reason);
    const notHere = [
      'version managed by parent g:parent:3, not in the repository',
      'version ${lib.version}: property ${lib.version} is not defined (it may come from parent g:parent:3, not in the repository)',
    ];
    // Another artifact at ../pom.xml, an empty relativePath, a path climbing out of the tree, no file.
    const other = parent().replace('<artifactId>parent</artifactId>', '<artifactId>other</artifactId>');
    assert.deepEqual(reasons({ 'pom.xml': other, 'c/pom.xml': child(declared) }, 'c/pom.xml'), notHere);
    assert.deepEqual(
      reasons({ 'pom.xml': parent(), 'c/pom.xml': child(`${declared}<relativePath/>`) }, 'c/pom.xml'),
      notHere,
    );
    assert.deepEqual(reasons({ 'pom.xml': child(declared) }, 'pom.xml'), notHere);
    assert.deepEqual(reasons({ 'c/pom.xml': child(declared) }, 'c/pom.xml'), notHere);
    assert.deepEqual(reasons({ 'pom.xml': '<project>', 'c/pom.xml': child(declared) }, 'c/pom.xml'), [
      'version managed by parent g:parent:3 (pom.xml could not be parsed), not in the repository',
      notHere[1],
    ]);
  });

  it('stops at a parent chain that loops', () => {
    const a = project(
      `<parent>${declared}<relativePath>b/pom.xml</relativePath></parent><artifactId>parent</artifactId>`,
    );
    const b = project(
      `<parent><groupId>g</groupId><artifactId>parent</artifactId><version>3</version><relativePath>../pom.xml</relativePath></parent><artifactId>parent</artifactId>`,
      dep('x:y'),
    );
    const result = extract({ 'pom.xml': a, 'b/pom.xml': b }, 'b/pom.xml');
    assert.deepEqual(
      result.unresolved.map((u) => u.reason),
      ['version managed by parent g:parent:3 (parent chain loops back to b/pom.xml), not in the repository'],
    );
  });
});

describe('maven/pom-xml malformed and hostile input', () => {
  const rejects: [string, string, string][] = [
    [
      'truncated',
      '<project>\n  <dependencies>\n    <dependency>',
      'pom.xml:3: invalid XML (the file ends inside <project><dependencies><dependency>); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'mismatched tags',
      '<project>\n<dependencies>\n</dependency>\n</project>',
      'pom.xml:3: invalid XML (expected </dependencies>, found </dependency>); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'empty file',
      '',
      'pom.xml:1: invalid XML (no document element); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'another document',
      '<settings><mirrors/></settings>',
      'pom.xml:1: not a Maven POM (document element <settings>, expected <project>); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'billion laughs',
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n]>\n<project><version>&lol2;</version></project>`,
      'pom.xml:2: DOCTYPE declarations are not allowed (entities are never expanded); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'external entity',
      '<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><project><version>&xxe;</version></project>',
      'pom.xml:1: DOCTYPE declarations are not allowed (entities are never expanded); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'deep nesting',
      `<project>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</project>`,
      'pom.xml:1: invalid XML (elements nested deeper than 100); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'an element where text belongs',
      '<project>\n<dependencies>\n<dependency><groupId><x/></groupId></dependency>\n</dependencies>\n</project>',
      'pom.xml:3: <dependencies/dependency/groupId>: Invalid input: expected string, received object; fix the XML so that `mvn validate` accepts it',
    ],
    [
      'text outside the document element',
      '<project/>\ngarbage',
      'pom.xml:2: invalid XML (text outside the document element); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'two documents',
      '<project/>\n<project/>',
      'pom.xml:2: invalid XML (more than one document element); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'an unclosed comment',
      '<project>\n<!-- <dependencies>',
      'pom.xml:2: invalid XML (unclosed comment); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'an unclosed start tag',
      '<project>\n<dependency groupId="a>',
      'pom.xml:2: invalid XML (unclosed tag <dependency>); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'a stray closing tag',
      '</project>',
      'pom.xml:1: invalid XML (closing tag </project> without an opening tag); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'a bad element name',
      '<project><1a/></project>',
      'pom.xml:1: invalid XML (bad element name "1a"); fix the XML so that `mvn validate` accepts it',
    ],
    [
      'too large',
      `<project>${' '.repeat(11 * 1024 * 1024)}</project>`,
      'pom.xml:1: file is 11 MB, over the 10 MB limit; fix the XML so that `mvn validate` accepts it',
    ],
  ];
  for (const [what, contents, message] of rejects) {
    it(`rejects ${what}`, () => {
      const error = assertRejects(extractor, 'pom.xml', contents);
      assert.equal(error.message, message);
    });
  }

  it('reads comments, CDATA, processing instructions, attributes and a byte order mark', () => {
    const result = extract({
      'pom.xml': `\uFEFF<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0" a='x>y'>
        <!-- <dependencies><dependency>commented out</dependency></dependencies> -->
        <dependencies><dependency combine.self="override"><groupId>x</groupId><artifactId><![CDATA[a&b]]></artifactId>
        <version>1<!-- c -->.0</version></dependency></dependencies></project>`,
    });
    assert.deepEqual(versions(result), ['x:a&b@1.0']);
    assert.equal(result.components[0]?.location.line, 4);
  });

  it('keeps prototype-polluting element names inert', () => {
    const result = extract({
      'pom.xml': project(
        '<properties><constructor>1</constructor><__proto__>2</__proto__></properties>',
        dep('x:y:${constructor}'),
      ),
    });
    assert.deepEqual(versions(result), ['x:y@']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reads a 10,000-dependency POM', () => {
    const deps = Array.from({ length: 10_000 }, (_, i) => dep(`org.example:artifact-${i}:1.${i}`)).join('\n');
    const result = extract({
      'pom.xml': project('<groupId>g</groupId><artifactId>big</artifactId><version>1</version>\n', deps),
    });
    assert.equal(result.components.length, 10_000);
    assert.equal(
      result.components.find((c) => c.name === 'org.example:artifact-9999')?.location.line,
      10_001,
    );
  });
});
