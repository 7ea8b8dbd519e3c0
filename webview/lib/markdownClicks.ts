// Clicks inside a rendered answer (Markdown.svelte): the code blocks' Copy / Insert / Replace, and
// links, which never navigate the webview: the host opens a safe one in the browser.
import { isSafeExternalLink } from '@shared/protocol/chat';
import { codeActionOf } from './codeBlocks';
import { post } from '../vscodeApi';

/** `ref`: the message clicked in, so the host can find the code its question was about. */
export function onMarkdownClick(event: MouseEvent, ref: { conversationId: string; messageId: string } | undefined): void {
  const code = codeActionOf(event.target);
  if (code) {
    event.preventDefault();
    if (code.action === 'copy') {
      post({ type: 'copyCode', code: code.code });
      const icon = code.button.querySelector('.codicon');
      icon?.classList.replace('codicon-copy', 'codicon-check');
      code.button.setAttribute('aria-label', 'Copied');
      setTimeout(() => {
        icon?.classList.replace('codicon-check', 'codicon-copy');
        code.button.setAttribute('aria-label', 'Copy');
      }, 1500);
    } else {
      if (code.action === 'insert') post({ type: 'insertCode', code: code.code });
      else post({ type: 'replaceSelection', code: code.code, ...ref });
    }
    return;
  }
  const link = (event.target as Element | null)?.closest?.('a');
  if (link) {
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href && isSafeExternalLink(href)) post({ type: 'openLink', href });
  }
}
