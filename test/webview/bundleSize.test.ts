// Size of the chat webview bundle as `node esbuild.mjs --production` makes it (same entry, same
// plugin and options), built into a temporary directory so dist/ is left alone.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
// @ts-expect-error plain ESM module without types
import { grammarBuildOptions, webviewBuildOptions } from '../../webview/buildOptions.mjs';
import { repoRoot } from './harness';

// The budget is 250 KB. The fixed part alone (svelte runtime, marked, DOMPurify, zod, highlight.js
// core) is ~191 KB; no grammar is in it: each is its own file, loaded when a code block needs it
// (webview/lib/highlight.ts, dist/grammars/).
const JS_LIMIT_BYTES = 250_000;
const CSS_LIMIT_BYTES = 25_000;

describe('chat webview bundle size', () => {
  it(`stays under ${JS_LIMIT_BYTES / 1000} KB of minified JS`, async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'switchboard-webview-'));
    try {
      const result = await esbuild.build({ ...webviewBuildOptions({ production: true, outdir }), absWorkingDir: repoRoot, metafile: true, logLevel: 'error' });
      const outputs = Object.entries(result.metafile!.outputs);
      const js = outputs.find(([f]) => f.endsWith('webview.js'))![1];
      const css = outputs.find(([f]) => f.endsWith('webview.css'))![1];
      const parts = new Map<string, number>();
      for (const [file, info] of Object.entries(js.inputs)) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
        const key = pkg === 'highlight.js' ? (file.includes('/languages/') ? 'highlight.js languages' : 'highlight.js core') : pkg ?? (file.startsWith('webview/lib/') && file.includes('Grammar') ? 'own grammars (css, sql)' : 'app (webview/ + src/shared/)');
        parts.set(key, (parts.get(key) ?? 0) + info.bytesInOutput);
      }
      const lines = [...parts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${(v / 1000).toFixed(1).padStart(6)} KB  ${k}`);
      console.log(`      webview.js ${(js.bytes / 1000).toFixed(1)} KB, webview.css ${(css.bytes / 1000).toFixed(1)} KB\n${lines.map((l) => `      ${l}`).join('\n')}`);
      assert.ok(js.bytes <= JS_LIMIT_BYTES, `webview.js is ${js.bytes} bytes`);
      assert.ok(css.bytes <= CSS_LIMIT_BYTES, `webview.css is ${css.bytes} bytes`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('builds a grammar file for every common fence language, none of them in webview.js', async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'switchboard-grammars-'));
    try {
      const result = await esbuild.build({ ...grammarBuildOptions({ production: true, outdir }), absWorkingDir: repoRoot, metafile: true, logLevel: 'error' });
      const files = new Map(Object.entries(result.metafile!.outputs).map(([f, o]) => [path.basename(f, '.js'), o.bytes]));
      const grammars: Record<string, string[]> = JSON.parse(readFileSync(path.join(repoRoot, 'webview', 'lib', 'grammars.json'), 'utf8'));
      const fileOf = (tag: string) => Object.entries(grammars).find(([name, aliases]) => name === tag || aliases.includes(tag))?.[0];
      const tags = ['c', 'cpp', 'cs', 'java', 'kotlin', 'rust', 'go', 'swift', 'php', 'ruby', 'python', 'ts', 'js', 'sh', 'sql', 'yaml', 'toml', 'json', 'html', 'xml', 'css', 'markdown', 'dockerfile', 'diff'];
      for (const tag of tags) assert.ok(files.get(fileOf(tag) ?? '?'), `a grammar file for \`\`\`${tag}`);
      const largest = Math.max(...files.values());
      console.log(`      ${files.size} grammar files, ${([...files.values()].reduce((a, b) => a + b, 0) / 1000).toFixed(1)} KB in all, largest ${(largest / 1000).toFixed(1)} KB`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
