// webview/lib/incrementalMarkdown.ts in Chromium (issue 19): streamed in any chunking, the DOM
// equals a full `renderMarkdown` of the same text after every update, and one update costs about
// the same at 1k and 50k characters. The two modules are bundled on their own (esbuild, in memory)
// into a blank page (with the TypeScript grammar registered as its grammar file would). Run: npx mocha --import=tsx --timeout 60000 test/webview/incrementalMarkdown.test.ts
import { strict as assert } from 'node:assert';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { repoRoot, startHarness, type Harness } from './harness';

const TRICKY = [
  'Intro paragraph with *emphasis*.\n\n- one\n- two\n\n- three (loose now)\n  continued\n\n1. first\n2. second\n\nAfter.\n',
  'Text\n\n```ts\nconst a = 1;\n\nfunction f() {\n  return `x`;\n}\n```\n\nAfter the code.\n\n~~~\nplain\n~~~\n',
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n\nSetext\n===\n\npara\n---\n',
  '> quote\n> > nested\n> > more\nlazy line\n\n> again\n\n<div onclick="x()">\n<img src=x onerror=alert(1)>\n</div>\n\n<script>alert(1)</script>\n\nend',
  'Before\n\n```python\ndef f():\n    return 1\n\n# never closed',
  'A [link](https://example.com) and ![img](https://t.example/p.png)\n\n    indented code\n\n    more\n\n* [ ] task\n* [x] done\n',
  'See [the docs][d] and [more][d].\n\nMiddle\n\n[d]: https://example.com/docs "Docs"\n\nAfter the definition.\n',
  '# Title\n\nline one  \nline two\n\n***\n\n```\n``` not a close\n```\n\n-  - nested\n   - list\n\nfin',
  // Text that only grows, then turns into something else (grownText.ts must step aside each time).
  'AT&amp;T, &copy; 2024, &#x27;q&#x27; &am and <b>raw</b> 1 < 2 > 0\nnext line *starts em and ends* here `code\nspans` too\\\nhard break **bold** end\n',
  'Visit www.example.com or https://example.com/a_b, mail someone@example.com.\nText then\n===\n\nPara\n---\nfoo\n| a | b |\n| - | - |\n| 1 | 2 |\n',
  '## Heading grows ##\n\n- item one grows\n  still item one\n- item two\n\n  now loose\n\n> quoted text grows\n> and more\n\n1) ordered\n2) list grows\n',
];

function chunks(text: string, size: number | 'random', seed = 7): string[] {
  const out: string[] = [];
  let s = seed;
  for (let i = 0; i < text.length;) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const n = size === 'random' ? 1 + (s % 23) : size;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

describe('incremental Markdown (Chromium)', function () {
  let h: Harness;
  let page: Page;

  before(async () => {
    h = await startHarness();
    const built = await esbuild.build({
      stdin: { contents: "import { IncrementalMarkdown } from './webview/lib/incrementalMarkdown'; import { renderMarkdown } from './webview/lib/markdown'; import ts from 'highlight.js/lib/languages/typescript'; Object.assign(window, { IncrementalMarkdown, renderMarkdown }); (globalThis as any).__switchboardGrammar('typescript', ts);", resolveDir: repoRoot, loader: 'ts' },
      bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', absWorkingDir: repoRoot, tsconfig: 'webview/tsconfig.json', logLevel: 'error',
    });
    page = await h.browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: built.outputFiles[0]!.text });
    // tsx (esbuild keepNames) wraps the functions the tests define in __name(): the page needs it too.
    await page.evaluate('globalThis.__name = (f) => f');
  });
  after(async () => h?.close());

  /** Streams `parts` and returns the first update whose DOM differs from a full render of the same text. */
  const stream = (parts: string[]) => page.evaluate((parts) => {
    type Md = { update(text: string, final: boolean): void };
    const w = window as unknown as { IncrementalMarkdown: new (el: HTMLElement, label: string) => Md; renderMarkdown(t: string, l: string): DocumentFragment };
    const el = document.createElement('div');
    const md = new w.IncrementalMarkdown(el, 'Replace selection');
    // The finished blocks' box unwrapped: the blocks in it, then the open block, are the full render's.
    const flat = (root: HTMLElement) => {
      const copy = root.cloneNode(true) as HTMLElement;
      const box = copy.querySelector(':scope > .blocks');
      box?.replaceWith(...box.childNodes);
      return copy.innerHTML;
    };
    let text = '';
    for (const [i, part] of parts.entries()) {
      text += part;
      md.update(text, i === parts.length - 1 && false);
      const full = document.createElement('div');
      full.append(w.renderMarkdown(text, 'Replace selection'));
      if (full.innerHTML !== flat(el)) return { text, incremental: flat(el), full: full.innerHTML };
    }
    return undefined;
  }, parts);

  for (const [n, input] of TRICKY.entries()) {
    it(`tricky input ${n + 1}: equal to a full render after every update, in every chunking`, async () => {
      for (const size of [1, 2, 3, 5, 8, 13, 40, 'random'] as const) {
        const diff = await stream(chunks(input, size));
        assert.equal(diff, undefined, `chunks of ${size}: ${JSON.stringify(diff)}`);
      }
    });
  }

  it('a replaced text (not appended) renders in full; the XSS stays inert', async () => {
    const diff = await stream(['# One\n\nfirst answer\n', '<img src=x onerror="window.__pwned=1">'.replace(/^/, '# Two\n\n'), '\n\n- a\n']);
    assert.equal(diff, undefined);
    const replaced = await page.evaluate(() => {
      const w = window as unknown as { IncrementalMarkdown: new (el: HTMLElement, label: string) => { update(t: string, f: boolean): void } };
      const el = document.createElement('div');
      const md = new w.IncrementalMarkdown(el, 'Replace selection');
      md.update('# One\n\nfirst\n\nsecond', false);
      md.update('Other <b onclick=x>answer</b>', true);
      return el.innerHTML;
    });
    assert.equal(replaced, '<div class="blocks"></div><p>Other &lt;b onclick=x&gt;answer&lt;/b&gt;</p>\n');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  });

  it('an open fence grows by appended text; it is highlighted once it closes', async () => {
    const r = await page.evaluate(async () => {
      const w = window as unknown as { IncrementalMarkdown: new (el: HTMLElement, label: string) => { update(t: string, f: boolean): void } };
      const el = document.createElement('div');
      document.body.append(el);
      const md = new w.IncrementalMarkdown(el, 'Replace selection');
      md.update('Intro\n\n```ts\nconst a = 1;\n', false);
      const code = el.querySelector('pre code')!;
      md.update('Intro\n\n```ts\nconst a = 1;\nconst b = 2;\n', false);
      const same = el.querySelector('pre code') === code && code.childNodes.length === 2 && !code.querySelector('span');
      md.update('Intro\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n\nDone.', false);
      await new Promise((r) => setTimeout(r, 400));
      return { same, highlighted: el.querySelectorAll('pre code .hljs-keyword').length, code: el.querySelector('pre code')!.textContent };
    });
    assert.ok(r.same, 'the open block was appended to, not rendered again');
    assert.equal(r.highlighted, 2);
    assert.equal(r.code, 'const a = 1;\nconst b = 2;');
  });

  it('a paragraph, heading, list item or quote that only grows gets the new words appended to its text node', async () => {
    const r = await page.evaluate(() => {
      const w = window as unknown as { IncrementalMarkdown: new (el: HTMLElement, label: string) => { update(t: string, f: boolean): void } };
      const el = document.createElement('div');
      const md = new w.IncrementalMarkdown(el, 'Replace selection');
      const kept: boolean[] = [];
      for (const start of ['Some **bold** words', '## A heading', '- first\n- second item', '> a quoted line']) {
        md.update(start, false);
        const element = el.lastElementChild!;
        const last = element.querySelector('li:last-child') ?? element.querySelector('p') ?? element;
        const node = last.lastChild;
        md.update(`${start} grows by`, false);
        md.update(`${start} grows by a few words`, false);
        kept.push(el.lastElementChild === element && last.lastChild === node && node!.textContent!.endsWith('grows by a few words'));
        md.update('', false);
      }
      return kept;
    });
    assert.deepEqual(r, [true, true, true, true], 'the same element and text node, with the new words');
  });

  it('finished blocks sit in one box before the open block: an update lays out the answer\'s two children, and the box is left alone', async () => {
    const r = await page.evaluate(() => {
      const w = window as unknown as { IncrementalMarkdown: new (el: HTMLElement, label: string) => { update(t: string, f: boolean): void } };
      const el = document.createElement('div');
      const md = new w.IncrementalMarkdown(el, 'Replace selection');
      md.update('# Title\n\nFirst paragraph.\n\n- a\n- b\n\nThe last one', false);
      const box = el.firstElementChild!;
      const before = { children: [...el.children].map((c) => c.tagName + (c.className ? `.${c.className}` : '')), inBox: [...box.children].map((c) => c.tagName) };
      let changed = 0;
      new MutationObserver((records) => (changed += records.length)).observe(box, { subtree: true, childList: true, characterData: true });
      md.update('# Title\n\nFirst paragraph.\n\n- a\n- b\n\nThe last one grows', false);
      return new Promise<{ before: typeof before; changed: number; same: boolean }>((res) => setTimeout(() => res({ before, changed, same: el.firstElementChild === box }), 0));
    });
    assert.deepEqual(r.before, { children: ['DIV.blocks', 'P'], inBox: ['H1', 'P', 'UL'] });
    assert.equal(r.same, true);
    assert.equal(r.changed, 0, 'growing the open block does not touch the finished blocks');
  });

  it('one update touches as much DOM at 50k characters as at 1k (only the open block is rendered again)', async () => {
    // Counted, not timed (timings are the bench's: renderCostRatio50kTo1k): the nodes each update
    // adds and removes, which for a whole-answer re-render would grow with the answer.
    const touched = await page.evaluate(async () => {
      const w = window as unknown as { IncrementalMarkdown: new (el: HTMLElement, label: string) => { update(t: string, f: boolean): void } };
      const para = 'Some **bold** text with `code` and a [link](https://example.com), then more words here.\n\n';
      const perUpdate: number[] = [];
      for (const length of [1_000, 50_000]) {
        const el = document.createElement('div');
        document.body.append(el);
        const md = new w.IncrementalMarkdown(el, 'Replace selection');
        let text = para.repeat(Math.ceil(length / para.length)).slice(0, length);
        md.update(text, false);
        let nodes = 0;
        const observer = new MutationObserver((records) => {
          for (const r of records) nodes += r.addedNodes.length + r.removedNodes.length;
        });
        observer.observe(el, { childList: true, subtree: true });
        for (let i = 0; i < 20; i++) {
          text += 'another **batch** of words, '; // inline syntax: the open block renders again
          md.update(text, false);
        }
        await new Promise((res) => setTimeout(res, 0));
        for (const r of observer.takeRecords()) nodes += r.addedNodes.length + r.removedNodes.length;
        observer.disconnect();
        el.remove();
        perUpdate.push(nodes / 20);
      }
      return { k1: perUpdate[0]!, k50: perUpdate[1]! };
    });
    console.log(`      DOM nodes added + removed per update: ${touched.k1} at 1k chars, ${touched.k50} at 50k chars`);
    assert.ok(touched.k1 > 0, 'an update renders the open block again');
    assert.ok(touched.k50 <= touched.k1 + 2, JSON.stringify(touched));
  });
});
