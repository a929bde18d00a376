import type { Component, Finding } from '../../model/index.ts';
import type { UploadFormat } from '../../store/schema.ts';
import { badRequest } from '../http-error.ts';
import { isCycloneDx, parseCycloneDx } from './cyclonedx.ts';
import { isScanResult, parseScanResult } from './scan-result.ts';
import { isSpdx, parseSpdx } from './spdx.ts';

/** An upload in the model's terms, whatever document it came as. */
export interface ParsedUpload {
  format: UploadFormat;
  specVersion: string | null;
  serialNumber: string | null;
  target: string | null;
  components: Component[];
  /** undefined: an SBOM without vulnerability data, which the server matches itself. */
  findings: Finding[] | undefined;
  /** false when the document itself says it is partial (a file failed to parse). */
  complete: boolean;
  /** What was read differently than sent (skipped entries), for the response. */
  notes: string[];
}

/** Recognizes and parses a ScanResult, a CycloneDX JSON BOM or an SPDX 2.x JSON document. */
export function parseUpload(json: unknown): ParsedUpload {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw badRequest(
      'the document must be a JSON object: a palisade scan result, a CycloneDX BOM or an SPDX document',
    );
  const record = json as Record<string, unknown>;
  if (isScanResult(record)) return parseScanResult(json);
  if (isCycloneDx(record)) return parseCycloneDx(json);
  if (isSpdx(record)) return parseSpdx(json);
  throw badRequest(
    'unrecognized document: expected a palisade scan result (schemaVersion, components, findings), a CycloneDX JSON BOM (bomFormat: "CycloneDX") or an SPDX JSON document (spdxVersion)',
  );
}
