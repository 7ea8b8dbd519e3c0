// The stored usage format with reasoning tokens: they round-trip (plain and packed), data written
// before them reads as 0, and what is written now still fits the v2 shapes an older Switchboard
// checks (10-field records, aggregate tuples of at most 8), so another window on an older version
// keeps reading the shard. Sources follow the same rules: other than 'switchboard' only in side
// tables, and data without them reads as all 'switchboard'. Prompt caching (cache writes, savings,
// price sources) too: side tables only, none for data without it, and old data reads as none.
import { strict as assert } from 'node:assert';
import { decodeStored, encodeShard } from '../../../../src/core/usage/codec';
import { applyRecord, emptyShard, type UsageRecord } from '../../../../src/core/usage/model';
import { bySource, byWorkspace, recent, totals } from '../../../../src/core/usage/queries';
import { dayKey } from '../../../../src/core/usage/dates';

const T = new Date(2026, 4, 2, 9, 0).getTime();

function record(over: Partial<UsageRecord> = {}): UsageRecord {
  return { time: T, providerId: 'openai', model: 'o4', inputTokens: 100, outputTokens: 900, cachedInputTokens: 0, costNanos: 5, latencyMs: 10, outcome: 'ok', estimated: false, workspace: 'w', ...over };
}

function shardWith(records: UsageRecord[]) {
  const shard = emptyShard('win', T);
  for (const r of records) applyRecord(shard, r);
  return shard;
}

describe('usage codec: reasoning tokens', () => {
  const day = { from: dayKey(new Date(T)), to: dayKey(new Date(T)) };

  for (const pack of [false, true]) {
    it(`round-trips per record and per model-day (${pack ? 'packed archive' : 'window shard'})`, () => {
      const shard = shardWith([record({ reasoningTokens: 600 }), record({ time: T + 1, reasoningTokens: 50 }), record({ time: T + 2, model: 'gpt-4o' })]);
      const decoded = decodeStored(JSON.parse(JSON.stringify(encodeShard(shard, pack))), 'legacy');
      assert.ok(decoded.ok);
      assert.deepEqual(decoded.shard.records.map((r) => r.reasoningTokens ?? 0), [600, 50, 0]);
      assert.equal(totals(decoded.shard, day).reasoningTokens, 650);
      assert.equal(totals(decoded.shard, day, { model: 'gpt-4o' }).reasoningTokens, 0);
    });
  }

  it('reads data written before reasoning tokens were kept as 0', () => {
    const old = {
      v: 2,
      id: 'old',
      seen: T,
      pm: [['openai', 'o4']],
      ws: ['w'],
      days: { [day.from]: { m: [[0, 1, 100, 900, 5]], w: [[0, 1, 5]] } },
      recs: [[T, 0, 100, 900, 0, 5, 10, 'ok', 0, 0]],
    };
    const decoded = decodeStored(old, 'legacy');
    assert.ok(decoded.ok);
    assert.equal(decoded.shard.records[0]!.reasoningTokens ?? 0, 0);
    assert.equal(totals(decoded.shard, day).reasoningTokens, 0);
    assert.equal(totals(decoded.shard, day).outputTokens, 900);
  });

  it('writes them only in optional side tables an older reader ignores', () => {
    const plain = encodeShard(shardWith([record({ reasoningTokens: 600 })])) as { recs: unknown[][]; days: Record<string, { m: unknown[][]; r?: unknown }>; rr?: unknown };
    assert.ok(plain.recs.every((r) => r.length === 10), 'records keep their 10 fields');
    assert.ok(Object.values(plain.days).every((d) => d.m.every((t) => t.length <= 8)), 'aggregate tuples keep their length');
    assert.deepEqual(plain.rr, [[0, 600]]);
    assert.deepEqual(Object.values(plain.days)[0]!.r, [[0, 600]]);
    const without = encodeShard(shardWith([record()])) as { days: Record<string, object>; rr?: unknown };
    assert.equal('rr' in without, false, 'no reasoning, no side table: the stored size is unchanged');
    assert.equal('r' in Object.values(without.days)[0]!, false);
  });

  it('rejects a damaged side table like any other damage', () => {
    const plain = { ...(encodeShard(shardWith([record({ reasoningTokens: 1 })])) as object), rr: [[0, -5]] };
    assert.equal(decodeStored(plain, 'legacy').ok, false);
  });
});

describe('usage codec: sources', () => {
  const day = { from: dayKey(new Date(T)), to: dayKey(new Date(T)) };
  const spend = (rows: { source: string; requests: number; costUsd: number }[]) => rows.map((r) => [r.source, r.requests, r.costUsd]);

  for (const pack of [false, true]) {
    it(`round-trips each record's source and the day's spend by source (${pack ? 'packed archive' : 'window shard'})`, () => {
      const shard = shardWith([record(), record({ time: T + 1, source: 'vscode-chat', costNanos: 7 }), record({ time: T + 2, source: 'vscode-chat', costNanos: null })]);
      const decoded = decodeStored(JSON.parse(JSON.stringify(encodeShard(shard, pack))), 'legacy');
      assert.ok(decoded.ok);
      assert.deepEqual(decoded.shard.records, shard.records);
      assert.deepEqual(decoded.shard.days, shard.days);
      assert.deepEqual(spend(bySource(decoded.shard, day)), [['vscode-chat', 2, 7e-9], ['switchboard', 1, 5e-9]]);
      assert.equal(bySource(decoded.shard, day).find((s) => s.source === 'vscode-chat')!.unknownPriceRequests, 1);
    });
  }

  it('reads data written before sources as all Switchboard, totals unchanged', () => {
    const old = {
      v: 2,
      id: 'old',
      seen: T,
      pm: [['openai', 'o4']],
      ws: ['w'],
      days: { [day.from]: { m: [[0, 2, 200, 900, 12]], w: [[0, 2, 12]] } },
      recs: [[T, 0, 100, 900, 0, 5, 10, 'ok', 0, 0], [T + 1, 0, 100, 0, 0, 7, 10, 'ok', 0, 0]],
    };
    const decoded = decodeStored(old, 'legacy');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.shard.records.map((r) => r.source ?? 'switchboard'), ['switchboard', 'switchboard']);
    assert.deepEqual(bySource(decoded.shard, day), [{ source: 'switchboard', requests: 2, costUsd: 12e-9, unknownPriceRequests: 0, estimatedRequests: 0 }]);
    assert.deepEqual(recent(decoded.shard, 5).map((r) => r.source), ['switchboard', 'switchboard']);
    // Written back unchanged: no source tables for a panel-only user.
    const again = encodeShard(decoded.shard) as Record<string, unknown>;
    assert.deepEqual(again, { ...old, days: { [day.from]: { m: [[0, 2, 200, 900, 12]], w: [[0, 2, 12]] } } });
  });

  it('writes other sources only in optional side tables an older reader ignores; Switchboard is what remains', () => {
    const plain = encodeShard(shardWith([record(), record({ time: T + 1, source: 'vscode-chat', costNanos: 7 })])) as {
      recs: unknown[][];
      src?: string[];
      rs?: unknown;
      days: Record<string, { m: unknown[][]; s?: unknown }>;
    };
    assert.ok(plain.recs.every((r) => r.length === 10), 'records keep their 10 fields');
    assert.deepEqual(plain.src, ['vscode-chat']);
    assert.deepEqual(plain.rs, [[1, 0]]);
    assert.deepEqual(Object.values(plain.days)[0]!.s, [[0, 1, 7]]);
    const without = encodeShard(shardWith([record()])) as { days: Record<string, object> };
    assert.equal('src' in without || 'rs' in without || 's' in Object.values(without.days)[0]!, false, 'the stored size is unchanged');
  });

  it('a day rewritten by an older version (no source table) counts its whole spend as Switchboard', () => {
    const plain = encodeShard(shardWith([record(), record({ time: T + 1, source: 'vscode-chat', costNanos: 7 })])) as { days: Record<string, { s?: unknown }>; rs?: unknown };
    delete Object.values(plain.days)[0]!.s;
    delete plain.rs;
    const decoded = decodeStored(plain, 'legacy');
    assert.ok(decoded.ok);
    assert.deepEqual(spend(bySource(decoded.shard, day)), [['switchboard', 2, 12e-9]]);
    assert.equal(totals(decoded.shard, day).costUsd, 12e-9);
  });

  it('an unknown source name (a newer version) counts as Switchboard; a damaged source table rejects the shard', () => {
    const plain = encodeShard(shardWith([record(), record({ time: T + 1, source: 'vscode-chat', costNanos: 7 })])) as { src: string[]; rs: number[][] };
    const future = decodeStored({ ...plain, src: ['agent-mode'] }, 'legacy');
    assert.ok(future.ok);
    assert.deepEqual(spend(bySource(future.shard, day)), [['switchboard', 2, 12e-9]]);
    assert.deepEqual(future.shard.records.map((r) => r.source), [undefined, undefined]);
    assert.equal(decodeStored({ ...plain, rs: [[1, 4]] }, 'legacy').ok, false, 'source index out of range');
    assert.equal(decodeStored({ ...plain, rs: [[1, -1]] }, 'legacy').ok, false);
  });
});

describe('usage codec: prompt caching (cache writes, savings, price sources)', () => {
  const day = { from: dayKey(new Date(T)), to: dayKey(new Date(T)) };
  const cached = () =>
    shardWith([
      record({ cachedInputTokens: 60, savedNanos: 1_200, priceSource: 'catalogue' }),
      record({ time: T + 1, cacheWriteTokens: 80, savedNanos: -300, priceSource: 'catalogue', workspace: 'other' }),
      record({ time: T + 2, model: 'claude', cachedInputTokens: 10, costNanos: null }),
      record({ time: T + 3, priceSource: 'reported', workspace: 'third' }),
    ]);

  for (const pack of [false, true]) {
    it(`round-trips each record's writes, saving and price source, and the savings per model and workspace (${pack ? 'packed archive' : 'window shard'})`, () => {
      const shard = cached();
      const decoded = decodeStored(JSON.parse(JSON.stringify(encodeShard(shard, pack))), 'legacy');
      assert.ok(decoded.ok);
      assert.deepEqual(decoded.shard.records, shard.records);
      assert.deepEqual(decoded.shard.days, shard.days);
      const t = totals(decoded.shard, day);
      assert.deepEqual([t.cacheWriteTokens, t.savedUsd], [80, 900e-9]);
      assert.deepEqual(byWorkspace(decoded.shard, day).map((w) => [w.workspace, w.savedUsd]), [['w', 1200e-9], ['other', -300e-9], ['third', 0]]);
      assert.deepEqual(recent(decoded.shard, 4).map((r) => [r.savedUsd, r.priceSource]), [[0, 'reported'], [null, null], [-300e-9, 'catalogue'], [1200e-9, 'catalogue']]);
    });
  }

  it('reads data written before prompt caching was kept as no writes, no savings and unknown price sources; writes it back unchanged', () => {
    const old = {
      v: 2,
      id: 'old',
      seen: T,
      pm: [['openai', 'o4']],
      ws: ['w'],
      days: { [day.from]: { m: [[0, 2, 200, 900, 12, 50]], w: [[0, 2, 12]] } },
      recs: [[T, 0, 100, 900, 50, 5, 10, 'ok', 0, 0], [T + 1, 0, 100, 0, 0, 7, 10, 'ok', 0, 0]],
    };
    const decoded = decodeStored(old, 'legacy');
    assert.ok(decoded.ok);
    const t = totals(decoded.shard, day);
    assert.deepEqual([t.cacheWriteTokens, t.savedUsd, t.cachedInputTokens], [0, 0, 50]);
    assert.deepEqual(byWorkspace(decoded.shard, day)[0]!.savedUsd, 0);
    // The cached request's saving is unknown (not kept then), the other's is none.
    assert.deepEqual(recent(decoded.shard, 2).map((r) => [r.cacheWriteTokens, r.savedUsd, r.priceSource]), [[0, 0, null], [0, null, null]]);
    assert.deepEqual(encodeShard(decoded.shard), old);
  });

  it('writes them only in optional side tables; a record without caching or price source stores what it did before', () => {
    const plain = encodeShard(cached()) as unknown as Record<string, unknown> & { recs: unknown[][]; days: Record<string, Record<string, unknown>> };
    assert.ok(plain.recs.every((r) => r.length === 10), 'records keep their 10 fields');
    assert.deepEqual([plain.rcw, plain.rsv, plain.rps], [[[1, 80]], [[0, 1_200], [1, -300]], [[0, 2, 'catalogue'], [3, 1, 'reported']]]);
    const d = Object.values(plain.days)[0]!;
    assert.deepEqual([d.cw, d.sv], [[[0, 80]], [[0, 900]]]);
    assert.deepEqual(d.wsv, [[1, -300]], "the day's first workspace is the models' savings minus the others'");
    const without = encodeShard(shardWith([record(), record({ time: T + 1, cachedInputTokens: 5 })])) as unknown as Record<string, unknown> & { days: Record<string, object> };
    assert.deepEqual(Object.keys(without).sort(), ['days', 'id', 'pm', 'recs', 'seen', 'v', 'ws']);
    assert.deepEqual(Object.keys(Object.values(without.days)[0]!).sort(), ['m', 'w']);
  });

  it('one workspace a day stores no workspace savings; a day rewritten without savings reads as none', () => {
    const one = encodeShard(shardWith([record({ cachedInputTokens: 60, savedNanos: 700 })])) as unknown as { days: Record<string, Record<string, unknown>>; rsv?: unknown };
    assert.equal('wsv' in Object.values(one.days)[0]!, false);
    const decoded = decodeStored(one, 'legacy');
    assert.ok(decoded.ok);
    assert.equal(byWorkspace(decoded.shard, day)[0]!.savedUsd, 700e-9);
    delete Object.values(one.days)[0]!.sv;
    delete one.rsv;
    const dropped = decodeStored(one, 'legacy');
    assert.ok(dropped.ok);
    assert.deepEqual([totals(dropped.shard, day).savedUsd, byWorkspace(dropped.shard, day)[0]!.savedUsd, recent(dropped.shard, 1)[0]!.savedUsd], [0, 0, null]);
  });

  it('an unknown price source (a newer version) reads as unknown; a damaged caching table rejects the shard', () => {
    const plain = encodeShard(cached()) as unknown as Record<string, unknown>;
    const future = decodeStored({ ...plain, rps: [[0, 4, 'auction']] }, 'legacy');
    assert.ok(future.ok);
    assert.deepEqual(future.shard.records.map((r) => r.priceSource), [undefined, undefined, undefined, undefined]);
    const long = decodeStored({ ...plain, rps: [[3, 1e9, 'settings']] }, 'legacy');
    assert.ok(long.ok, 'a run longer than the records is cut to them');
    assert.equal(long.shard.records[3]!.priceSource, 'settings');
    assert.equal(decodeStored({ ...plain, rsv: [[0, 1.5]] }, 'legacy').ok, false, 'savings are whole nano-dollars');
    assert.equal(decodeStored({ ...plain, rcw: [[0, -1]] }, 'legacy').ok, false);
    const days = plain.days as Record<string, Record<string, unknown>>;
    const badDay = { ...days[day.from]!, sv: [[9, 5]] };
    assert.equal(decodeStored({ ...plain, days: { [day.from]: badDay } }, 'legacy').ok, false, 'model index out of range');
  });
});

describe('usage codec: saving rates (savings predicted from a model’s tokens)', () => {
  const day = { from: dayKey(new Date(T)), to: dayKey(new Date(T)) };
  // o4 at a fixed price: a cached token saves 20 nano-dollars, a written one costs 3.75 more.
  const priced = (i: number, cached: number, written: number, over: Partial<UsageRecord> = {}) =>
    record({ time: T + i, cachedInputTokens: cached, ...(written ? { cacheWriteTokens: written } : {}), savedNanos: Math.round(cached * 20 - written * 3.75), priceSource: 'catalogue', ...over });
  const year = () =>
    shardWith([
      ...Array.from({ length: 8 }, (_, i) => priced(i, 10 * (i + 1), i % 2 ? 40 * i : 0)),
      priced(8, 50, 0, { savedNanos: 999 }), // another price: stored as an exception
      record({ time: T + 9, cachedInputTokens: 30, priceSource: 'catalogue' }), // saving unknown
      record({ time: T + 10, cachedInputTokens: 30, costNanos: null }), // unknown price: never predicted
      record({ time: T + 11, model: 'claude', cachedInputTokens: 10, savedNanos: 70 }), // one sample: no rate
    ]);

  for (const pack of [false, true]) {
    it(`stores only the savings its rate does not predict, and reads every one back exactly (${pack ? 'packed archive' : 'window shard'})`, () => {
      const shard = year();
      const decoded = decodeStored(JSON.parse(JSON.stringify(encodeShard(shard, pack))), 'legacy');
      assert.ok(decoded.ok);
      assert.deepEqual(decoded.shard.records, shard.records);
      assert.deepEqual(decoded.shard.days, shard.days);
      assert.deepEqual(recent(decoded.shard, 4).map((r) => r.savedUsd), [70e-9, null, null, 999e-9]);
    });
  }

  it('writes the rate in `svr`, the exceptions in sv / rsv / rsu, and nothing for a day its rate predicts', () => {
    const plain = encodeShard(year()) as unknown as Record<string, unknown> & { days: Record<string, Record<string, unknown>> };
    assert.deepEqual(plain.svr, [[0, 20, 3.75]]);
    assert.deepEqual(plain.rsv, [[8, 999], [11, 70]]);
    assert.deepEqual(plain.rsu, [9]);
    assert.deepEqual(Object.values(plain.days)[0]!.sv, [[0, year().days.get(day.from)!.models.get('openai\no4')!.savedNanos], [1, 70]], "the day holds the exception's saving");
    const one = shardWith(Array.from({ length: 8 }, (_, i) => priced(i, 10 * (i + 1), 0)));
    const stored = encodeShard(one) as unknown as { days: Record<string, Record<string, unknown>>; rsv?: unknown };
    assert.equal('sv' in Object.values(stored.days)[0]! || 'rsv' in stored, false, 'every saving predicted: none stored');
    const decoded = decodeStored(stored, 'legacy');
    assert.ok(decoded.ok);
    assert.equal(totals(decoded.shard, day).savedUsd, 7200e-9);
  });

  it('reads data written before saving rates (every saving stored) as before, and a damaged rate rejects the shard', () => {
    const old = {
      v: 2,
      id: 'old',
      seen: T,
      pm: [['openai', 'o4']],
      ws: ['w', 'x'],
      days: { [day.from]: { m: [[0, 2, 200, 1800, 10, 60]], w: [[0, 1, 5], [1, 1, 5]], cw: [[0, 40]], sv: [[0, 1050]], wsv: [[1, -150]] } },
      recs: [[T, 0, 100, 900, 5, 60, 10, 'ok', 0, 0], [T + 1, 0, 100, 900, 5, 0, 10, 'ok', 0, 1]],
      rcw: [[1, 40]],
      rsv: [[0, 1200], [1, -150]],
      rps: [[0, 2, 'catalogue']],
    };
    const decoded = decodeStored(old, 'legacy');
    assert.ok(decoded.ok);
    assert.equal(totals(decoded.shard, day).savedUsd, 1050e-9);
    assert.deepEqual(byWorkspace(decoded.shard, day).map((w) => w.savedUsd), [1200e-9, -150e-9]);
    assert.deepEqual(recent(decoded.shard, 2).map((r) => r.savedUsd), [-150e-9, 1200e-9]);
    assert.equal(decodeStored({ ...old, svr: [[0, 20, Infinity]] }, 'legacy').ok, false);
    assert.equal(decodeStored({ ...old, svr: [[3, 20, 1]] }, 'legacy').ok, false, 'model index out of range');
    assert.equal(decodeStored({ ...old, rsu: [-1] }, 'legacy').ok, false);
  });
});
