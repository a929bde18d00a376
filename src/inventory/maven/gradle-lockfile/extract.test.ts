import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Scope } from '../../../model/index.ts';
import { assertRejects, extractFixture, inputFor } from '../../testing.ts';
import { ScopeRule } from './configurations.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

/** name@version, scope, direct, line */
type Row = [string, Scope, boolean, number];

const cases: { fixture: string; rows: Row[] }[] = [
  {
    // Spring Boot 2.7 service, Kotlin DSL with a version catalog; lockAllConfigurations().
    fixture: 'orders/gradle.lockfile',
    rows: [
      ['ch.qos.logback:logback-classic@1.2.11', 'prod', false, 4],
      ['ch.qos.logback:logback-core@1.2.11', 'prod', false, 5],
      ['com.fasterxml.jackson.core:jackson-annotations@2.13.4', 'prod', false, 6],
      ['com.fasterxml.jackson.core:jackson-core@2.13.4', 'prod', false, 7],
      ['com.fasterxml.jackson.core:jackson-databind@2.13.4', 'prod', true, 8],
      ['com.google.code.findbugs:jsr305@3.0.2', 'prod', false, 9],
      ['com.google.guava:failureaccess@1.0.1', 'prod', false, 10],
      ['com.google.guava:guava@31.1-jre', 'prod', true, 11],
      ['com.jayway.jsonpath:json-path@2.7.0', 'dev', false, 12],
      ['com.vaadin.external.google:android-json@0.0.20131108.vaadin1', 'dev', false, 13],
      ['io.micrometer:micrometer-core@1.9.5', 'prod', false, 14],
      ['jakarta.annotation:jakarta.annotation-api@1.3.5', 'prod', false, 15],
      ['junit:junit@4.13.2', 'dev', false, 16],
      ['net.bytebuddy:byte-buddy@1.12.18', 'dev', false, 17],
      ['org.apache.logging.log4j:log4j-api@2.14.1', 'prod', true, 18],
      ['org.apache.logging.log4j:log4j-core@2.14.1', 'prod', true, 19],
      ['org.apache.logging.log4j:log4j-to-slf4j@2.17.2', 'prod', false, 20],
      ['org.apache.tomcat.embed:tomcat-embed-core@9.0.68', 'prod', false, 21],
      ['org.junit.jupiter:junit-jupiter-api@5.8.2', 'dev', false, 22],
      ['org.junit.jupiter:junit-jupiter-engine@5.8.2', 'dev', false, 23],
      ['org.mockito:mockito-core@4.5.1', 'dev', false, 24],
      ['org.postgresql:postgresql@42.3.7', 'prod', true, 25],
      // compileOnly + annotationProcessor: not on the production runtime classpath.
      ['org.projectlombok:lombok@1.18.24', 'dev', true, 26],
      ['org.slf4j:slf4j-api@1.7.36', 'prod', false, 27],
      // developmentOnly: on runtimeClasspath but not productionRuntimeClasspath.
      ['org.springframework.boot:spring-boot-devtools@2.7.5', 'dev', true, 28],
      ['org.springframework.boot:spring-boot-starter-actuator@2.7.5', 'prod', true, 29],
      ['org.springframework.boot:spring-boot-starter-test@2.7.5', 'dev', true, 30],
      ['org.springframework.boot:spring-boot-starter-web@2.7.5', 'prod', true, 31],
      ['org.springframework.boot:spring-boot@2.7.5', 'prod', false, 32],
      ['org.springframework:spring-core@5.3.23', 'prod', false, 33],
      ['org.springframework:spring-web@5.3.23', 'prod', false, 34],
      ['org.springframework:spring-webmvc@5.3.23', 'prod', false, 35],
      // In the catalog but not used by the build script.
      ['org.yaml:snakeyaml@1.30', 'prod', false, 36],
    ],
  },
  {
    fixture: 'orders/buildscript-gradle.lockfile',
    rows: [
      ['com.diffplug.spotless:com.diffplug.spotless.gradle.plugin@6.11.0', 'dev', true, 4],
      ['com.diffplug.spotless:spotless-plugin-gradle@6.11.0', 'dev', false, 5],
      [
        'io.spring.dependency-management:io.spring.dependency-management.gradle.plugin@1.0.15.RELEASE',
        'dev',
        true,
        6,
      ],
      ['io.spring.gradle:dependency-management-plugin@1.0.15.RELEASE', 'dev', false, 7],
      ['org.apache.commons:commons-compress@1.21', 'dev', false, 8],
      ['org.springframework.boot:org.springframework.boot.gradle.plugin@2.7.5', 'dev', true, 9],
      ['org.springframework.boot:spring-boot-buildpack-platform@2.7.5', 'dev', false, 10],
      ['org.springframework.boot:spring-boot-gradle-plugin@2.7.5', 'dev', false, 11],
      ['org.springframework.boot:spring-boot-loader-tools@2.7.5', 'dev', false, 12],
    ],
  },
  {
    // Gradle 4.8–5 layout: one file per configuration; the Groovy script uses strings and a map.
    fixture: 'legacy/gradle/dependency-locks/compileClasspath.lockfile',
    rows: [
      ['com.squareup.okhttp3:okhttp@3.14.9', 'prod', true, 4],
      ['com.squareup.okio:okio@1.17.2', 'prod', false, 5],
      ['javax.servlet:javax.servlet-api@3.1.0', 'prod', true, 6],
      ['org.apache.commons:commons-lang3@3.11', 'prod', false, 7],
      ['org.apache.commons:commons-text@1.9', 'prod', true, 8],
    ],
  },
  {
    fixture: 'legacy/gradle/dependency-locks/testRuntimeClasspath.lockfile',
    rows: [
      ['com.squareup.okhttp3:okhttp@3.14.9', 'dev', true, 4],
      ['com.squareup.okio:okio@1.17.2', 'dev', false, 5],
      ['junit:junit@4.12', 'dev', true, 6],
      ['org.apache.commons:commons-lang3@3.11', 'dev', false, 7],
      ['org.apache.commons:commons-text@1.9', 'dev', true, 8],
      ['org.hamcrest:hamcrest-core@1.3', 'dev', false, 9],
    ],
  },
];

describe('maven/gradle-lockfile fixtures', () => {
  for (const { fixture, rows } of cases) {
    it(fixture, () => {
      assert.ok(extractor.matches(fixture));
      const result = extractFixture(extractor, testdata, fixture);
      assert.deepEqual(
        result.components.map((c) => [`${c.name}@${c.version}`, c.scope, c.direct, c.location.line]),
        rows,
      );
      assert.ok(result.components.every((c) => c.ecosystem === 'Maven' && c.source.type === 'registry'));
      assert.ok(result.components.every((c) => c.dependencies.length === 0 && c.location.path === fixture));
      assert.deepEqual(result.unresolved, []);
      assert.equal(result.root, undefined);
    });
  }

  it('matches only Gradle lockfiles', () => {
    for (const path of [
      'gradle.lockfile',
      'app/buildscript-gradle.lockfile',
      'gradle/dependency-locks/x.lockfile',
    ]) {
      assert.ok(extractor.matches(path), path);
    }
    for (const path of [
      'settings-gradle.lockfile',
      'gradle/x.lockfile',
      'dependency-locks/x.lockfile',
      'gradle.lock',
    ]) {
      assert.ok(!extractor.matches(path), path);
    }
  });

  it('leaves direct false without a build script beside the lockfile', () => {
    const result = extractor.extract(inputFor('gradle.lockfile', 'junit:junit:4.12=testRuntimeClasspath\n'));
    assert.deepEqual(
      result.components.map((c) => [c.purl, c.scope, c.direct]),
      [['pkg:maven/junit/junit@4.12', 'dev', false]],
    );
  });
});

describe('maven/gradle-lockfile scopes', () => {
  const scope = (locked: string[], configurations: string[]) => new ScopeRule(locked).scopeOf(configurations);

  it('ships what a non-test runtime classpath holds', () => {
    assert.equal(scope(['runtimeClasspath'], ['runtimeClasspath']), 'prod');
    assert.equal(scope(['releaseRuntimeClasspath'], ['releaseRuntimeClasspath']), 'prod');
    assert.equal(scope(['jvmRuntimeClasspath'], ['jvmRuntimeClasspath']), 'prod');
  });

  it('takes test, tooling and processor configurations as dev', () => {
    for (const configuration of [
      'testRuntimeClasspath',
      'integrationTestRuntimeClasspath',
      'debugUnitTestRuntimeClasspath',
      'debugAndroidTestCompileClasspath',
      'testFixturesRuntimeClasspath',
      'annotationProcessor',
      'testAnnotationProcessor',
      'kapt',
      'kaptTest',
      'kotlinCompilerClasspath',
      'kotlinCompilerPluginClasspathMain',
      'detekt',
      'jacocoAgent',
      'classpath',
      'developmentOnly',
    ]) {
      assert.equal(scope([configuration, 'runtimeClasspath'], [configuration]), 'dev', configuration);
    }
  });

  it('takes compile-only as dev when a runtime classpath is locked, and as prod when none is', () => {
    assert.equal(scope(['compileClasspath', 'runtimeClasspath'], ['compileClasspath']), 'dev');
    assert.equal(scope(['compileClasspath', 'testRuntimeClasspath'], ['compileClasspath']), 'prod');
  });

  it('counts unknown configurations as shipped', () => {
    assert.equal(scope(['shadow', 'runtimeClasspath'], ['shadow']), 'prod');
  });

  it('lets productionRuntimeClasspath decide when it is locked', () => {
    assert.equal(scope(['productionRuntimeClasspath'], ['runtimeClasspath', 'developmentOnly']), 'dev');
    assert.equal(scope(['productionRuntimeClasspath'], ['productionRuntimeClasspath']), 'prod');
  });
});

describe('maven/gradle-lockfile malformed input', () => {
  const fix = 'regenerate it with `gradle dependencies --write-locks`';
  const rejects: [string, string, string][] = [
    [
      'gradle.lockfile',
      '# comment\ncom.example:lib=compileClasspath\n',
      `gradle.lockfile:2: expected group:artifact:version=configurations, found "com.example:lib=compileClasspath"; ${fix}`,
    ],
    [
      'gradle.lockfile',
      'junit:junit:4.12=testRuntimeClasspath\ncom.fasterxml.jackson.core:jackson-da',
      `gradle.lockfile:2: expected group:artifact:version=configurations, found "com.fasterxml.jackson.core:jackson-da"; ${fix}`,
    ],
    [
      'gradle.lockfile',
      'junit:junit:4.12\n',
      `gradle.lockfile:1: expected group:artifact:version=configurations, found "junit:junit:4.12"; ${fix}`,
    ],
    [
      'gradle/dependency-locks/compileClasspath.lockfile',
      'junit:junit:4.12=compileClasspath\n',
      `gradle/dependency-locks/compileClasspath.lockfile:1: expected group:artifact:version, found "junit:junit:4.12=compileClasspath"; ${fix}`,
    ],
    [
      'gradle.lockfile',
      `\n${'x'.repeat(5_000_000)}`,
      `gradle.lockfile:2: expected group:artifact:version=configurations, found "${'x'.repeat(57)}..."; ${fix}`,
    ],
  ];
  for (const [path, contents, message] of rejects) {
    it(`rejects ${JSON.stringify(contents.slice(0, 40))}`, () => {
      assert.equal(assertRejects(extractor, path, contents).message, message);
    });
  }

  it('accepts an empty lockfile and Windows line ends', () => {
    assert.deepEqual(extractor.extract(inputFor('gradle.lockfile', '')).components, []);
    const result = extractor.extract(
      inputFor('gradle.lockfile', '# x\r\njunit:junit:4.12=testCompileClasspath\r\nempty=\r\n'),
    );
    assert.deepEqual(
      result.components.map((c) => [c.purl, c.location.line]),
      [['pkg:maven/junit/junit@4.12', 2]],
    );
  });

  it('reads 10,000 entries', () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `org.example:artifact-${i}:1.${i}=compileClasspath,runtimeClasspath`,
    );
    const result = extractor.extract(inputFor('gradle.lockfile', lines.join('\n')));
    assert.equal(result.components.length, 10_000);
    assert.equal(
      result.components.every((c) => c.scope === 'prod'),
      true,
    );
  });
});
