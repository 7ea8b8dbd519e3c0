// The CSV export's prompt-caching columns: appended at the end (every earlier column keeps its
// position), a negative saving written as a plain negative number, an unknown one left empty.
import { strict as assert } from 'node:assert';
import { toCsv } from '../../../../src/core/usage/csv';
import { applyRecord, emptyShard, type UsageRecord } from '../../../../src/core/usage/model';

const T = new Date(2026, 4, 2, 9, 0).getTime();

function record(over: Partial<UsageRecord> = {}): UsageRecord {
  return { time: T, providerId: 'anthropic', model: 'claude', inputTokens: 1000, outputTokens: 10, cachedInputTokens: 0, costNanos: 5_000, latencyMs: 10, outcome: 'ok', estimated: false, workspace: 'w', ...over };
}

function csvOf(records: UsageRecord[]): string[][] {
  const shard = emptyShard('win', T);
  for (const r of records) applyRecord(shard, r);
  return toCsv(shard).trimEnd().split('\r\n').map((line) => line.split(','));
}

describe('usage CSV: prompt caching columns', () => {
  const rows = csvOf([
    record({ cachedInputTokens: 600, cacheWriteTokens: 300, savedNanos: -1_200_000, priceSource: 'catalogue' }),
    record({ time: T + 1, cachedInputTokens: 500, savedNanos: 2_500, priceSource: 'reported', workspace: 'x' }),
    record({ time: T + 2, cachedInputTokens: 100, costNanos: null }),
    record({ time: T + 3, priceSource: 'settings' }),
  ]);
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  const cells = (type: string, names: string[]) => rows.filter((r) => r[0] === type).map((r) => names.map((n) => r[col(n)]));

  it('appends cache_write_tokens, saved_usd and price_source after every earlier column', () => {
    assert.deepEqual(header.slice(-4), ['source', 'cache_write_tokens', 'saved_usd', 'price_source']);
    assert.deepEqual([col('reasoning_tokens'), col('source')], [15, 16], 'earlier positions unchanged');
    assert.ok(rows.every((r) => r.length === header.length));
  });

  it('writes each request its writes, saving (empty = unknown, 0 = no caching) and price source', () => {
    assert.deepEqual(cells('request', ['cache_write_tokens', 'saved_usd', 'price_source']), [
      ['0', '0', 'settings'],
      ['0', '', ''],
      ['0', '0.0000025', 'reported'],
      ['300', '-0.0012', 'catalogue'],
    ]);
  });

  it('sums them per model-day and per project-day (no tokens per project); source rows leave them empty', () => {
    assert.deepEqual(cells('day', ['cache_write_tokens', 'saved_usd', 'price_source']), [['300', '-0.0011975', '']]);
    assert.deepEqual(cells('project-day', ['workspace', 'cache_write_tokens', 'saved_usd']), [['w', '', '-0.0012'], ['x', '', '0.0000025']]);
    assert.deepEqual(cells('source-day', ['cache_write_tokens', 'saved_usd', 'price_source']), [['', '', '']]);
  });
});
