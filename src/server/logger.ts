// Structured logs: one JSON object per line on stdout, for a log shipper to read as is.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function isLogLevel(value: string): value is LogLevel {
  return value in RANK;
}

export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; fields?: LogFields; now?: () => Date } = {},
): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const base = options.fields ?? {};
  const log =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}): void => {
      if (RANK[level] < threshold) return;
      write(
        `${JSON.stringify({ time: now().toISOString(), level, msg, ...base, ...fields }, errorReplacer)}\n`,
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** Errors log as their name and first message line, never a stack across many lines. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message.split('\n')[0] };
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** For tests and library users who want silence. */
export const silentLogger: Logger = createLogger({ write: () => {} });
