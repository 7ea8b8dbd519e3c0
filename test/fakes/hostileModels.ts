// Model list entries a gateway's /models has been seen to send (issue 15), for the unit and
// fault tests of core/models/liveModels.ts: 4 usable entries, 11 that must be dropped.

/** Every kind of bad entry a gateway has been seen to list, and a few good ones. */
export const HOSTILE_LIST: unknown[] = [
  { id: 'good-model', label: 'Good' },
  { id: 'x'.repeat(201) },
  { id: 12345 },
  { id: '' },
  { id: '   ' },
  { id: 'bad\u0000id' },
  { id: 'line\nbreak' },
  { id: 'bidi\u2028sep' },
  null,
  'just-a-string',
  42,
  { label: 'no id' },
  { id: 'x'.repeat(200), label: 'L'.repeat(5_000), contextWindow: -1, maxOutputTokens: 1.5 },
  { id: 'odd-numbers', contextWindow: Number.POSITIVE_INFINITY, maxOutputTokens: '4096' },
  { id: 'fine-numbers', contextWindow: 128_000, maxOutputTokens: 16_384, label: 'Tab\there\u0007' },
];
