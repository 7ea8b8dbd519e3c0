// The demo's long answer (prompt says "long"): about 2,500 words in numbered sections with
// paragraphs, lists, a table and code blocks, so Stop and scrolling can be tried on a real stream.

import { DEMO_FOOTER, codeLanguages } from './answers';
import { codeBlock, countWords, table } from './markdown';
import type { DemoPrompt } from './prompt';
import { seededRng, type Rng } from './seed';
import { LANG_LABELS, namesFor, snippet } from './snippets';
import { topicPhrase, topicWords } from './topic';

const TARGET_WORDS = 2_500;
/** Bounds the loop whatever the sentence pool yields. */
const MAX_SECTIONS = 40;

const SECTIONS = ['Overview', 'Background', 'Core ideas', 'Step by step', 'Design choices', 'Error handling', 'Testing', 'Performance', 'Observability', 'Security', 'Rollout', 'Maintenance'];

const SENTENCES = [
  (t: string) => `The first thing to settle about ${t} is what a good result looks like, in numbers you can check.`,
  (t: string) => `Most problems with ${t} come from unstated assumptions, so write them down next to the code.`,
  () => 'A small, boring design that everyone on the team understands beats a clever one that only its author can change.',
  () => 'Keep the happy path short and obvious; push the special cases into clearly named helpers.',
  () => 'Every external call can fail, be slow, or return something surprising, and the code should say what happens in each case.',
  (t: string) => `When ${t} grows, split it by reason to change rather than by file size or alphabet.`,
  () => 'Tests that run in milliseconds get run; tests that need a network, a clock or a database get skipped.',
  () => 'Measure with realistic data before optimising anything, because intuition about hot paths is usually wrong.',
  () => 'Logs should answer the question someone will ask at three in the morning, not repeat what the code already says.',
  (t: string) => `Document the limits of ${t}: sizes, rates and timeouts are part of the interface, not implementation details.`,
  () => 'Roll changes out behind a switch you can flip back without a deploy.',
  () => 'Review the error messages as carefully as the code; they are the part users actually read.',
  () => 'Prefer deleting code to adding configuration when a feature is no longer used.',
  () => 'A checklist that lives next to the code is worth more than a wiki page nobody opens.',
];

const TIPS = ['Name things after what they are, not how they are used.', 'Fail loudly in development and gracefully in production.', 'Keep secrets out of logs, URLs and error messages.', 'Make every retry bounded in count and in total time.', 'Write the rollback steps before the rollout steps.', 'Cap every queue and every cache.', 'Prefer one source of truth for each setting.'];

export function longAnswer(prompt: DemoPrompt): string {
  const rng = seededRng(prompt.seed ^ 0x5eed);
  const topic = topicPhrase(prompt.question);
  const names = namesFor(topicWords(prompt.question));
  const langs = codeLanguages(prompt.question, rng);
  const parts = [`# ${topic[0]!.toUpperCase()}${topic.slice(1)}: the long version`, `You asked for the long version, so here it is: ${topic} section by section, with lists, a comparison table and examples. Use **Stop** whenever you have read enough.`];
  let words = countWords(parts.join(' '));
  for (let i = 0; words < TARGET_WORDS && i < MAX_SECTIONS; i++) {
    const section = sectionText(i, topic, rng, () => {
      const lang = langs[i % langs.length]!;
      return `An example in ${LANG_LABELS[lang]}:\n\n${codeBlock(lang, snippet(lang, names, rng))}`;
    });
    parts.push(section);
    words += countWords(section);
  }
  parts.push(DEMO_FOOTER);
  return parts.join('\n\n');
}

function sectionText(i: number, topic: string, rng: Rng, example: () => string): string {
  const title = `## ${i + 1}. ${SECTIONS[i % SECTIONS.length]}${i >= SECTIONS.length ? ' (continued)' : ''}`;
  const paragraph = () => rng.sample(SENTENCES, 4).map((s) => s(topic)).join(' ');
  const out = [title, paragraph(), paragraph()];
  if (i % 2 === 0) out.push(rng.sample(TIPS, 4).map((t, n) => (i % 4 === 0 ? `${n + 1}. ${t}` : `- ${t}`)).join('\n'));
  if (i % 3 === 1) out.push(example());
  if (i === 2) {
    out.push(
      table(['Option', 'Effort', 'Risk', 'Best for'], [
        ['Do nothing', 'none', 'grows over time', 'prototypes'],
        ['Small refactor', 'an afternoon', 'low', 'most teams'],
        ['Rewrite', 'weeks', 'high', 'a changed problem'],
        ['Buy or adopt a library', 'days', 'medium', 'common needs'],
      ]),
    );
  }
  out.push(paragraph());
  return out.join('\n\n');
}
