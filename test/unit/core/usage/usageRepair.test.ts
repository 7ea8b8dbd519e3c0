import { strict as assert } from 'node:assert';
import { MemoryKeyValueStore, SHARD_PREFIX, UsageStore } from '../../../../src/core/usage/usageStore';

const entry = { providerId: 'openai', model: 'gpt-4o', usage: { inputTokens: 1000, outputTokens: 500 }, cost: { usd: 0.0075, source: 'price-table' as const, estimated: false }, latencyMs: 10, outcome: 'ok' as const };

describe('usage store: a window whose shard was overwritten by another window puts it back', () => {
  it('rewrites its shard when the stored copy is behind, and only then', async () => {
    const kv = new MemoryKeyValueStore();
    const a = new UsageStore({ store: kv, windowId: 'a' });
    const b = new UsageStore({ store: kv, windowId: 'b' });
    await a.record(entry);
    const staleA = kv.get(SHARD_PREFIX + 'a');
    await a.record(entry);
    await b.record(entry);
    assert.equal(await a.repairIfLost(), false, 'nothing lost: no write');
    const writes = a.writes;
    // Window B's whole-blob write carried its stale copy of A's shard.
    await kv.update(SHARD_PREFIX + 'a', staleA);
    b.invalidate();
    assert.equal(b.today().requests, 2, 'one of A\'s requests is hidden by the stale copy');
    assert.equal(await a.repairIfLost(), true);
    assert.equal(a.writes, writes + 1);
    b.invalidate();
    assert.equal(b.today().requests, 3, 'all requests are back');
  });
});
