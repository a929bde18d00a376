import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PalisadeError } from '../model/index.ts';
import { isInputGroup, loadBuiltinSet, mergeBundles } from '../policy/index.ts';
import { dockerfile } from './dockerfile.ts';
import { kubernetes } from './kubernetes.ts';
import { IAC_INPUTS, iacInputFor, inputsFor } from './registry.ts';
import type { IacInput } from './resource.ts';
import { terraform } from './terraform.ts';

const here = dirname(fileURLToPath(import.meta.url));
const testdata = join(here, 'testdata');

function fixtures(): string[] {
  return readdirSync(testdata, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(testdata, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/** Parsing hostile bytes must end in a result or a one-line PalisadeError naming the file. */
async function assertHandled(input: IacInput, path: string, text: string): Promise<void> {
  try {
    const result = await input.parse(path, text);
    assert.ok(Array.isArray(result.resources) && Array.isArray(result.skipped));
  } catch (error) {
    assert.ok(
      error instanceof PalisadeError,
      `${input.name} threw a non-PalisadeError on ${path}: ${String(error)}`,
    );
    assert.equal(error.code, 'input');
    assert.ok(
      error.message.startsWith(`${path}:`),
      `${input.name}: message must name ${path}: ${error.message}`,
    );
    assert.ok(!error.message.includes('\n'), `${input.name}: message must be one line`);
  }
}

describe('IaC input registry', () => {
  it('lists every input once, in order, under its own name', () => {
    assert.deepEqual(IAC_INPUTS, [kubernetes, dockerfile, terraform]);
    assert.deepEqual(
      IAC_INPUTS.map((i) => [i.name, i.version]),
      [
        ['kubernetes', 1],
        ['dockerfile', 2],
        ['terraform', 2],
      ],
    );
  });

  it('gives each input outside Kubernetes its own input group, the one its resources carry', async () => {
    for (const input of IAC_INPUTS.filter((i) => i.apiGroup !== undefined)) {
      assert.ok(isInputGroup(input.apiGroup ?? ''), input.name);
      const path = fixtures().find((f) => input.matches(f)) ?? '';
      const { resources } = await input.parse(path, readFileSync(join(testdata, path), 'utf8'));
      assert.ok(resources.length > 0 && resources.every((r) => r.api?.group === input.apiGroup), input.name);
    }
    assert.equal(new Set(IAC_INPUTS.map((i) => i.apiGroup)).size, IAC_INPUTS.length);
  });

  it('reads only the inputs that some policy of a bundle can match', () => {
    const names = (...sets: string[]) =>
      inputsFor(mergeBundles(...sets.map((s) => loadBuiltinSet(s)))).map((i) => i.name);
    assert.deepEqual(names('dockerfile'), ['dockerfile']);
    assert.deepEqual(names('terraform', 'dockerfile'), ['dockerfile', 'terraform']);
    assert.deepEqual(names('pss-baseline'), ['kubernetes']);
    assert.deepEqual(names('rbac', 'terraform-gcp'), ['kubernetes', 'terraform']);
    assert.deepEqual(names(), []);
  });

  it('gives every fixture to at most one input, and every input its fixtures', () => {
    const owners = fixtures().map((f) => ({
      f,
      names: IAC_INPUTS.filter((i) => i.matches(f)).map((i) => i.name),
    }));
    assert.ok(
      owners.every(({ names }) => names.length <= 1),
      JSON.stringify(owners),
    );
    for (const input of IAC_INPUTS) {
      assert.ok(
        owners.some(({ names }) => names.includes(input.name)),
        `${input.name} matches no fixture`,
      );
    }
    assert.equal(iacInputFor('deploy/Dockerfile'), dockerfile);
    assert.equal(iacInputFor('README.md'), undefined);
  });
});

describe('every IaC input survives hostile input', () => {
  for (const input of IAC_INPUTS) {
    it(input.name, async () => {
      for (const path of fixtures().filter((f) => input.matches(f))) {
        const text = readFileSync(join(testdata, path), 'utf8');
        for (const cut of [1, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1]) {
          await assertHandled(input, path, text.slice(0, cut));
        }
        await assertHandled(input, path, '');
        await assertHandled(input, path, '\u0000\u0001\uFFFD\u00ff'.repeat(1000));
        await assertHandled(input, path, '['.repeat(100_000));
        await assertHandled(input, path, '{"a":'.repeat(10_000));
        await assertHandled(input, path, 'x'.repeat(5_000_000));
      }
    });
  }

  it('keeps fixtures relative to testdata', () => {
    assert.ok(fixtures().every((f) => !f.startsWith('/') && relative(testdata, join(testdata, f)) === f));
  });
});
