// The cheapest streamed update: the open block only grew at its very end, inside plain text (a
// paragraph, heading, list item or quote gaining words). Then a full render of it would give the
// same DOM with more characters in its last text node, so the new characters are appended to that
// node as text (never HTML) instead of rendering, sanitizing and replacing the block again, which
// would also make the browser style and lay out its elements anew. Anything else — a new inline
// span (`**`, a link, an autolink), a different block type, a list turning loose, an `&` (an
// entity may be forming) — answers undefined and the block is rendered as before.
import type { Token } from 'marked';

/** Keys whose values hold the text or the children, compared separately. */
const CONTENT_KEYS = new Set(['raw', 'text', 'tokens', 'items']);

const childrenOf = (t: Token): Token[] | undefined => ('items' in t && Array.isArray(t.items) ? t.items : 'tokens' in t && Array.isArray(t.tokens) ? t.tokens : undefined);

/**
 * When `next` is `prev` with text added to its last plain-text leaf only: that leaf's old text and
 * the characters added. Every other property (depth, ordered, loose, task, href…) must be equal,
 * and every child but the last must have the same source.
 */
export function grownLeaf(prev: Token, next: Token): { before: string; added: string } | undefined {
  if (prev.type !== next.type) return undefined;
  const a = prev as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (CONTENT_KEYS.has(key)) continue;
    const va = a[key];
    const vb = b[key];
    if (va !== vb || (typeof vb === 'object' && vb !== null)) return undefined;
  }
  const kids = childrenOf(next);
  const oldKids = childrenOf(prev);
  if (!kids || !oldKids) return plainLeaf(prev, next);
  if (kids.length !== oldKids.length || kids.length === 0) return undefined;
  for (let i = 0; i < kids.length - 1; i++) if (kids[i]!.raw !== oldKids[i]!.raw) return undefined;
  return grownLeaf(oldKids.at(-1)!, kids.at(-1)!);
}

function plainLeaf(prev: Token, next: Token): { before: string; added: string } | undefined {
  if (next.type !== 'text' || !('text' in prev) || typeof prev.text !== 'string') return undefined;
  const before = prev.text;
  const after = next.text;
  // `&` is left to the renderer: marked keeps `&amp;` as an entity, a text node would show it raw.
  if (after.length <= before.length || !after.startsWith(before) || after.includes('&') || !before.trim()) return undefined;
  return { before, added: after.slice(before.length) };
}

/**
 * The text node a rendered block ends with (its last characters, past the line breaks marked puts
 * between tags), when it ends with `before`; otherwise undefined.
 */
export function trailingTextNode(nodes: readonly ChildNode[], before: string): Text | undefined {
  const lastMeaningful = (list: ArrayLike<ChildNode>): ChildNode | undefined => {
    for (let i = list.length - 1; i >= 0; i--) if (!(list[i]!.nodeType === Node.TEXT_NODE && !list[i]!.textContent!.trim())) return list[i];
    return undefined;
  };
  let node = lastMeaningful(nodes);
  while (node && node.nodeType === Node.ELEMENT_NODE) node = lastMeaningful(node.childNodes);
  return node instanceof Text && node.data.endsWith(before) ? node : undefined;
}
