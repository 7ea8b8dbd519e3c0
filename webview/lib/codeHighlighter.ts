// Highlighting off the critical path. A rendered code block shows its code as plain escaped text
// at once; the colours come when the browser is idle (or after TIMEOUT_MS at the latest). A block
// longer than LONG_LINES is highlighted only once it scrolls into view, and its <pre> gets
// `content-visibility: auto`, so the browser neither lays out nor paints it while off screen.
// Highlighted HTML goes through the same sanitizer as the Markdown.
import { hasGrammar, highlight, loadGrammar } from './highlight';
import { sanitize } from './sanitize';

const LONG_LINES = 500;
const TIMEOUT_MS = 150;

const idle: (run: () => void) => void = typeof requestIdleCallback === 'function'
  ? (run) => requestIdleCallback(run, { timeout: TIMEOUT_MS })
  : (run) => setTimeout(run, 0);

let observer: IntersectionObserver | undefined;

function colour(code: HTMLElement, language: string): void {
  // The grammar loads on first use (its own file); the block stays plain text if it cannot.
  void loadGrammar(language).then((ready) => {
    if (!ready || !code.isConnected || code.querySelector('span')) return; // replaced meanwhile, or done
    code.replaceChildren(sanitize(highlight(code.textContent ?? '', language)));
  });
}

/** Highlights the `<code>` of every finished code block in `root` soon, without blocking now. */
export function highlightLater(root: ParentNode): void {
  for (const code of root.querySelectorAll<HTMLElement>('pre > code')) {
    const language = /(?:^|\s)language-(\S+)/.exec(code.className)?.[1];
    if (!language || !hasGrammar(language)) continue;
    const pre = code.parentElement!;
    const lines = (code.textContent ?? '').split('\n').length;
    if (lines <= LONG_LINES || typeof IntersectionObserver !== 'function') {
      idle(() => colour(code, language));
      continue;
    }
    // Set through the CSSOM, which the CSP allows (a style attribute it would not).
    pre.style.setProperty('content-visibility', 'auto');
    pre.style.setProperty('contain-intrinsic-size', `auto ${Math.ceil(lines * 1.45)}em`);
    observer ??= new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer!.unobserve(entry.target);
        const c = entry.target.querySelector<HTMLElement>(':scope > code');
        const lang = c && /(?:^|\s)language-(\S+)/.exec(c.className)?.[1];
        if (c && lang) idle(() => colour(c, lang));
      }
    }, { rootMargin: '400px 0px' });
    observer.observe(pre);
  }
}
