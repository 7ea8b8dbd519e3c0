// One request from VS Code's chat, from Switchboard's request run to the parts VS Code shows.
// Pure (no `vscode` import): the provider hands in the part constructors and turns a failure into
// VS Code's error type.
import type { ToolCall } from '../../core/llm/types';
import type { RequestRun } from '../../core/requests/requestService';

export interface ResponseSink {
  text(text: string): void;
  toolCall(call: ToolCall): void;
  /** Absent where VS Code has no thinking part: the thinking is then not shown (never as answer text). */
  thinking?(text: string): void;
  budgetWarning(text: string): void;
}

/** Why a request from VS Code's chat failed, in words for the chat (never a key: errors are redacted upstream). */
export class ChatRequestFailure extends Error {
  constructor(
    message: string,
    /** The pipeline's error code ('budget_exceeded', 'auth', 'rate_limit', …). */
    readonly code: string,
  ) {
    super(message);
    this.name = 'ChatRequestFailure';
  }
}

/**
 * Streams the run into `sink`; resolves once its usage is recorded. A stopped request (the user
 * cancelled) resolves quietly with what was streamed; a failure rejects with ChatRequestFailure,
 * after any partial answer went out.
 */
export async function streamRun(run: RequestRun, sink: ResponseSink): Promise<void> {
  let failure: ChatRequestFailure | undefined;
  for await (const event of run.events) {
    switch (event.type) {
      case 'text':
        sink.text(event.text);
        break;
      case 'thinking':
        sink.thinking?.(event.text);
        break;
      case 'tool_call':
        sink.toolCall(event.call);
        break;
      case 'budgetWarning':
        sink.budgetWarning(event.text);
        break;
      case 'error':
        failure = new ChatRequestFailure(event.error.message, event.error.code);
        break;
      default:
        break; // queued, started, retrying, fallback, usage, ratelimit, finish: the panel's business
    }
  }
  await run.done;
  if (failure) throw failure;
}
