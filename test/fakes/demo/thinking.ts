// Demo thinking: when a request asks to see the model's reasoning (Anthropic `thinking` enabled or
// adaptive; Gemini `thinkingConfig.includeThoughts`), a few sentences of plausible reasoning about
// the prompt stream before the answer, so the demo shows the Thinking section. OpenAI's Chat
// Completions never streams its reasoning, so an OpenAI request gets none (as from the real API).

import type { Wire } from '../wire';
import type { DemoPrompt } from './prompt';
import { seededRng } from './seed';
import { topicPhrase } from './topic';

/** What the answer will be, so the thinking can plan it. */
export type DemoAnswerKind = 'edit' | 'code' | 'long' | 'normal';

/** Whether the request body asks for the model's thinking to be streamed. */
export function wantsThinking(wire: Wire, body: unknown): boolean {
  const b = (body ?? {}) as { thinking?: { type?: unknown }; generationConfig?: { thinkingConfig?: { includeThoughts?: unknown } }; reasoning?: { summary?: unknown } };
  if (wire === 'anthropic') return b.thinking?.type === 'enabled' || b.thinking?.type === 'adaptive';
  if (wire === 'gemini') return b.generationConfig?.thinkingConfig?.includeThoughts === true;
  // OpenAI's Responses API streams reasoning summaries when asked for them.
  return typeof b.reasoning?.summary === 'string';
}

const OPENINGS = [
  (t: string) => `The user wants to know about ${t}.`,
  (t: string) => `This is a question about ${t}.`,
  (t: string) => `Let me work out what matters for ${t}.`,
];

const PLANS: Record<DemoAnswerKind, readonly string[]> = {
  edit: [
    'I need to change only what the instruction asks for and keep the rest of the code as it is.',
    'The edit should keep the same indentation and style, and return the whole selection rewritten.',
  ],
  code: [
    'They sent code, so I should read it first: what it does, what could go wrong, and what to change.',
    'I will explain the code briefly, point out the risky part, and show a corrected version.',
  ],
  long: [
    'They asked for a detailed answer, so I can go through it section by section.',
    'A longer walkthrough fits here: background first, then the steps, then the pitfalls.',
  ],
  normal: [
    'A short guide works best: a few concrete steps, a comparison of approaches, then code they can paste.',
    'I should keep it practical: steps first, a small table of trade-offs, and examples in more than one language.',
  ],
};

const CHECKS = [
  'I should double-check the edge cases before answering.',
  'Keep it concise, and make sure every example runs as written.',
  'Errors and timeouts are where this usually goes wrong, so I will mention them.',
];

/** Two or three sentences of reasoning about `prompt`, the same for the same prompt. */
export function demoThinking(prompt: DemoPrompt, kind: DemoAnswerKind): string {
  const rng = seededRng(prompt.seed ^ 0x5eed);
  const topic = prompt.edit ? 'this edit' : topicPhrase(prompt.question);
  return [rng.pick(OPENINGS)(topic), rng.pick(PLANS[kind]), rng.pick(CHECKS)].join(' ');
}
