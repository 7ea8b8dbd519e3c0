import { strict as assert } from 'node:assert';
import { withGlobalFetch } from '../../../../src/core/net/scopedGlobalFetch';

describe('core/net/scopedGlobalFetch', () => {
  const saved = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = saved;
  });

  it('gives the scoped fetch only inside the scope (awaits included); outside, the original with its arguments', async () => {
    const calls: string[] = [];
    globalThis.fetch = (async (input: unknown) => (calls.push(`original ${String(input)}`), new Response('o'))) as typeof fetch;
    const scoped = async (input: string | URL | Request) => (calls.push(`scoped ${String(input)}`), new Response('s'));
    const inside = await withGlobalFetch(scoped, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return (await fetch('a')).text();
    });
    const outside = await (await fetch('b')).text();
    assert.equal(inside, 's');
    assert.equal(outside, 'o');
    assert.deepEqual(calls, ['scoped a', 'original b']);
  });

  it('a scope started elsewhere at the same time does not leak into unrelated work', async () => {
    globalThis.fetch = (async () => new Response('o')) as typeof fetch;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const scoped = withGlobalFetch(async () => new Response('s'), async () => {
      await gate;
      return (await fetch('x')).text();
    });
    const unrelated = (await fetch('y')).text();
    release();
    assert.equal(await unrelated, 'o');
    assert.equal(await scoped, 's');
  });

  it('the scoped fetch may call the global fetch without coming back to itself', async () => {
    globalThis.fetch = (async () => new Response('original')) as typeof fetch;
    const wrapping = (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init);
    const text = await withGlobalFetch(wrapping, async () => (await fetch('z')).text());
    assert.equal(text, 'original');
  });

  it('wraps a fetch that replaced it later, and that one still reaches the earlier original', async () => {
    globalThis.fetch = (async () => new Response('first')) as typeof fetch;
    await withGlobalFetch(async () => new Response('s'), async () => undefined);
    const ours = globalThis.fetch;
    const patched = ((input: string, init?: RequestInit) => ours(input, init)) as typeof fetch; // another extension's patch over ours
    globalThis.fetch = patched;
    assert.equal(await withGlobalFetch(async () => new Response('s2'), async () => (await fetch('q')).text()), 's2');
    assert.notEqual(globalThis.fetch, patched, 're-installed over the patch');
    assert.equal(await (await fetch('r')).text(), 'first', 'outside: through the patch to the first original');
  });
});
