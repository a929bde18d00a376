/** Reads a file of the analysed tree by its posix path relative to the project root; undefined when absent. */
export type ReadFile = (path: string) => string | undefined;

/** One step of an import chain: a file and the 1-based line of the import that leads on. */
export interface ImportStep {
  path: string;
  line: number;
}

/** Where a package's export is used: `_.template(…)` at src/report.js:12 is `{ name: 'template', … }`. */
export interface NameSite extends ImportStep {
  name: string;
}

/**
 * What the analysis knows about one npm package (one installed copy when node_modules is there).
 * Packages the analysis never met are absent: not imported by any module reachable from the
 * entry points.
 */
export interface PackageReach {
  name: string;
  /** The installed version, when the import resolved into node_modules. */
  version?: string;
  /**
   * `imported`: a module reachable from an entry point loads it. `unknown`: nothing imports it
   * statically, but a non-literal import, a name in a string or a package whose code could not
   * be read may load it.
   */
  status: 'imported' | 'unknown';
  /** For `imported`: entry point → … → the import of the package, file:line by file:line. */
  chain: ImportStep[];
  /** Its code was read and its own imports followed (false when not installed). */
  followed: boolean;
  /** Exports and members the importers use, first site of each; `default` is the module called itself. */
  names: NameSite[];
  /** Some importer uses the module as a value (passes it on, re-exports it whole), so `names` may be incomplete. */
  opaque: boolean;
  /** For `unknown`: why, in words (paths relative to the project). */
  reason?: string;
  /** For `unknown`: the site that may load it, and the package it is a dependency of when it is one. */
  cause?: { kind: DynamicSite['kind'] | 'string'; site: ImportStep; via?: string };
}

/** A module the analysis reached, with the imports it resolved. */
export interface ModuleNode {
  path: string;
  /** The npm package the file belongs to; absent for the project's own code. */
  package?: string;
  imports: Array<{ specifier: string; line: number; target?: string }>;
}

/** An import or require whose argument is not a literal: it may load any module in its scope. */
export interface DynamicSite extends ImportStep {
  /** `unparsed`: a file that could not be parsed, which may load anything. */
  kind: 'import' | 'require' | 'unparsed';
  /** The package whose code holds it; absent for the project's own code. */
  package?: string;
  /** The literal start of the argument, when it has one (`./locales/` in `./locales/${lang}`). */
  prefix?: string;
}

export interface JsReachability {
  ecosystem: 'npm';
  /** The project directory, relative to the scan root ('' for the root itself). */
  root: string;
  /** Entry points, relative to the project root. */
  entryPoints: string[];
  /** True when the manifest named none and every non-test source file counts as one. */
  entryPointsInferred: boolean;
  /** At least one import resolved into an installed node_modules package. */
  nodeModules: boolean;
  modules: ModuleNode[];
  packages: PackageReach[];
  dynamic: DynamicSite[];
  /** Files that could not be read or parsed completely. */
  problems: string[];
}

/** A Python import of a top-level module name, at its first site. */
export interface PythonImport extends ImportStep {
  /** The dotted module path as written (`google.cloud.storage`). */
  module: string;
  /** Made by test code only (tests/, test_*.py, conftest.py…). */
  test: boolean;
}

export interface PythonReachability {
  ecosystem: 'PyPI';
  root: string;
  files: number;
  /** First production site of every imported module, then first test-only site of the others; sorted. */
  imports: PythonImport[];
  /** `importlib.import_module(name)` / `__import__(name)` with a non-literal name in production code. */
  dynamic: ImportStep[];
  problems: string[];
}

export type ReachabilityAnalysis = JsReachability | PythonReachability;
