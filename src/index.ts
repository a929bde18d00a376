// The library surface: `import { … } from 'palisade'` (ARCHITECTURE.md, "Public contracts").
export type { ExtractInput, Extractor, ExtractResult, UnresolvedEntry } from './inventory/extractor.ts';
export { EXTRACTORS, extractorsFor } from './inventory/registry.ts';
export { type InventoryOptions, inventoryDirectory } from './inventory/scan.ts';
export * from './model/index.ts';
export type { ReportContext } from './report/context.ts';
export { FORMATS, type Format } from './report/formats.ts';
export { REPORT_WRITERS, type ReportWriter, writerFor } from './report/registry.ts';
