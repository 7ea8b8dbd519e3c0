// highlight.js core; the grammars load on demand. Each grammar is its own file,
// dist/grammars/<name>.js (built by webview/buildOptions.mjs from grammars.json), loaded with a
// <script> carrying the page's nonce (scriptLoader.ts) the first time a code block needs it, so
// every common language is highlighted without growing the panel's bundles. A grammar file
// registers itself through `__switchboardGrammar`. JavaScript uses the TypeScript grammar (a superset).
import hljs from 'highlight.js/lib/core';
import GRAMMARS from './grammars.json';
import { loadScript } from './scriptLoader';

const grammars: Readonly<Record<string, readonly string[]>> = GRAMMARS;
/** Fence tag (lower case) → grammar file name. */
const fileOf = new Map<string, string>();
for (const [name, aliases] of Object.entries(grammars)) {
  fileOf.set(name, name);
  for (const alias of aliases) fileOf.set(alias, name);
}

(globalThis as { __switchboardGrammar?: unknown }).__switchboardGrammar = (name: string, language: Parameters<typeof hljs.registerLanguage>[1]) => {
  if (!Object.prototype.hasOwnProperty.call(grammars, name)) return;
  hljs.registerLanguage(name, language);
  hljs.registerAliases([...grammars[name]!], { languageName: name });
};

function grammarOf(language: string): string | undefined {
  return fileOf.get(language.toLowerCase());
}

/** Whether a fence language can be highlighted (its grammar is loaded or can be). */
export function hasGrammar(language: string): boolean {
  return grammarOf(language) !== undefined;
}

/** Loads the grammar of a fence language once; true when it is ready. Never rejects. */
export async function loadGrammar(language: string): Promise<boolean> {
  const name = grammarOf(language);
  if (!name) return false;
  if (hljs.getLanguage(name)) return true;
  return (await loadScript(`grammars/${name}.js`)) && !!hljs.getLanguage(name);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Highlighted HTML for a code block (hljs escapes the code), or the escaped code while its grammar is not loaded. */
export function highlight(code: string, language: string | undefined): string {
  const name = language && grammarOf(language);
  return name && hljs.getLanguage(name) ? hljs.highlight(code, { language: name, ignoreIllegals: true }).value : escapeHtml(code);
}
