// The wording of a provider's state in the Manage Providers list. Pure: unit-tested in plain Node.
import type { ProviderStatus } from './providerService';

/** "‹endpoint URL› · last test OK ‹when› · default model: ‹id›"; the URL only for endpoints. */
export function describeStatus(s: ProviderStatus, defaultModel: string | undefined): string {
  const test = s.lastTest
    ? `last test ${s.lastTest.ok ? 'OK' : `failed (${s.lastTest.code})`} ${new Date(s.lastTest.at).toLocaleString()}`
    : 'not tested';
  const where = s.entry.endpoint ? (s.entry.endpoint.baseUrl ?? s.entry.endpoint.azure?.endpoint ?? '') + ' · ' : '';
  return `${where}${test} · default model: ${defaultModel ?? 'none yet'}`;
}
