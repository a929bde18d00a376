// Builds the advisory-store benchmark fixture: the real OSV exports in src/advisories/testdata plus
// synthetic records of the same shape (real records with new ids and package names) up to `total`,
// and 10,000 components of which about a fifth are affected.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOsvZip } from '../src/advisories/osv-archive.ts';
import { StoreBuilder } from '../src/advisories/store/builder.ts';
import { type Component, ECOSYSTEMS, type Ecosystem, makePurl, type OsvRecord } from '../src/model/index.ts';

const testdata = join(import.meta.dirname, '../src/advisories/testdata/osv');

export async function buildAdvisoryFixture(
  root: string,
  total: number,
): Promise<{ records: number; componentsFile: string }> {
  const real: OsvRecord[] = [];
  for (const zip of ['Go-all.zip', 'PyPI-all.zip', 'crates.io-all.zip']) {
    await readOsvZip(readFileSync(join(testdata, zip)), zip, (r) => real.push(r));
  }
  for (const file of readdirSync(join(testdata, 'npm')))
    real.push(JSON.parse(readFileSync(join(testdata, 'npm', file), 'utf8')));
  const builder = new StoreBuilder(root);
  for (const record of real) builder.add(record);
  for (let i = 0; builder.count < total; i++) builder.add(synthetic(real[i % real.length]!, i));
  builder.commit(() => ({ source: 'benchmark fixture', updatedAt: new Date().toISOString() }));
  const componentsFile = join(root, 'components.json');
  writeFileSync(componentsFile, JSON.stringify(components(real, 10_000)));
  return { records: builder.count, componentsFile };
}

function synthetic(record: OsvRecord, i: number): OsvRecord {
  return {
    ...record,
    id: `SYN-${i}`,
    aliases: [],
    affected: (record.affected ?? []).map((a) =>
      a.package ? { ...a, package: { ...a.package, name: `${a.package.name}-syn${i % 9000}` } } : a,
    ),
  };
}

/** Components named like real affected packages (at an introduced version: a hit) or not (a miss). */
function components(real: OsvRecord[], count: number): Component[] {
  const out: Component[] = [];
  for (let i = 0; out.length < count; i++) {
    const record = real[(i * 7919) % real.length]!;
    const affected = record.affected?.[0];
    if (!affected?.package) continue;
    const ecosystem = affected.package.ecosystem.split(':')[0] as Ecosystem;
    if (!ECOSYSTEMS.includes(ecosystem)) continue;
    const introduced = affected.ranges?.[0]?.events.find(
      (e) => e.introduced && e.introduced !== '0',
    )?.introduced;
    const hit = i % 5 === 0 && introduced !== undefined;
    const name = hit ? affected.package.name : `${affected.package.name}-unaffected-${i}`;
    const version = hit ? introduced! : '1.0.0';
    out.push({
      purl: makePurl(ecosystem, name, version),
      ecosystem,
      name,
      version: ecosystem === 'Go' && !version.startsWith('v') ? `v${version}` : version,
      scope: 'prod',
      direct: true,
      licenses: [],
      location: { path: 'bench.lock', line: i + 1 },
      source: { type: 'registry' },
      dependencies: [],
    });
  }
  return out;
}
