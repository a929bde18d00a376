import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { PalisadeError } from '../../model/index.ts';
import { isCsafVex, parseCsafVex } from './csaf.ts';
import { isCycloneDxVex, parseCycloneDxVex } from './cyclonedx.ts';
import { isOpenVex, parseOpenVex } from './openvex.ts';
import type { VexStatement } from './statement.ts';

/** Each VEX format users have, recognized by its own marker, one entry each. */
const FORMATS = [
  { name: 'OpenVEX', detect: isOpenVex, parse: parseOpenVex },
  { name: 'CycloneDX VEX', detect: isCycloneDxVex, parse: parseCycloneDxVex },
  { name: 'CSAF VEX', detect: isCsafVex, parse: parseCsafVex },
] as const;

export function parseVex(text: string, path: string): VexStatement[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PalisadeError(
      'input',
      `${path}: not valid JSON; give an OpenVEX, CycloneDX VEX or CSAF VEX document`,
    );
  }
  const format = FORMATS.find((f) => f.detect(json));
  if (!format) {
    throw new PalisadeError(
      'input',
      `${path}: not a VEX document this tool knows; give OpenVEX, CycloneDX VEX or CSAF VEX (category csaf_vex)`,
    );
  }
  const result = format.parse(json, path);
  if (Array.isArray(result)) return result;
  throw new PalisadeError('input', `${path}: invalid ${format.name} (${describe(result)})`);
}

export function loadVex(path: string): VexStatement[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PalisadeError('usage', `${path}: cannot read the VEX file; check the path`);
  }
  return parseVex(text, path);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `'${issue?.path.join('.') ?? ''}': ${issue?.message ?? 'invalid'}`;
}
