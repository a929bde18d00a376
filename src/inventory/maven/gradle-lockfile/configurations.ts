import type { Scope } from '../../../model/index.ts';

/**
 * Configurations whose dependencies never ship: tests (`test…`, `…Test…`, test fixtures), Spring
 * Boot's `developmentOnly`, annotation and symbol processors, and build tools that lock their own
 * classpath (the buildscript `classpath`, Kotlin compiler classpaths, linters, coverage, docs, JMH).
 */
const DEV =
  /^(?:test|developmentOnly|classpath|annotationProcessor|kapt|ksp|detekt|ktlint|checkstyle|pmd|spotbugs|jacoco|errorprone|lint|jmh|dokka|kotlinCompiler|kotlinNative|kotlinKlib|kotlinScript|kotlinBuildTools)|Test|AnnotationProcessor|Kapt|Ksp|PluginClasspath/;
const RUNTIME = /(?:^r|R)untimeClasspath$/;
const COMPILE = /(?:^c|C)ompileClasspath$/;
/** Spring Boot's classpath of the packaged application: when locked, it alone decides. */
const PRODUCTION = 'productionRuntimeClasspath';

type Kind = 'dev' | 'runtime' | 'compile' | 'other';

function kindOf(configuration: string): Kind {
  if (DEV.test(configuration)) return 'dev';
  if (RUNTIME.test(configuration)) return 'runtime';
  if (COMPILE.test(configuration)) return 'compile';
  return 'other';
}

/**
 * Decides prod or dev from the configurations that hold a dependency, knowing every configuration the
 * file locks (including `empty=` ones). What a non-test runtime classpath holds ships. A dependency only
 * on compile classpaths is compile-only (Lombok, provided APIs) when the file also locks a runtime
 * classpath, and counts as shipped when it locks none (a lockfile of compileClasspath alone). Unknown
 * configurations count as shipped, so nothing vulnerable is hidden as dev by a guess.
 */
export class ScopeRule {
  private readonly production: boolean;
  private readonly locksRuntime: boolean;

  constructor(lockedConfigurations: Iterable<string>) {
    const locked = [...lockedConfigurations];
    this.production = locked.includes(PRODUCTION);
    this.locksRuntime = locked.some((c) => kindOf(c) === 'runtime');
  }

  scopeOf(configurations: readonly string[]): Scope {
    if (this.production) return configurations.includes(PRODUCTION) ? 'prod' : 'dev';
    const kinds = new Set(configurations.map(kindOf));
    if (kinds.has('runtime') || kinds.has('other')) return 'prod';
    if (kinds.has('compile') && !this.locksRuntime) return 'prod';
    return 'dev';
  }
}
