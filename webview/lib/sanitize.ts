// The one DOMPurify configuration of the panel: Markdown output and highlighted code both go
// through it. Only an allowlist of tags and attributes survives; links keep an href only when the
// host may open it (http/https/mailto), and images only an inline data: picture.
import DOMPurify from 'dompurify';
import { isSafeExternalLink } from '@shared/protocol/links';

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

export function sanitize(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, PURIFY);
}
