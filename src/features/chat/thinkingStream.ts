// The model's reasoning ("thinking") as the panel shows it: collected into the answer's
// `thinking` (never its text), batched to the webview like answer deltas (`part: 'thinking'`),
// and bounded like the answer (answerCap.ts) so a model that thinks without end cannot fill the
// host's memory or a message. Past the cap the thinking is dropped and the answer goes on: it is
// the answer that matters. A continued answer adds to the thinking it had, after a blank line.
import { AnswerCap, DEFAULT_MAX_ANSWER_CHARS } from '../../core/llm/answerCap';
import type { Clock } from '../../core/clock';
import type { UiMessage } from '../../shared/protocol/chat';
import { DeltaBatcher } from './deltaBatcher';

/** Longest thinking kept per answer, in characters (the answer cap's default). */
export const MAX_THINKING_CHARS = DEFAULT_MAX_ANSWER_CHARS;

export class ThinkingStream {
  private readonly cap: AnswerCap;
  private readonly batcher: DeltaBatcher;
  private separator: string;

  constructor(message: UiMessage, post: (text: string) => void, clock: Clock, intervalMs: number, limit = MAX_THINKING_CHARS) {
    this.separator = message.thinking ? '\n\n' : '';
    this.cap = new AnswerCap(limit, message.thinking?.length ?? 0);
    this.batcher = new DeltaBatcher((text) => {
      message.thinking = (message.thinking ?? '') + text;
      post(text);
    }, clock, intervalMs);
  }

  push(text: string): void {
    if (!text) return;
    const kept = this.cap.take(this.separator + text);
    this.separator = '';
    this.batcher.push(kept);
  }

  /** Hands on what is pending now (before answer text or a status, so the order stays). */
  flush(): void {
    this.batcher.flush();
  }
}
