// Demo mode: turns a request nobody scripted into a Scenario that behaves like a real model.
// Order of decisions: a key without "demo" → 401 (chat and model lists alike); a model list →
// the default list; a fault keyword → its fault (see faults.ts); otherwise an answer derived from
// the prompt: an Edit Selection rewrite, an answer about the code sent, a long answer, or a normal
// Markdown answer — streamed in token-sized pieces at the configured pace, after a few sentences of
// thinking when the request asks for the model's thinking (see thinking.ts).

import type http from 'node:http';
import { invalidKey, type FakeProviderName, type Scenario } from '../scenario';
import type { Wire } from '../wire';
import { normalAnswer } from './answers';
import { codeAnswer } from './codeAnswer';
import { editReply } from './edits';
import { AttemptCounter, REFUSAL, failureFor, faultsIn } from './faults';
import { hasDemoKey } from './keys';
import { longAnswer } from './longAnswer';
import { paceFor, tokenPieces, validTokensPerSecond } from './pacing';
import { readPrompt } from './prompt';
import { demoThinking, wantsThinking, type DemoAnswerKind } from './thinking';

export interface DemoOptions {
  /** Streaming pace. Default 60 (about 4 characters per token). */
  tokensPerSecond?: number;
}

export interface DemoRequest {
  provider: FakeProviderName;
  wire: Wire;
  kind: 'chat' | 'models';
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export class DemoResponder {
  readonly tokensPerSecond: number;
  private readonly attempts = new AttemptCounter();

  constructor(options: DemoOptions = {}) {
    this.tokensPerSecond = validTokensPerSecond(options.tokensPerSecond);
  }

  respond(req: DemoRequest): Scenario {
    const pace = paceFor(this.tokensPerSecond);
    const wait = { firstByteDelayMs: pace.firstByteDelayMs };
    if (!hasDemoKey(req.headers)) return { ...invalidKey(), ...wait };
    if (req.kind === 'models') return wait;

    const prompt = readPrompt(req.wire, req.body);
    const faults = faultsIn(prompt.prose);
    if ((faults.rateLimit || faults.overloaded) && this.attempts.failsNow(`${req.provider}\u0000${prompt.text}`)) {
      return { ...failureFor(req.wire, faults), ...wait };
    }
    const finish = faults.refuse ? { finishReason: 'content_filter' as const } : {};
    const kind: DemoAnswerKind = prompt.edit && prompt.block ? 'edit' : faults.long ? 'long' : prompt.block ? 'code' : 'normal';
    const text = faults.refuse
      ? REFUSAL
      : kind === 'edit'
        ? editReply(prompt.block!.code, prompt.block!.lang, prompt.edit!.instruction)
        : kind === 'long'
          ? longAnswer(prompt)
          : kind === 'code'
            ? codeAnswer(prompt, prompt.block!)
            : normalAnswer(prompt);
    const chunks = tokenPieces(text);
    const cut = faults.disconnect ? { resetAfterChunks: Math.max(1, Math.floor(chunks.length / 3)) } : {};
    const thinking = !faults.refuse && wantsThinking(req.wire, req.body) ? demoThinking(prompt, kind) : undefined;
    const thought = thinking ? { thinking, thinkingChunks: tokenPieces(thinking) } : {};
    return { text, chunks, charsPerSecond: pace.charsPerSecond, ...wait, ...finish, ...cut, ...thought };
  }

  /** Forgets the attempt counts (the fake's reset()). */
  reset(): void {
    this.attempts.clear();
  }
}
