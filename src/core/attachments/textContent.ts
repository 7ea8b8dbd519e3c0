// Whether a file's bytes are text the model can read, and that text. Only text is ever attached:
// a NUL byte early on or bytes that are not UTF-8 make a file binary (images, archives, UTF-16).

/** How far a NUL byte is looked for (git looks as far). */
const SNIFF_BYTES = 8192;

/** The text of `bytes` without its byte-order mark, or undefined when they are not UTF-8 text. */
export function decodeTextFile(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return undefined;
  try {
    // fatal: invalid UTF-8 throws instead of becoming U+FFFD; the BOM is dropped (ignoreBOM false).
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
