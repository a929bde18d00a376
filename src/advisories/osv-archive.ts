import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { type OsvRecord, PalisadeError } from '../model/index.ts';
import { osvRecordSchema } from './schema.ts';

/** Limits that keep a hostile archive (zip bomb, lying headers, millions of entries) from hurting. */
export interface ArchiveLimits {
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxEntries: 2_000_000,
};

/** Parses and validates one OSV record; `where` names the file or archive entry in errors. */
export function parseOsvRecord(text: string, where: string): OsvRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    throw new PalisadeError('input', `${where}: not valid JSON (${reason}); the advisory source is corrupt`);
  }
  const parsed = osvRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'record';
    throw new PalisadeError(
      'input',
      `${where}: not an OSV record ('${field}': ${issue?.message}); the advisory source is corrupt`,
    );
  }
  return parsed.data as OsvRecord;
}

/**
 * Streams the OSV records of an export archive (`<ECOSYSTEM>/all.zip`: one `<ID>.json` per
 * advisory). yauzl checks every entry's real size against its header, and the limits stop bombs.
 */
export async function readOsvZip(
  zip: Buffer,
  name: string,
  onRecord: (record: OsvRecord) => void,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<number> {
  const archive = await openZip(zip, name);
  if (archive.entryCount > limits.maxEntries) {
    archive.close();
    throw new PalisadeError(
      'input',
      `${name}: ${archive.entryCount} entries is over the limit of ${limits.maxEntries}; not an OSV export`,
    );
  }
  let total = 0;
  let count = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      archive.close();
      reject(
        error instanceof PalisadeError
          ? error
          : new PalisadeError('input', `${name}: ${describe(error)}; the archive is corrupt`),
      );
    };
    archive.on('error', fail);
    archive.on('end', () => resolve(count));
    archive.on('entry', (entry: Entry) => {
      if (entry.fileName.endsWith('/') || !entry.fileName.endsWith('.json')) {
        archive.readEntry();
        return;
      }
      const where = `${name}!${entry.fileName}`;
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        fail(
          new PalisadeError(
            'input',
            `${where}: uncompressed size over the limit (a zip bomb?); refusing the archive`,
          ),
        );
        return;
      }
      readEntryText(archive, entry, limits.maxEntryBytes)
        .then((text) => {
          onRecord(parseOsvRecord(text, where));
          count++;
          archive.readEntry();
        })
        .catch(fail);
    });
    archive.readEntry();
  });
}

function openZip(zip: Buffer, name: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      zip,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (error, archive) => {
        if (error || !archive)
          reject(
            new PalisadeError(
              'input',
              `${name}: not a zip archive (${describe(error)}); the download is corrupt or the URL is wrong`,
            ),
          );
        else resolve(archive);
      },
    );
  });
}

function readEntryText(archive: ZipFile, entry: Entry, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    archive.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(error ?? new Error('unreadable entry'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) stream.destroy(new Error('entry larger than its limit'));
        else chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
