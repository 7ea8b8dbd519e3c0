// v1 (one flat record list, key `switchboard.usage`) read as a v2 shard: aggregates are rebuilt
// from every record, in local days, and the newest MAX_RECORDS are kept as records.

import { usdToNanos } from '../pricing/cost';
import { MAX_RECORDS, applyRecord, emptyShard, type Shard, type UsageRecord } from './model';
import type { StoredUsageV1 } from './storedForm';

export function migrateV1(v1: StoredUsageV1, id: string): Shard {
  const records = v1.records
    .map((r): UsageRecord | undefined => {
      const time = Date.parse(r.time);
      if (!Number.isFinite(time)) return undefined;
      return {
        time,
        providerId: r.provider,
        model: r.model,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
        cachedInputTokens: 0,
        costNanos: typeof r.costUsd === 'number' ? usdToNanos(r.costUsd) : null,
        latencyMs: null,
        outcome: 'ok',
        estimated: false,
        workspace: '',
      };
    })
    .filter((r): r is UsageRecord => r !== undefined)
    .sort((a, b) => a.time - b.time);
  const shard = emptyShard(id, records.length > 0 ? records[records.length - 1].time : 0);
  for (const record of records) applyRecord(shard, record, MAX_RECORDS);
  return shard;
}
