import { mount } from 'svelte';
import { checkChatOutbound } from '@shared/protocol/chat';
import App from './App.svelte';
import { chat } from './lib/ChatState.svelte';
import { loadMarkdownRenderer } from './lib/markdownRenderer';
import './styles.css';
import './codeBlocks.css';

// Every host message is validated with the shared schema; anything else is dropped and counted.
const dropped = new Map<string, number>();
window.addEventListener('message', (event: MessageEvent) => {
  const parsed = checkChatOutbound(event.data);
  if (parsed.ok) {
    chat.apply(parsed.message);
    return;
  }
  const n = (dropped.get(parsed.kind) ?? 0) + 1;
  dropped.set(parsed.kind, n);
  if (n === 1 || n % 100 === 0) globalThis.console.warn(`Switchboard: dropped ${n} invalid "${parsed.kind}" message(s) from the host: ${parsed.reason.slice(0, 200)}`);
});

// Nothing in the panel navigates: links are opened by the host (see Markdown.svelte), and a
// stray <a> or form anywhere else must not load a page into the webview.
document.addEventListener('click', (event) => {
  if ((event.target as Element | null)?.closest?.('a')) event.preventDefault();
}, true);
document.addEventListener('submit', (event) => event.preventDefault(), true);

const target = document.getElementById('app');
if (!target) throw new Error('Switchboard: #app missing from the webview HTML');
mount(App, { target });
// The Markdown renderer is not needed for the first paint: fetch it just after (an answer on
// screen asks for it sooner, Markdown.svelte).
requestAnimationFrame(() => setTimeout(() => void loadMarkdownRenderer()));
