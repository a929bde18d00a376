import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../extractor.ts';
import { assertRejects, extractFixture, inputFor, nameVersions } from '../../testing.ts';
import { extractor } from './index.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

function component(result: ExtractResult, name: string, version?: string) {
  const found = result.components.filter(
    (c) => c.name === name && (version === undefined || c.version === version),
  );
  assert.equal(found.length, 1, `expected one ${name}@${version ?? '*'}`);
  return found[0]!;
}

/** An oracle independent of the TOML parser: name, version and source of every [[package]] block. */
function packagesByLineScan(text: string): { name: string; version: string; local: boolean }[] {
  return text
    .split('[[package]]')
    .slice(1)
    .map((block) => ({
      name: /^name = "(.*)"$/m.exec(block)?.[1] ?? '',
      version: /^version = "(.*)"$/m.exec(block)?.[1] ?? '',
      local: !/^source = /m.test(block),
    }));
}

describe('cargo/cargo-lock', () => {
  it('matches Cargo.lock only', () => {
    assert.equal(extractor.matches('Cargo.lock'), true);
    assert.equal(extractor.matches('crates/x/Cargo.lock'), true);
    assert.equal(extractor.matches('Cargo.toml'), false);
    assert.equal(extractor.matches('cargo.lock'), false);
  });

  describe('v3 lockfile of a CLI workspace', () => {
    const fixture = 'cli-v3/Cargo.lock';
    const result = extractFixture(extractor, testdata, fixture);

    it('yields every crate with a source, and no workspace crate', () => {
      const expected = packagesByLineScan(readFileSync(join(testdata, fixture), 'utf8'))
        .filter((p) => !p.local)
        .map((p) => `${p.name}@${p.version}`)
        .sort();
      assert.equal(expected.length, 109);
      assert.deepEqual(nameVersions(result), expected);
      assert.ok(!result.components.some((c) => c.name === 'mycli' || c.name === 'mycli-core'));
      assert.ok(nameVersions(result).includes('tokio@1.8.0'));
    });

    it('marks the dependencies of workspace crates direct', () => {
      const direct = result.components.filter((c) => c.direct).map((c) => c.name);
      assert.deepEqual(direct.sort(), [
        'anyhow',
        'clap',
        'indicatif',
        'regex',
        'reqwest',
        'serde',
        'serde_json',
        'thiserror',
        'tokio',
        'tracing',
        'tracing-subscriber',
      ]);
    });

    it('names the root from the sibling Cargo.toml', () => {
      assert.deepEqual(result.root, { name: 'mycli', version: '0.3.0' });
    });

    it('resolves "name version" dependencies to the right duplicate', () => {
      assert.deepEqual(component(result, 'clap').dependencies, [
        'pkg:cargo/ansi_term@0.11.0',
        'pkg:cargo/atty@0.2.14',
        'pkg:cargo/bitflags@1.2.1',
        'pkg:cargo/strsim@0.8.0',
        'pkg:cargo/textwrap@0.11.0',
        'pkg:cargo/unicode-width@0.1.8',
        'pkg:cargo/vec_map@0.8.2',
      ]);
      assert.ok(component(result, 'tracing-subscriber').dependencies.includes('pkg:cargo/ansi_term@0.12.1'));
      assert.deepEqual(component(result, 'tokio').dependencies, [
        'pkg:cargo/autocfg@1.0.1',
        'pkg:cargo/bytes@1.0.1',
        'pkg:cargo/libc@0.2.97',
        'pkg:cargo/memchr@2.4.0',
        'pkg:cargo/mio@0.7.13',
        'pkg:cargo/num_cpus@1.13.0',
        'pkg:cargo/once_cell@1.8.0',
        'pkg:cargo/pin-project-lite@0.2.7',
        'pkg:cargo/signal-hook-registry@1.4.0',
        'pkg:cargo/tokio-macros@1.2.0',
        'pkg:cargo/winapi@0.3.9',
      ]);
    });

    it('records git crates with their commit', () => {
      const indicatif = component(result, 'indicatif');
      assert.deepEqual(indicatif.source, {
        type: 'git',
        url: 'https://github.com/console-rs/indicatif',
        ref: '6a3c1e0d7b2f0b9b5d3c8e7a1f4b2c9d0e8f7a6b',
      });
      assert.equal(
        indicatif.purl,
        'pkg:cargo/indicatif@0.17.0-beta.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fconsole-rs%2Findicatif%406a3c1e0d7b2f0b9b5d3c8e7a1f4b2c9d0e8f7a6b',
      );
      assert.ok(indicatif.dependencies.includes('pkg:cargo/console@0.14.1'));
      assert.deepEqual(component(result, 'tokio').source, { type: 'registry' });
    });

    it('locates each crate at its [[package]] header', () => {
      assert.equal(component(result, 'ansi_term', '0.11.0').location.line, 14);
      assert.equal(component(result, 'ansi_term', '0.12.1').location.line, 23);
      assert.equal(component(result, 'clap').location.line, 91);
      assert.equal(component(result, 'tokio').location.line, 753);
      for (const c of result.components) {
        assert.equal(c.scope, 'prod');
        assert.equal(c.ecosystem, 'crates.io');
      }
    });
  });

  it('reads v1 with [metadata] checksums and "name version (source)" dependencies', () => {
    const result = extractFixture(extractor, testdata, 'v1/Cargo.lock');
    assert.deepEqual(nameVersions(result), [
      'c2-chacha@0.2.3',
      'cfg-if@0.1.10',
      'getrandom@0.1.14',
      'libc@0.2.66',
      'maybe-uninit@2.0.0',
      'ppv-lite86@0.2.6',
      'rand@0.7.3',
      'rand_chacha@0.2.1',
      'rand_core@0.5.1',
      'rand_hc@0.2.0',
      'smallvec@0.6.13',
      'wasi@0.9.0+wasi-snapshot-preview1',
    ]);
    assert.deepEqual(
      result.components.filter((c) => c.direct).map((c) => c.name),
      ['rand', 'smallvec'],
    );
    assert.deepEqual(component(result, 'getrandom').dependencies, [
      'pkg:cargo/cfg-if@0.1.10',
      'pkg:cargo/libc@0.2.66',
      'pkg:cargo/wasi@0.9.0+wasi-snapshot-preview1',
    ]);
    assert.equal(result.root, undefined, 'two path crates and no Cargo.toml: no single root');
  });

  it('reads v2 (no version marker) and takes the only local crate as root', () => {
    const result = extractFixture(extractor, testdata, 'v2/Cargo.lock');
    assert.deepEqual(nameVersions(result), [
      'base64@0.12.3',
      'base64@0.13.0',
      'hex@0.4.2',
      'jsonwebtoken@7.2.0',
      'once_cell@1.5.2',
      'pem@0.8.2',
      'regex@1.3.9',
      'serde@1.0.118',
    ]);
    assert.deepEqual(result.root, { name: 'token-service', version: '1.4.0' });
    assert.deepEqual(component(result, 'jsonwebtoken').dependencies, [
      'pkg:cargo/base64@0.12.3',
      'pkg:cargo/pem@0.8.2',
      'pkg:cargo/serde@1.0.118',
    ]);
    assert.ok(component(result, 'pem').dependencies.includes('pkg:cargo/base64@0.13.0'));
  });

  it('reads v4 with sparse, alternative-registry and git sources', () => {
    const result = extractFixture(extractor, testdata, 'v4/Cargo.lock');
    const purls = result.components.map((c) => c.purl);
    const gitBytes =
      'pkg:cargo/bytes@1.7.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Ftokio-rs%2Fbytes%403c5ce4ef8e0a1ec6c57c8a24e66f9e7a2e1c4b55';
    const proxyProtocol =
      'pkg:cargo/proxy-protocol@0.5.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fproxy-protocol%400d5f8a7e6b4c3a2918f7e6d5c4b3a29180f7e6d5';
    const metrics =
      'pkg:cargo/internal-metrics@2.1.0?repository_url=https%3A%2F%2Fcargo.acme.example%2Fapi%2Fv1%2Fcrates%2F';
    assert.deepEqual(purls, [
      'pkg:cargo/bytes@1.7.1',
      gitBytes,
      metrics,
      'pkg:cargo/pin-project-lite@0.2.14',
      proxyProtocol,
      'pkg:cargo/tokio@1.38.0',
    ]);
    const byPurl = new Map(result.components.map((c) => [c.purl, c]));
    assert.deepEqual(
      result.components.filter((c) => c.direct).map((c) => c.purl),
      [gitBytes, metrics, proxyProtocol, 'pkg:cargo/tokio@1.38.0'],
    );
    assert.deepEqual(byPurl.get(proxyProtocol)?.source, {
      type: 'git',
      url: 'https://github.com/acme/proxy-protocol',
      ref: '0d5f8a7e6b4c3a2918f7e6d5c4b3a29180f7e6d5',
    });
    assert.deepEqual(byPurl.get(proxyProtocol)?.dependencies, ['pkg:cargo/bytes@1.7.1']);
    assert.deepEqual(byPurl.get(metrics)?.source, { type: 'registry' });
    assert.deepEqual(
      result.components.map((c) => c.location.line),
      [5, 11, 26, 32, 38, 46],
    );
    assert.deepEqual(result.root, { name: 'edge-proxy', version: '0.9.0' });
  });

  it('treats the pre-2017 [root] table as the project', () => {
    const text = [
      '[root]',
      'name = "old"',
      'version = "0.1.0"',
      'dependencies = [',
      ' "libc 0.2.20 (registry+https://github.com/rust-lang/crates.io-index)",',
      ']',
      '',
      '[[package]]',
      'name = "libc"',
      'version = "0.2.20"',
      `source = "${CRATES_IO}"`,
    ].join('\n');
    const result = extractor.extract(inputFor('Cargo.lock', text));
    assert.deepEqual(nameVersions(result), ['libc@0.2.20']);
    assert.equal(result.components[0]?.direct, true);
    assert.equal(result.components[0]?.location.line, 8);
    assert.deepEqual(result.root, { name: 'old', version: '0.1.0' });
  });

  const malformed: { name: string; text: string; message: string }[] = [
    {
      name: 'empty file',
      text: '',
      message:
        'Cargo.lock:1: no [[package]] entries, so this is not a Cargo.lock; fix it or regenerate it with `cargo generate-lockfile`',
    },
    {
      name: 'truncated string',
      text: 'version = 3\n\n[[package]]\nname = "serde"\nversion = "1.0',
      message:
        'Cargo.lock:5: invalid TOML (unfinished string); fix it or regenerate it with `cargo generate-lockfile`',
    },
    {
      name: 'package without version',
      text: 'version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n\n[[package]]\nname = "serde"\n',
      message:
        'Cargo.lock:7: [[package]] #2 field "version": Invalid input: expected string, received undefined; fix it or regenerate it with `cargo generate-lockfile`',
    },
    {
      name: 'dependency on a package cut off the end',
      text: `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "serde",\n]\n`,
      message:
        'Cargo.lock:3: dependency "serde" is not a locked package; fix it or regenerate it with `cargo generate-lockfile`',
    },
    {
      name: 'ambiguous dependency',
      text: [
        '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["log"]',
        `[[package]]\nname = "log"\nversion = "0.3.9"\nsource = "${CRATES_IO}"`,
        `[[package]]\nname = "log"\nversion = "0.4.14"\nsource = "${CRATES_IO}"`,
      ].join('\n\n'),
      message:
        'Cargo.lock:1: dependency "log" matches several locked packages; fix it or regenerate it with `cargo generate-lockfile`',
    },
    {
      name: 'package as a table, not an array of tables',
      text: '[package]\nname = "a"\nversion = "1"\n',
      message:
        'Cargo.lock:1: package: Invalid input: expected array, received object; fix it or regenerate it with `cargo generate-lockfile`',
    },
  ];
  for (const m of malformed) {
    it(`rejects ${m.name}`, () => {
      assert.equal(assertRejects(extractor, 'Cargo.lock', m.text).message, m.message);
    });
  }
});
