// The webview side of the VS Code bridge: acquireVsCodeApi() may be called only once per page.
import type { ChatInbound } from '@shared/protocol/chat';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();

/** Posts a typed message to the extension host (the host validates it again). */
export function post(message: ChatInbound): void {
  vscode.postMessage(message);
}

/** What survives the view being hidden, the window reloading: the draft and where the user had scrolled. */
export interface ViewState {
  draft: string;
  /**
   * `shown`: how many of the newest messages were in the list (MessageList adds older ones as the
   * user scrolls up); `anchor`: the first message in view and how far its top was from the list's.
   */
  scroll?: { conversationId: string; top: number; atBottom: boolean; shown?: number; anchor?: ScrollAnchor };
}

export interface ScrollAnchor {
  messageId: string;
  offset: number;
}

export function loadViewState(): ViewState {
  const s = vscode.getState() as Partial<ViewState> | undefined;
  const draft = typeof s?.draft === 'string' ? s.draft.slice(0, 1_000_000) : '';
  const scroll = s?.scroll;
  const validScroll = scroll && typeof scroll.conversationId === 'string' && typeof scroll.top === 'number' && typeof scroll.atBottom === 'boolean';
  if (!validScroll) return { draft };
  const shown = typeof scroll.shown === 'number' && Number.isInteger(scroll.shown) && scroll.shown > 0 ? scroll.shown : undefined;
  const a = scroll.anchor;
  const anchor = a && typeof a.messageId === 'string' && Number.isFinite(a.offset) ? { messageId: a.messageId, offset: a.offset } : undefined;
  return { draft, scroll: { conversationId: scroll.conversationId, top: scroll.top, atBottom: scroll.atBottom, ...(shown ? { shown } : {}), ...(anchor ? { anchor } : {}) } };
}

let pending: ViewState | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Saves a part of the view state (coalesced: typing does not call setState per keystroke). */
export function saveViewState(patch: Partial<ViewState>): void {
  pending = { ...(pending ?? loadViewState()), ...patch };
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    if (pending) vscode.setState(pending);
    pending = undefined;
  }, 150);
}
