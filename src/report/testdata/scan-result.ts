// A hand-built scan of a small monorepo: an npm web app with a workspace package, a Maven
// service, a Go worker and a Python job. It covers what the SBOM writers must map: scoped npm
// names, Maven groupIds, Go module paths, PyPI, git/path/url sources, a component without a
// version, one purl found in two lockfiles, and license ids, expressions and LicenseRefs.
import {
  type Component,
  type ComponentSource,
  type Ecosystem,
  makePurl,
  type ScanResult,
  type Scope,
} from '../../model/index.ts';

interface Entry {
  ecosystem: Ecosystem;
  name: string;
  version?: string;
  scope?: Scope;
  direct?: boolean;
  licenses?: string[];
  path: string;
  line: number;
  source?: ComponentSource;
  qualifiers?: Record<string, string>;
  /** `name@version` (or bare name) of dependencies of the same ecosystem. */
  deps?: string[];
}

const LEFT_PAD_GIT = 'git+https://github.com/left-pad/left-pad.git';
const LEFT_PAD_REF = '5c9e4b2a6f1c3d7e8b9a0f1e2d3c4b5a69788796';
const MYLIB_URL = 'https://downloads.example.com/mylib/mylib-1.0.tar.gz';

const ENTRIES: Entry[] = [
  // package-lock.json of the web app
  {
    ecosystem: 'npm',
    name: '@babel/core',
    version: '7.24.5',
    direct: true,
    licenses: ['MIT'],
    path: 'package-lock.json',
    line: 24,
    // @babel/helper-missing is not in the lockfile: the edge must be dropped.
    deps: ['debug@4.3.4', 'semver@6.3.1', '@babel/helper-missing@7.24.5'],
  },
  { ecosystem: 'npm', name: 'debug', version: '4.3.4', licenses: ['MIT'], path: 'package-lock.json', line: 118, deps: ['ms@2.1.2'] },
  { ecosystem: 'npm', name: 'ms', version: '2.1.2', licenses: ['MIT'], path: 'package-lock.json', line: 142 },
  { ecosystem: 'npm', name: 'semver', version: '6.3.1', licenses: ['ISC'], path: 'package-lock.json', line: 160 },
  {
    ecosystem: 'npm',
    name: 'typescript',
    version: '5.4.5',
    scope: 'dev',
    direct: true,
    licenses: ['Apache-2.0'],
    path: 'package-lock.json',
    line: 201,
  },
  {
    ecosystem: 'npm',
    name: 'fsevents',
    version: '2.3.3',
    scope: 'optional',
    direct: true,
    licenses: ['MIT'],
    path: 'package-lock.json',
    line: 95,
  },
  {
    ecosystem: 'npm',
    name: 'left-pad',
    version: '1.3.0',
    direct: true,
    licenses: ['WTFPL'],
    path: 'package-lock.json',
    line: 130,
    source: { type: 'git', url: LEFT_PAD_GIT, ref: LEFT_PAD_REF },
    qualifiers: { vcs_url: `${LEFT_PAD_GIT}#${LEFT_PAD_REF}` },
  },
  {
    ecosystem: 'npm',
    name: '@acme/ui',
    direct: true,
    licenses: ['LicenseRef-Acme-Proprietary'],
    path: 'package-lock.json',
    line: 12,
    source: { type: 'path', path: 'packages/ui', link: true },
    deps: ['debug@4.3.4'],
  },
  // packages/ui/package-lock.json: debug again, direct here, with an edge the root lockfile lacks
  {
    ecosystem: 'npm',
    name: 'debug',
    version: '4.3.4',
    scope: 'dev',
    direct: true,
    licenses: ['MIT'],
    path: 'packages/ui/package-lock.json',
    line: 31,
    deps: ['ms@2.1.2', 'supports-color@7.2.0'],
  },
  { ecosystem: 'npm', name: 'ms', version: '2.1.2', scope: 'dev', licenses: ['MIT'], path: 'packages/ui/package-lock.json', line: 52 },
  {
    ecosystem: 'npm',
    name: 'supports-color',
    version: '7.2.0',
    scope: 'optional',
    licenses: ['MIT'],
    path: 'packages/ui/package-lock.json',
    line: 60,
  },
  // services/api/pom.xml
  {
    ecosystem: 'Maven',
    name: 'org.apache.commons:commons-lang3',
    version: '3.14.0',
    direct: true,
    licenses: ['Apache-2.0'],
    path: 'services/api/pom.xml',
    line: 41,
  },
  {
    ecosystem: 'Maven',
    name: 'com.fasterxml.jackson.core:jackson-databind',
    version: '2.17.0',
    direct: true,
    licenses: ['Apache-2.0'],
    path: 'services/api/pom.xml',
    line: 46,
    deps: ['com.fasterxml.jackson.core:jackson-core@2.17.0'],
  },
  {
    ecosystem: 'Maven',
    name: 'com.fasterxml.jackson.core:jackson-core',
    version: '2.17.0',
    licenses: ['Apache-2.0'],
    path: 'services/api/pom.xml',
    line: 46,
  },
  {
    ecosystem: 'Maven',
    name: 'junit:junit',
    version: '4.13.2',
    scope: 'dev',
    direct: true,
    licenses: ['EPL-1.0'],
    path: 'services/api/pom.xml',
    line: 52,
    deps: ['org.hamcrest:hamcrest-core@1.3'],
  },
  {
    ecosystem: 'Maven',
    name: 'org.hamcrest:hamcrest-core',
    version: '1.3',
    scope: 'dev',
    licenses: ['BSD-3-Clause'],
    path: 'services/api/pom.xml',
    line: 52,
  },
  // services/worker/go.mod
  {
    ecosystem: 'Go',
    name: 'github.com/spf13/cobra',
    version: 'v1.8.0',
    direct: true,
    path: 'services/worker/go.mod',
    line: 6,
    deps: ['github.com/spf13/pflag@v1.0.5'],
  },
  { ecosystem: 'Go', name: 'github.com/spf13/pflag', version: 'v1.0.5', path: 'services/worker/go.mod', line: 11 },
  { ecosystem: 'Go', name: 'golang.org/x/sys', version: 'v0.20.0', path: 'services/worker/go.mod', line: 12 },
  // services/ml/requirements.txt
  {
    ecosystem: 'PyPI',
    name: 'requests',
    version: '2.31.0',
    direct: true,
    licenses: ['Apache-2.0'],
    path: 'services/ml/requirements.txt',
    line: 3,
  },
  { ecosystem: 'PyPI', name: 'urllib3', direct: true, path: 'services/ml/requirements.txt', line: 4 },
  {
    ecosystem: 'PyPI',
    name: 'cryptography',
    version: '42.0.5',
    direct: true,
    licenses: ['Apache-2.0 OR BSD-3-Clause'],
    path: 'services/ml/requirements.txt',
    line: 5,
  },
  {
    ecosystem: 'PyPI',
    name: 'python-dateutil',
    version: '2.9.0',
    direct: true,
    licenses: ['Apache-2.0', 'BSD-3-Clause'],
    path: 'services/ml/requirements.txt',
    line: 6,
  },
  {
    ecosystem: 'PyPI',
    name: 'mylib',
    version: '1.0',
    direct: true,
    licenses: ['BSD-3-Clause', 'LicenseRef-Mylib-Custom'],
    path: 'services/ml/requirements.txt',
    line: 8,
    source: { type: 'url', url: MYLIB_URL },
    qualifiers: { download_url: MYLIB_URL },
  },
];

function purlOf(entry: Entry): string {
  return makePurl(entry.ecosystem, entry.name, entry.version, entry.qualifiers);
}

function depPurl(ecosystem: Ecosystem, ref: string): string {
  const at = ref.lastIndexOf('@');
  return at > 0 ? makePurl(ecosystem, ref.slice(0, at), ref.slice(at + 1)) : makePurl(ecosystem, ref);
}

function toComponent(entry: Entry): Component {
  const component: Component = {
    purl: purlOf(entry),
    ecosystem: entry.ecosystem,
    name: entry.name,
    scope: entry.scope ?? 'prod',
    direct: entry.direct ?? false,
    licenses: entry.licenses ?? [],
    location: { path: entry.path, line: entry.line },
    source: entry.source ?? { type: 'registry' },
    dependencies: (entry.deps ?? []).map((d) => depPurl(entry.ecosystem, d)).sort(),
  };
  if (entry.version !== undefined) component.version = entry.version;
  return component;
}

export function scanResult(): ScanResult {
  const components = ENTRIES.map(toComponent);
  const paths = [...new Set(ENTRIES.map((e) => e.path))].sort();
  return {
    schemaVersion: 1,
    target: 'shop',
    components,
    findings: [],
    decisions: [],
    coverage: {
      files: paths.map((path) => ({
        path,
        type: 'test/fixture',
        status: 'parsed',
        components: components.filter((c) => c.location.path === path).length,
      })),
      unresolved: [],
    },
    projects: [
      { path: 'package-lock.json', name: 'shop-web', version: '1.0.0' },
      { path: 'packages/ui/package-lock.json', name: '@acme/ui', version: '0.0.0' },
      { path: 'services/worker/go.mod', name: 'example.com/shop/worker' },
    ],
  };
}
