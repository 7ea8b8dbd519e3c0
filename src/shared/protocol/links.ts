// Which links the panel may ask the host to open. Its own module, free of zod: the webview's
// Markdown renderer (a bundle of its own, webview/renderer.ts) strips every other href with it.

/** The longest href either side accepts. */
export const MAX_HREF_LENGTH = 8_192;

/** An http(s) URL with a host, or a mailto: with an address; nothing else is opened or kept. */
export function isSafeExternalLink(href: string): boolean {
  if (href.length > MAX_HREF_LENGTH) return false;
  try {
    const url = new URL(href);
    if (url.protocol === 'mailto:') return url.pathname.length > 0;
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
