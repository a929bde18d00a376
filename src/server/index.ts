// What the CLI (`palisade server`, `scan --upload`, `palisade upload …`) and library users need.
export { type AdvisorySource, advisoryDirectorySource, staticAdvisorySource } from './advisory-source.ts';
export { type CreateServerOptions, createServer } from './app.ts';
export {
  type EventUpload,
  type ServerTarget,
  sendEvents,
  type UploadMetadata,
  type UploadReceipt,
  uploadDocument,
} from './client.ts';
export { DEFAULT_LIMITS, type Limits } from './context.ts';
export type { NotifyOptions, WebhookTarget } from './jobs/notify.ts';
export { createLogger, isLogLevel, type Logger, type LogLevel } from './logger.ts';
export { DEFAULT_METRIC_OPTIONS, type MetricOptions } from './metrics/compute.ts';
export { openApiDocument } from './openapi.ts';
export { type RunningServer, type StartServerOptions, startServer } from './start.ts';
