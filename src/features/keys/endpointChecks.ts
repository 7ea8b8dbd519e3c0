// Checks for the fields of the endpoint form. Each returns what is wrong with the value, or
// undefined when it is fine: the shape showInputBox's validateInput wants. Pure: unit-tested in plain Node.
import { parseHeaderList } from './endpointPresets';

export function checkUrl(value: string): string | undefined {
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Use an http:// or https:// URL.';
    if (u.username || u.password) return 'No user:password@ in the URL: put the key in SecretStorage (Switchboard: Set API Key).';
    return undefined;
  } catch {
    return 'Not a valid URL.';
  }
}

/** `taken` holds the lower-cased names of the other endpoints (see takenEndpointNames). */
export function checkEndpointName(value: string, taken: ReadonlySet<string>): string | undefined {
  if (!/^[\w .-]{1,40}$/.test(value.trim())) return 'Use 1–40 letters, digits, spaces, dots or dashes.';
  return taken.has(value.trim().toLowerCase()) ? 'An endpoint with that name exists.' : undefined;
}

export function checkRequired(value: string): string | undefined {
  return value.trim() ? undefined : 'Required.';
}

export function checkAzureApiVersion(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(value.trim()) ? undefined : 'Like 2024-10-21.';
}

export function checkHeaderList(value: string): string | undefined {
  const parsed = parseHeaderList(value);
  return 'error' in parsed ? parsed.error : undefined;
}

/**
 * Lower-cased names of the endpoints in the raw `switchboard.endpoints` setting, skipping entries
 * without a string name. `editing` is left out, so an edit may keep its own name.
 */
export function takenEndpointNames(endpoints: readonly unknown[], editing?: string): Set<string> {
  const taken = new Set(
    endpoints.flatMap((e) => (e && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string' ? [(e as { name: string }).name.toLowerCase()] : [])),
  );
  if (editing !== undefined) taken.delete(editing.toLowerCase());
  return taken;
}
