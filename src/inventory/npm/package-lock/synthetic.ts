/**
 * A package-lock.json of `count` packages shaped like npm writes them (resolved, integrity,
 * license, four dependencies each, a third dev-only, one in seven with a nested copy of another
 * version), for scale tests and benchmarks. Every requirement resolves: the nested copy where one
 * is installed, else the top-level package.
 */
export function syntheticLockfile(count: number, lockfileVersion: 1 | 3 = 3): string {
  const topLevel = Math.ceil((count * 7) / 8);
  const names = Array.from({ length: topLevel }, (_, i) =>
    i % 7 === 0 ? `@scope${i % 13}/pkg-${i}` : `pkg-${i}`,
  );
  const entries: [string[], Entry][] = [];
  for (let i = 0; i < topLevel && entries.length < count; i++) {
    const name = names[i]!;
    const requires: Record<string, string> = {};
    for (let j = 1; j <= 4; j++) requires[names[(i * 31 + j * 17) % topLevel]!] = '^1.0.0';
    entries.push([[name], entry(name, `1.${i % 10}.${i % 3}`, i % 3 === 0, requires)]);
    if (i % 7 === 1 && entries.length < count) {
      const nested = names[(i * 31 + 17) % topLevel]!;
      entries.push([[name, nested], entry(nested, '0.9.0', i % 3 === 0, {})]);
    }
  }
  const root = { name: 'synthetic', version: '1.0.0' };
  const declared = Object.fromEntries(names.slice(0, 200).map((n) => [n, '^1.0.0']));
  if (lockfileVersion === 3) {
    const packages: Record<string, unknown> = { '': { ...root, dependencies: declared } };
    for (const [path, e] of entries) packages[path.map((p) => `node_modules/${p}`).join('/')] = e;
    return `${JSON.stringify({ ...root, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
  }
  const dependencies: Record<string, LegacyEntry> = {};
  for (const [path, e] of entries) {
    const { license: _, dependencies: requires, ...rest } = e;
    const legacy: LegacyEntry = Object.keys(requires).length > 0 ? { ...rest, requires } : rest;
    const [top, nested] = path as [string, string?];
    if (nested === undefined) {
      dependencies[top] = legacy;
    } else {
      const parent = dependencies[top]!;
      parent.dependencies = { ...parent.dependencies, [nested]: legacy };
    }
  }
  return `${JSON.stringify({ ...root, lockfileVersion: 1, requires: true, dependencies }, null, 2)}\n`;
}

interface Entry {
  version: string;
  resolved: string;
  integrity: string;
  dev?: boolean;
  license: string;
  dependencies: Record<string, string>;
}

interface LegacyEntry extends Omit<Entry, 'license' | 'dependencies'> {
  requires?: Record<string, string>;
  dependencies?: Record<string, LegacyEntry>;
}

function entry(name: string, version: string, dev: boolean, dependencies: Record<string, string>): Entry {
  const file = `${name.slice(name.lastIndexOf('/') + 1)}-${version}.tgz`;
  return {
    version,
    resolved: `https://registry.npmjs.org/${name}/-/${file}`,
    integrity: `sha512-${Buffer.from(`${name}@${version}`).toString('base64').padEnd(86, 'A')}==`,
    ...(dev ? { dev: true } : {}),
    license: 'MIT',
    dependencies,
  };
}
