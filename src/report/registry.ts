import type { ScanResult } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import { writeCycloneDxJson, writeCycloneDxXml } from './cyclonedx.ts';
import type { Format } from './formats.ts';
import { writeJson } from './json.ts';
import { writeMarkdown } from './markdown.ts';
import { writeSarif } from './sarif.ts';
import { writeSpdxJson } from './spdx.ts';
import { writeTable } from './table.ts';

export interface ReportWriter {
  format: Format;
  /** File extension for `--output` suggestions and upload content types. */
  mediaType: string;
  write(result: ScanResult, context: ReportContext): string;
}

/** Every report format, in one list: a new format is one file plus one line here. */
export const REPORT_WRITERS: readonly ReportWriter[] = [
  { format: 'table', mediaType: 'text/plain', write: writeTable },
  { format: 'json', mediaType: 'application/json', write: writeJson },
  { format: 'sarif', mediaType: 'application/sarif+json', write: writeSarif },
  { format: 'markdown', mediaType: 'text/markdown', write: writeMarkdown },
  { format: 'cyclonedx', mediaType: 'application/vnd.cyclonedx+json', write: writeCycloneDxJson },
  { format: 'cyclonedx-xml', mediaType: 'application/vnd.cyclonedx+xml', write: writeCycloneDxXml },
  { format: 'spdx', mediaType: 'application/spdx+json', write: writeSpdxJson },
];

export function writerFor(format: Format): ReportWriter | undefined {
  return REPORT_WRITERS.find((w) => w.format === format);
}
