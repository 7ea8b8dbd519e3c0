// guardedStream: a stream read to its end closes without building an error (no 'cancelled'
// ProviderError, no abort at all), while a consumer that stops early still aborts the request.
import { strict as assert } from 'node:assert';
import type { ErrorContext } from '../../../../src/core/llm/errors';
import type { StreamGuard } from '../../../../src/core/llm/streamTimeouts';
import type { AdapterEvent, ChatRequest, ProviderConfig } from '../../../../src/core/llm/types';
import { guardedStream } from '../../../../src/core/providers/_shared';

const ctx: ErrorContext = { providerId: 'openai', label: 'OpenAI', secrets: [] };
const config = { id: 'openai', label: 'OpenAI', apiKey: 'k', timeouts: { firstByteMs: 1000, idleMs: 1000 } } as unknown as ProviderConfig;
const request = { model: 'm', messages: [{ role: 'user', content: 'hi' }] } as unknown as ChatRequest;

function run(onGuard: (g: StreamGuard) => void) {
  return guardedStream(
    ctx,
    request,
    config,
    async function* (guard) {
      onGuard(guard);
      for (let i = 0; i < 3; i++) {
        guard.touch();
        yield { type: 'text', text: `t${i}` } as AdapterEvent;
      }
      yield { type: 'finish', reason: 'stop' } as AdapterEvent;
    },
    () => {
      throw new Error('normalize must not be called');
    },
  );
}

describe('guardedStream', () => {
  it('a normal end aborts nothing and allocates no abort reason', async () => {
    const reasons: unknown[] = [];
    const abort = AbortController.prototype.abort;
    AbortController.prototype.abort = function (this: AbortController, reason?: unknown) {
      reasons.push(reason);
      return abort.call(this, reason);
    };
    let guard: StreamGuard | undefined;
    try {
      const events: AdapterEvent[] = [];
      for await (const e of run((g) => (guard = g))) events.push(e);
      assert.equal(events.length, 4);
    } finally {
      AbortController.prototype.abort = abort;
    }
    assert.deepEqual(reasons, [], 'no abort, so no error object, on the success path');
    assert.equal(guard!.abortReason, undefined);
    assert.equal(guard!.signal.aborted, false);
  });

  it('a consumer that stops early still aborts the request as cancelled', async () => {
    let guard: StreamGuard | undefined;
    for await (const e of run((g) => (guard = g))) {
      void e;
      break;
    }
    assert.equal(guard!.signal.aborted, true);
    assert.equal(guard!.abortReason?.code, 'cancelled');
  });
});
