// Model output → safe DOM. Three layers, each enough on its own for script: raw HTML in the
// Markdown is shown as text (never parsed as HTML), DOMPurify keeps only an allowlist of tags and
// attributes, and the CSP allows no inline script. Links never navigate the webview: the panel
// asks the host to open them (http/https/mailto only) when clicked.
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { isSafeExternalLink } from '@shared/protocol/chat';
import { escapeHtml, highlight } from './highlight';

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? '').trim().split(/\s+/)[0]!.toLowerCase().replace(/[^a-z0-9+#._-]/g, '').slice(0, 30);
      return `<pre><code class="hljs${language ? ` language-${language}` : ''}">${highlight(text, language || undefined)}</code></pre>\n`;
    },
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

const ALLOWED_TAGS = [
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'li', 'ol', 'p', 'pre',
  's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'src', 'alt', 'align', 'start', 'colspan', 'rowspan'];
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]+$/i;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!isSafeExternalLink(href)) node.removeAttribute('href');
    else node.setAttribute('title', href);
  } else if (node.nodeName === 'IMG') {
    // Remote images are never loaded (tracking pixels, and the CSP would block them anyway).
    const src = node.getAttribute('src') ?? '';
    if (!INLINE_IMAGE.test(src)) node.removeAttribute('src');
  }
});

const PURIFY = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);base64,)/i,
  RETURN_DOM_FRAGMENT: true as const,
};

/** Quote markers kept at the start of a line: deeper nesting only costs the parser stack. */
const DEEP_QUOTES = /^((?: {0,3}>){8})(?: {0,3}>)+/gm;
/** Quotes and lists nested this deep (alternating, so not cut above) would squeeze text to nothing. */
const TOO_DEEP = ':is(blockquote,ol,ul) '.repeat(12) + '*';

/**
 * Markdown as a sanitized fragment, with a toolbar on every code block; `replaceLabel` names where
 * Replace puts the code (default: the editor's selection). Never blank: when rendering fails (a
 * RangeError from nesting too deep), nests too deep to read, or loses all the text, the answer is
 * shown as plain text.
 */
export function renderMarkdown(text: string, replaceLabel = 'Replace selection'): DocumentFragment {
  try {
    const fragment = render(text.replace(DEEP_QUOTES, '$1'), replaceLabel);
    const shown = fragment.textContent!.trim() || !text.trim() || fragment.querySelector('img,hr');
    if (shown && !fragment.querySelector(TOO_DEEP)) return fragment;
  } catch {
    // shown as plain text below
  }
  const p = document.createElement('p');
  p.className = 'plain';
  p.textContent = text; // text, never HTML
  const fragment = document.createDocumentFragment();
  fragment.append(p);
  return fragment;
}

function render(text: string, replaceLabel: string): DocumentFragment {
  const html = marked.parse(text) as string;
  const fragment = DOMPurify.sanitize(html, PURIFY);
  for (const img of fragment.querySelectorAll('img:not([src])')) {
    const note = document.createElement('span');
    note.className = 'blocked-image';
    note.textContent = `[image not loaded${img.getAttribute('alt') ? `: ${img.getAttribute('alt')}` : ''}]`;
    img.replaceWith(note);
  }
  for (const pre of fragment.querySelectorAll('pre')) decorateCodeBlock(pre, replaceLabel);
  return fragment;
}

function button(action: string, icon: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'code-action';
  b.dataset.codeAction = action;
  b.title = label;
  b.setAttribute('aria-label', label);
  const i = document.createElement('span');
  i.className = `codicon codicon-${icon}`;
  i.setAttribute('aria-hidden', 'true');
  b.append(i);
  return b;
}

function decorateCodeBlock(pre: HTMLPreElement, replaceLabel: string): void {
  const code = pre.querySelector('code');
  const language = /(?:^|\s)language-([^\s]+)/.exec(code?.className ?? '')?.[1] ?? '';
  const block = document.createElement('div');
  block.className = 'code-block';
  const header = document.createElement('div');
  header.className = 'code-header';
  const name = document.createElement('span');
  name.className = 'code-language';
  name.textContent = language || 'text';
  const actions = document.createElement('span');
  actions.className = 'code-actions';
  actions.append(button('copy', 'copy', 'Copy'), button('insert', 'insert', 'Insert at cursor'), button('replace', 'replace', replaceLabel));
  header.append(name, actions);
  pre.replaceWith(block);
  block.append(header, pre);
  pre.tabIndex = 0; // long lines scroll sideways: reachable with the keyboard
}

export type CodeAction = 'copy' | 'insert' | 'replace';

/** The code action a click inside rendered Markdown asks for, if any. */
export function codeActionOf(target: EventTarget | null): { action: CodeAction; code: string; button: HTMLButtonElement } | undefined {
  const b = (target as Element | null)?.closest?.('button[data-code-action]');
  if (!(b instanceof HTMLButtonElement)) return undefined;
  const action = b.dataset.codeAction;
  if (action !== 'copy' && action !== 'insert' && action !== 'replace') return undefined;
  const code = b.closest('.code-block')?.querySelector('pre code, pre')?.textContent ?? '';
  return { action, code, button: b };
}
