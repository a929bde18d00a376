import { PalisadeError } from '../model/index.ts';

/**
 * Manifests are UTF-8 (Kubernetes reads nothing else); bytes that are not, such as Latin-1 or
 * binary data piped by mistake, are refused instead of evaluated with replacement characters.
 */
export function decodeManifest(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new PalisadeError(
      'input',
      `${path}: not UTF-8 text (byte 0x${(bytes[at] ?? 0).toString(16)} at offset ${at}); convert it to UTF-8 (iconv -t UTF-8)`,
    );
  }
}

/** Continuation bytes a UTF-8 lead byte announces, or -1 when it cannot start a character. */
function continuationBytes(lead: number): number {
  if (lead < 0x80) return 0;
  if (lead < 0xc2) return -1;
  if (lead < 0xe0) return 1;
  if (lead < 0xf0) return 2;
  return lead < 0xf5 ? 3 : -1;
}

/** Where the first malformed UTF-8 sequence starts (lead byte and continuation bytes checked). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const extra = continuationBytes(bytes[i] ?? 0);
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += extra + 1;
  }
  return 0;
}
