// highlight.js core with a chosen set of languages: all of them would add ~1 MB to the bundle.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import css from './cssGrammar';
import sql from './sqlGrammar';

// JavaScript is highlighted by the TypeScript grammar (a superset): a separate grammar would add
// 6 KB for the same colours. C/C++, Java, Rust and Markdown blocks are shown unhighlighted: their
// grammars (14 KB) do not fit the webview's 250 KB budget; the block still shows its language.
const languages = { bash, css, diff, go, json, python, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
// Fence tags models use that the grammars do not alias themselves.
hljs.registerAliases(['javascript', 'js', 'jsx', 'mjs', 'cjs', 'node', 'tsx', 'mts', 'cts'], { languageName: 'typescript' });
hljs.registerAliases(['shell', 'console', 'sh', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['html', 'svg', 'vue', 'svelte'], { languageName: 'xml' });
hljs.registerAliases(['jsonc', 'json5'], { languageName: 'json' });
hljs.registerAliases(['patch'], { languageName: 'diff' });

const cache = new Map<string, string>();
const CACHE_ENTRIES = 300;
const CACHE_CHARS = 4_000_000;
let cachedChars = 0;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Highlighted HTML for a code block (hljs escapes the code), or the escaped code for an unknown
 * language. Cached: while an answer streams, its finished code blocks are not highlighted again.
 */
export function highlight(code: string, language: string | undefined): string {
  const lang = language && hljs.getLanguage(language) ? language : undefined;
  if (!lang) return escapeHtml(code);
  const key = `${lang}\u0000${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  while (cache.size > 0 && (cache.size >= CACHE_ENTRIES || cachedChars + key.length + html.length > CACHE_CHARS)) {
    const oldest = cache.keys().next().value!;
    cachedChars -= oldest.length + cache.get(oldest)!.length;
    cache.delete(oldest);
  }
  cache.set(key, html);
  cachedChars += key.length + html.length;
  return html;
}
