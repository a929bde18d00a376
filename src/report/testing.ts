// Test helpers for the report writers (not part of the published build).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

export const TESTDATA = join(import.meta.dirname, 'testdata');
const SCHEMAS = join(TESTDATA, 'schemas');

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as Record<string, unknown>;
}

function compile(main: string, referenced: readonly string[]): ValidateFunction {
  // strict: false because the official schemas use annotations Ajv does not know (meta:enum,
  // deprecated); remote loading stays off: every $ref resolves to a file of testdata/schemas.
  const ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv);
  // No implementation of these formats exists for Ajv; CycloneDX's own validator accepts them as well.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  for (const file of referenced) ajv.addSchema(readSchema(file));
  return ajv.compile(readSchema(main));
}

/**
 * Ajv 8 has no draft-04 mode; the SARIF schema uses no draft-04-only keyword (no boolean
 * exclusiveMinimum/Maximum), so only its `$schema` and `id` need the draft-07 spelling.
 */
function compileDraft04(main: string): ValidateFunction {
  const { $schema: _, id, ...rest } = readSchema(main);
  const ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

let cyclonedx: ValidateFunction | undefined;
let sarif: ValidateFunction | undefined;

/** Asserts `document` is valid SARIF 2.1.0 per the OASIS schema (draft-04; Ajv reads it as draft-07). */
export function assertValidSarif(document: unknown): void {
  sarif ??= compileDraft04('sarif-schema-2.1.0.json');
  assert.ok(sarif(document), JSON.stringify(sarif.errors?.slice(0, 5), null, 2));
}
let spdx: ValidateFunction | undefined;

/** Asserts `document` is valid CycloneDX 1.6 JSON per the official schema. */
export function assertValidCycloneDx(document: unknown): void {
  cyclonedx ??= compile('cyclonedx-bom-1.6.schema.json', [
    'cyclonedx-spdx.schema.json',
    'cyclonedx-jsf-0.82.schema.json',
  ]);
  assert.ok(cyclonedx(document), JSON.stringify(cyclonedx.errors?.slice(0, 5), null, 2));
}

/** Asserts `document` is valid SPDX 2.3 JSON per the official schema. */
export function assertValidSpdx(document: unknown): void {
  spdx ??= compile('spdx-2.3-schema.json', []);
  assert.ok(spdx(document), JSON.stringify(spdx.errors?.slice(0, 5), null, 2));
}

/** Compares `actual` with a golden file of testdata/golden; UPDATE_GOLDEN=1 rewrites it instead. */
export function assertGolden(name: string, actual: string): void {
  const file = join(TESTDATA, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, 'utf8');
  } catch {
    assert.fail(`missing golden file ${file}; run the tests with UPDATE_GOLDEN=1 to create it`);
  }
  assert.equal(
    actual,
    expected,
    `${name} differs from its golden file; review, then UPDATE_GOLDEN=1 to accept`,
  );
}

/** Runs `fn` with SOURCE_DATE_EPOCH set (or unset), restoring the environment after. */
export function withSourceDateEpoch<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = value;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}
