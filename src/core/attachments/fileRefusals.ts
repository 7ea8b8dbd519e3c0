// What the user reads when a file cannot be attached: it names the file, the reason and the cap.
import { MAX_ATTACHMENT_CHARS, MAX_FILE_BYTES } from './attachment';

export function binaryFileRefusal(name: string): string {
  return `${name} is a binary file: only text files can be attached.`;
}

export function largeFileRefusal(name: string, bytes: number): string {
  return `${name} is ${formatSize(bytes)}: files over ${formatSize(MAX_FILE_BYTES)} can't be attached.`;
}

/** A file (or a selection) fits on disk, but its block (its text in a fence) is over the attachment's cap. */
export function tooLongRefusal(name: string, chars: number): string {
  return `${name} is ${chars.toLocaleString('en-US')} characters long: at most ${MAX_ATTACHMENT_CHARS.toLocaleString('en-US')} can be attached.`;
}

/** "900 bytes", "512 KB", "1.2 MB" (1 KB = 1024 bytes, as file managers count). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${unit}`;
}
