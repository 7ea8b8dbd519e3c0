// Model output → safe DOM. Three layers, each enough on its own for script: raw HTML in the
// Markdown is shown as text (never parsed as HTML), DOMPurify keeps only an allowlist of tags and
// attributes (sanitize.ts), and the CSP allows no inline script. Links never navigate the webview:
// the panel asks the host to open them (http/https/mailto only) when clicked.
// Code blocks come out as plain escaped text; codeHighlighter.ts colours them later. The
// streaming renderer (incrementalMarkdown.ts) renders runs of top-level tokens with
// `renderTokens`; `renderMarkdown` renders a whole text at once.
import { Marked, type Token, type Tokens, type TokensList } from 'marked';
import { decorateCodeBlock } from './codeBlocks';
import { escapeHtml } from './highlight';
import { sanitize } from './sanitize';

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? '').trim().split(/\s+/)[0]!.toLowerCase().replace(/[^a-z0-9+#._-]/g, '').slice(0, 30);
      return `<pre><code class="hljs${language ? ` language-${language}` : ''}">${escapeHtml(text)}</code></pre>\n`;
    },
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/** Quote markers kept at the start of a line: deeper nesting only costs the parser stack. */
const DEEP_QUOTES = /^((?: {0,3}>){8})(?: {0,3}>)+/gm;
/** Quotes and lists nested this deep (alternating, so not cut above) would squeeze text to nothing. */
const TOO_DEEP = ':is(blockquote,ol,ul) '.repeat(12) + '*';

/** Top-level tokens of `text` (deep quotes cut first). Throws RangeError when nesting is too deep. */
export function lexMarkdown(text: string): TokensList {
  return marked.lexer(text.replace(DEEP_QUOTES, '$1'));
}

/**
 * Top-level tokens as a sanitized fragment, with a toolbar on every code block; `replaceLabel`
 * names where Replace puts the code. Undefined when the result nests too deep to read (or
 * rendering throws): the caller shows the answer as plain text.
 */
export function renderTokens(tokens: Token[], replaceLabel: string): DocumentFragment | undefined {
  try {
    const fragment = sanitize(marked.parser(tokens));
    if (fragment.querySelector(TOO_DEEP)) return undefined;
    for (const img of fragment.querySelectorAll('img:not([src])')) {
      const note = document.createElement('span');
      note.className = 'blocked-image';
      note.textContent = `[image not loaded${img.getAttribute('alt') ? `: ${img.getAttribute('alt')}` : ''}]`;
      img.replaceWith(note);
    }
    for (const pre of fragment.querySelectorAll('pre')) decorateCodeBlock(pre, replaceLabel);
    return fragment;
  } catch {
    return undefined;
  }
}

/** Whether a rendered fragment shows anything (some text, a picture or a rule). */
export function showsSomething(fragment: ParentNode): boolean {
  return !!(fragment.textContent!.trim() || fragment.querySelector('img,hr'));
}

/** The whole answer as plain text with its line breaks (never HTML): the fallback when Markdown fails. */
export function plainFragment(text: string): DocumentFragment {
  const p = document.createElement('p');
  p.className = 'plain';
  p.textContent = text;
  const fragment = document.createDocumentFragment();
  fragment.append(p);
  return fragment;
}

/**
 * Markdown as a sanitized fragment, all at once. Never blank: when rendering fails (a RangeError
 * from nesting too deep), nests too deep to read, or loses all the text, the answer is shown as
 * plain text.
 */
export function renderMarkdown(text: string, replaceLabel = 'Replace selection'): DocumentFragment {
  let fragment: DocumentFragment | undefined;
  try {
    fragment = renderTokens(lexMarkdown(text), replaceLabel);
  } catch {
    // shown as plain text below
  }
  return fragment && (showsSomething(fragment) || !text.trim()) ? fragment : plainFragment(text);
}
