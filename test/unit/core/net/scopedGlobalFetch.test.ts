import { strict as assert } from 'node:assert';
import { withGlobalFetch } from '../../../../src/core/net/scopedGlobalFetch';

describe('core/net/scopedGlobalFetch', () => {
  const saved = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = saved;
  });

  /** What @google/generative-ai 0.24.1 does: reads the global fetch when called, sends after an await. */
  async function sdkLike(url: string, fetchFn = fetch): Promise<string> {
    await new Promise((r) => setTimeout(r, 1));
    return (await fetchFn(url)).text();
  }

  it('a fetch read when the call starts is the scoped one, with its arguments; the original is back before the call returns', async () => {
    const calls: string[] = [];
    const original = (async (input: unknown) => (calls.push(`original ${String(input)}`), new Response('o'))) as typeof fetch;
    globalThis.fetch = original;
    const scoped = async (input: string | URL | Request) => (calls.push(`scoped ${String(input)}`), new Response('s'));
    const inside = withGlobalFetch(scoped, () => sdkLike('a'));
    assert.equal(globalThis.fetch, original, 'restored synchronously');
    const outside = await (await fetch('b')).text();
    assert.equal(await inside, 's');
    assert.equal(outside, 'o');
    assert.deepEqual(calls, ['original b', 'scoped a']);
  });

  it('only the synchronous part sees it: a fetch read after an await, inside or elsewhere, is the original', async () => {
    globalThis.fetch = (async () => new Response('o')) as typeof fetch;
    const late = withGlobalFetch(async () => new Response('s'), async () => {
      await Promise.resolve();
      return (await fetch('x')).text();
    });
    assert.equal(await late, 'o');
  });

  it('the scoped fetch may call the global fetch, even at once, without coming back to itself', async () => {
    globalThis.fetch = (async () => new Response('original')) as typeof fetch;
    const wrapping = (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init);
    assert.equal(await withGlobalFetch(wrapping, async () => (await fetch('z')).text()), 'original');
    assert.equal(await withGlobalFetch(wrapping, () => sdkLike('z2')), 'original');
  });

  it('leaves a fetch patched later by someone else alone, and restores the original when the call throws', async () => {
    const first = (async () => new Response('first')) as typeof fetch;
    globalThis.fetch = first;
    assert.throws(() => withGlobalFetch(async () => new Response('s'), () => {
      throw new Error('sdk bug');
    }), /sdk bug/);
    assert.equal(globalThis.fetch, first);
    const patched = ((input: string, init?: RequestInit) => first(input, init)) as typeof fetch; // another extension's patch
    globalThis.fetch = patched;
    assert.equal(await withGlobalFetch(async () => new Response('s2'), () => sdkLike('q')), 's2');
    assert.equal(globalThis.fetch, patched, 'the patch is still there, nothing of ours left installed');
  });
});
