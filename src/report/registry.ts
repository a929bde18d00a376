import type { ScanResult } from '../model/index.ts';
import type { ReportContext } from './context.ts';
import type { Format } from './formats.ts';

export type WriteReport = (result: ScanResult, context: ReportContext) => string;

export interface ReportWriter {
  format: Format;
  mediaType: string;
  /**
   * Loads the writer. Lazy so that a command loads only the format it writes: the CycloneDX
   * library alone is a tenth of a second of start-up that `inventory --format json` should not pay.
   */
  load(): Promise<WriteReport>;
}

/** Every report format, in one list: a new format is one file plus one line here. */
export const REPORT_WRITERS: readonly ReportWriter[] = [
  { format: 'table', mediaType: 'text/plain', load: async () => (await import('./table.ts')).writeTable },
  { format: 'json', mediaType: 'application/json', load: async () => (await import('./json.ts')).writeJson },
  {
    format: 'sarif',
    mediaType: 'application/sarif+json',
    load: async () => (await import('./sarif.ts')).writeSarif,
  },
  {
    format: 'markdown',
    mediaType: 'text/markdown',
    load: async () => (await import('./markdown.ts')).writeMarkdown,
  },
  {
    format: 'cyclonedx',
    mediaType: 'application/vnd.cyclonedx+json',
    load: async () => (await import('./cyclonedx.ts')).writeCycloneDxJson,
  },
  {
    format: 'cyclonedx-xml',
    mediaType: 'application/vnd.cyclonedx+xml',
    load: async () => (await import('./cyclonedx.ts')).writeCycloneDxXml,
  },
  {
    format: 'openvex',
    mediaType: 'application/openvex+json',
    load: async () => (await import('./openvex.ts')).writeOpenVex,
  },
  {
    format: 'junit',
    mediaType: 'application/xml',
    load: async () => (await import('./junit.ts')).writeJUnit,
  },
  {
    format: 'spdx',
    mediaType: 'application/spdx+json',
    load: async () => (await import('./spdx.ts')).writeSpdxJson,
  },
];

export function writerFor(format: Format): ReportWriter | undefined {
  return REPORT_WRITERS.find((w) => w.format === format);
}
