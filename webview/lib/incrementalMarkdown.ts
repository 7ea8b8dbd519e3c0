// Streaming Markdown in time independent of the answer's length (issue 19). The text is lexed
// into top-level blocks (marked's lexer). Every block but the last is finished: in CommonMark a
// block that another block follows cannot change any more, so its sanitized DOM is kept and never
// touched again, and the next update lexes only the text after it. The last block (with any
// blank lines after it: a list may still continue) is open: it is rendered again per update,
// except a fenced code block still streaming, whose new text is appended to its <code> as text,
// and a block that only grew inside its last plain text (grownText.ts), whose text node gets it.
//
// Falls back to rendering everything as open (work that grows with the answer, but correct):
// - when the text is replaced, not appended to (final text differs, another conversation);
// - while the text holds a link reference definition (`[x]: https://…`), which can change
//   blocks before it: the whole text is lexed on every update, so definitions and references
//   meet as in a full render. Rare in model output; chosen over tracking which block uses which label;
// - when the lexer does not consume the tail exactly (CR line ends, quotes nested past 8 levels).
// The result is the same DOM a full `renderMarkdown` gives (test/webview/incrementalMarkdown.test.ts).
import type { Token, TokensList } from 'marked';
import { highlightLater } from './codeHighlighter';
import { grownLeaf, trailingTextNode } from './grownText';
import { lexMarkdown, plainFragment, renderTokens, showsSomething } from './markdown';

const rawLength = (tokens: Token[]): number => tokens.reduce((n, t) => n + t.raw.length, 0);

export class IncrementalMarkdown {
  /** The text shown. */
  text = '';
  private final = false;
  /** Characters at the start of `text` that are finished blocks, already in `root`. */
  private doneLength = 0;
  private doneShows = false;
  /** The open block's nodes: the last children of `root`. */
  private open: ChildNode[] = [];
  private openShows = false;
  /** The open block when it is a fenced code block: its <code>, and the code it shows. */
  private openCode: { lang: string; text: string; code: HTMLElement } | undefined;
  /** The open block's token, when it is one block (what the next update compares with). */
  private openToken: Token | undefined;
  private plain = false;
  /**
   * The finished blocks, in a box of their own before the open block: an update then lays out the
   * answer's few children, not each of its hundreds of blocks (their box is unchanged).
   */
  private blocks = finishedBlocks();

  constructor(private readonly root: HTMLElement, readonly replaceLabel: string) {
    root.replaceChildren(this.blocks);
  }

  /** Shows `text`; `final` once it will not grow any more (its last code block is highlighted then). */
  update(text: string, final: boolean): void {
    if (text === this.text) {
      if (final && !this.final) this.highlightOpen();
      this.final = final;
      return;
    }
    if (this.plain || !text.startsWith(this.text)) this.reset();
    this.text = text;
    this.final = final;
    const tail = text.slice(this.doneLength);
    let tokens: TokensList;
    try {
      tokens = lexMarkdown(tail);
    } catch {
      return this.showPlain(); // nested too deep for the lexer
    }
    const exact = rawLength(tokens) === tail.length && Object.keys(tokens.links).length === 0;
    if (!exact && this.doneLength > 0) {
      this.reset();
      return this.update(text, final);
    }
    let last = tokens.length - 1;
    while (last > 0 && tokens[last]!.type === 'space') last--;
    const cut = exact ? Math.max(last, 0) : 0;
    if (cut > 0) {
      const done = tokens.slice(0, cut);
      const fragment = renderTokens(done, this.replaceLabel);
      if (!fragment) return this.showPlain();
      highlightLater(fragment);
      this.doneShows ||= showsSomething(fragment);
      this.removeOpen();
      this.blocks.append(fragment);
      this.doneLength += rawLength(done);
    }
    const rest = tokens.slice(cut);
    if (!this.appendToOpenCode(rest) && !this.appendToOpenText(rest)) {
      const fragment = renderTokens(rest, this.replaceLabel);
      if (!fragment) return this.showPlain();
      this.removeOpen();
      this.openShows = showsSomething(fragment);
      const token = rest.length === 1 ? rest[0] : undefined;
      const code = token?.type === 'code' && !token.codeBlockStyle ? fragment.querySelector('code') : null;
      this.openCode = code && token?.type === 'code' ? { lang: token.lang ?? '', text: token.text, code } : undefined;
      this.open = [...fragment.childNodes];
      this.openToken = rest.length === 1 ? rest[0] : undefined;
      this.root.append(fragment);
    }
    if (final) this.highlightOpen();
    if (!this.doneShows && !this.openShows && text.trim()) this.showPlain();
  }

  /** A fence still open that only grew: its new code appended as a text node (never HTML). */
  private appendToOpenCode(rest: Token[]): boolean {
    const token = rest[0];
    const open = this.openCode;
    if (rest.length !== 1 || token?.type !== 'code' || token.codeBlockStyle || !open || open.lang !== (token.lang ?? '') || !token.text.startsWith(open.text)) return false;
    open.code.append(token.text.slice(open.text.length));
    open.text = token.text;
    this.openToken = token;
    return true;
  }

  /** The open block only grew inside its last plain text: the new characters appended to that text node. */
  private appendToOpenText(rest: Token[]): boolean {
    const token = rest[0];
    if (rest.length !== 1 || !token || !this.openToken) return false;
    const grown = grownLeaf(this.openToken, token);
    const node = grown && trailingTextNode(this.open, grown.before);
    if (!grown || !node) return false;
    node.appendData(grown.added);
    this.openToken = token;
    return true;
  }

  private highlightOpen(): void {
    for (const node of this.open) if (node instanceof Element) highlightLater(node);
  }

  private removeOpen(): void {
    for (const node of this.open) node.remove();
    this.forgetOpen();
  }

  /** No open block any more (its nodes were removed by the caller). */
  private forgetOpen(): void {
    this.open = [];
    this.openCode = undefined;
    this.openToken = undefined;
    this.openShows = false;
  }

  private showPlain(): void {
    const text = this.text;
    this.reset();
    this.text = text;
    this.plain = true;
    this.root.replaceChildren(plainFragment(text));
  }

  private reset(): void {
    this.blocks = finishedBlocks();
    this.root.replaceChildren(this.blocks);
    this.text = '';
    this.doneLength = 0;
    this.doneShows = false;
    this.forgetOpen();
    this.plain = false;
  }
}

function finishedBlocks(): HTMLElement {
  const box = document.createElement('div');
  box.className = 'blocks';
  return box;
}
