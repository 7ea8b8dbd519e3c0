import { strict as assert } from 'node:assert';
import { isProviderError, type ErrorContext } from '../../../../src/core/llm/errors';
import { StreamGuard, guarded } from '../../../../src/core/llm/streamTimeouts';

const ctx: ErrorContext = { providerId: 'openai', label: 'OpenAI', secrets: ['my-plain-secret-value'] };

describe('StreamGuard', () => {
  it('fires the first-byte timeout, then the idle timeout only after data', async () => {
    const g = new StreamGuard(ctx, undefined, { firstByteMs: 30, idleMs: 0 });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(g.abortReason?.code, 'timeout');
    assert.match(g.abortReason!.message, /first-byte timeout 30 ms/);
    assert.equal(g.signal.aborted, true);
    g.dispose();

    const idle = new StreamGuard(ctx, undefined, { firstByteMs: 1000, idleMs: 200 });
    idle.touch();
    await new Promise((r) => setTimeout(r, 100));
    idle.touch(); // data keeps coming: the countdown restarts
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(idle.abortReason, undefined, 'no timeout while data keeps arriving');
    await new Promise((r) => setTimeout(r, 250));
    assert.match(idle.abortReason!.message, /idle timeout 200 ms/);
    idle.dispose();
  });

  it('chains the caller signal as "cancelled", and dispose unhooks it', () => {
    const caller = new AbortController();
    const g = new StreamGuard(ctx, caller.signal, undefined);
    caller.abort();
    assert.equal(g.abortReason?.code, 'cancelled');
    assert.equal(g.signal.aborted, true);

    const caller2 = new AbortController();
    const g2 = new StreamGuard(ctx, caller2.signal, { firstByteMs: 0, idleMs: 0 });
    g2.dispose();
    caller2.abort();
    assert.equal(g2.abortReason, undefined, 'after dispose the caller no longer reaches the guard');
  });

  it('guarded() turns our abort into the reason even when the work threw something else', async () => {
    await assert.rejects(
      guarded(ctx, undefined, { firstByteMs: 20, idleMs: 0 }, (g) => new Promise((_, reject) => g.signal.addEventListener('abort', () => reject(new Error('AbortError')))), () => {
        throw new Error('normalize must not be used');
      }),
      (e: unknown) => isProviderError(e) && e.code === 'timeout',
    );
  });

  it('still fires the idle timeout after a burst of chunks, measured from the last one', async () => {
    const g = new StreamGuard(ctx, undefined, { firstByteMs: 1000, idleMs: 120 });
    for (let i = 0; i < 10_000; i++) g.touch(); // per-chunk touches only record the time
    await new Promise((r) => setTimeout(r, 80));
    g.touch();
    await new Promise((r) => setTimeout(r, 80)); // the first check finds data 80 ms ago: waits on
    assert.equal(g.signal.aborted, false, 'no timeout 80 ms after the last chunk');
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(g.abortReason?.code, 'timeout');
    assert.match(g.abortReason!.message, /idle timeout 120 ms/);
    assert.equal(g.signal.aborted, true);
    g.dispose();
  });

  it('a first-byte timer due before the idle deadline becomes the idle timer: idle, never first-byte, and not early', async () => {
    const g = new StreamGuard(ctx, undefined, { firstByteMs: 100, idleMs: 200 });
    g.touch(); // at ~0: the first-byte timer (due at 100) fires before the idle deadline (200)
    await new Promise((r) => setTimeout(r, 150));
    const reason = () => g.abortReason; // read afresh: the timer sets it
    assert.equal(reason(), undefined, 'the shared timer fired at 100 and waited on: no data for only ~100 ms');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(reason()?.code, 'timeout');
    assert.match(reason()!.message, /idle timeout 200 ms/);
    g.dispose();

    // Due after the idle deadline, it is replaced: the idle timeout comes on time.
    const late = new StreamGuard(ctx, undefined, { firstByteMs: 5000, idleMs: 60 });
    late.touch();
    await new Promise((r) => setTimeout(r, 150));
    assert.match(late.abortReason?.message ?? '', /idle timeout 60 ms/);
    late.dispose();
  });

  it('dispose() stops the idle timer', async () => {
    const g = new StreamGuard(ctx, undefined, { firstByteMs: 1000, idleMs: 30 });
    g.touch();
    g.dispose();
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(g.abortReason, undefined);
    assert.equal(g.signal.aborted, false);
  });
});
