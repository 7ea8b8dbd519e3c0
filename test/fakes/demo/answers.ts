// Demo answers to ordinary chat prompts: a heading, an intro that refers to the question, a list,
// a table and three fenced code blocks in different languages (the one the prompt names first).
// About 200–250 words, so it streams in a few seconds at 60 tokens/s. Every choice comes from the
// prompt's seed: the same prompt always gets the same answer.

import { codeBlock, quoteOf, table } from './markdown';
import type { DemoPrompt } from './prompt';
import { seededRng, type Rng } from './seed';
import { LANG_LABELS, namedLanguage, namesFor, snippet, type SnippetLang } from './snippets';
import { topicPhrase, topicWords } from './topic';

const TITLES = [(t: string) => `${cap(t)}: a quick guide`, (t: string) => `Working with ${t}`, (t: string) => `${cap(t)} in practice`];

const INTROS = [
  (q: string, t: string) => `You asked: “${q}”. Here is a short, practical answer about ${t}, with a comparison and code you can paste.`,
  (q: string, t: string) => `Good question: “${q}” comes up a lot. Below is how I would think about ${t}, step by step, followed by small examples.`,
  (q: string, t: string) => `Let's look at “${q}”. The short version: keep ${t} simple, measure it, and automate the boring parts. Details follow.`,
];

const STEPS = [
  (t: string) => `Start with the smallest version of ${t} that works, then grow it.`,
  (t: string) => `Write down the inputs and outputs of ${t} before writing code.`,
  () => 'Add a test for the failure case first; it is the one that bites in production.',
  () => 'Keep configuration (limits, timeouts, URLs) out of the code.',
  () => 'Log one line per decision, not one per step.',
  () => 'Measure before optimising: a profile beats a guess.',
  () => 'Handle errors where you can do something useful about them.',
  () => 'Prefer plain data structures; they are easier to test and to print.',
];

const APPROACHES = [
  ['Inline', 'small scripts, one caller', 'quick to write, hard to reuse'],
  ['Helper function', 'two or more callers', 'one more name to learn'],
  ['Module with tests', 'shared or long-lived code', 'more files up front'],
  ['Library', 'a common, solved problem', 'a dependency to keep updated'],
  ['Configuration', 'behaviour that differs per environment', 'indirection when debugging'],
];

const CLOSINGS = [
  'If you share more about your setup (versions, error messages), I can tailor this further.',
  'Start with the first example, run it, and adjust the limits to your data.',
  'Each snippet stands alone, so try whichever matches your stack first.',
];

export const DEMO_FOOTER = '_Demo answer from the fake provider: deterministic, no model was called._';

export function normalAnswer(prompt: DemoPrompt): string {
  const rng = seededRng(prompt.seed);
  const topic = topicPhrase(prompt.question);
  const names = namesFor(topicWords(prompt.question));
  const langs = codeLanguages(prompt.question, rng);
  const numbered = rng.next() < 0.5;
  const steps = rng.sample(STEPS, 4).map((s, i) => `${numbered ? `${i + 1}.` : '-'} ${s(topic)}`);
  const rows = rng.sample(APPROACHES, 3);
  return [
    `## ${rng.pick(TITLES)(topic)}`,
    prompt.question ? rng.pick(INTROS)(quoteOf(prompt.question, 80), topic) : 'Here is a short, practical answer, with a comparison and code you can paste.',
    'Here is how I would approach it:',
    steps.join('\n'),
    table(['Approach', 'When it fits', 'Trade-off'], rows),
    `A minimal version in ${LANG_LABELS[langs[0]!]}:`,
    codeBlock(langs[0]!, snippet(langs[0]!, names, rng)),
    secondIntro(langs[1]!),
    codeBlock(langs[1]!, snippet(langs[1]!, names, rng)),
    secondIntro(langs[2]!),
    codeBlock(langs[2]!, snippet(langs[2]!, names, rng)),
    rng.pick(CLOSINGS),
    DEMO_FOOTER,
  ].join('\n\n');
}

/** Three different languages: the one the prompt names (else a seeded pick) first. */
export function codeLanguages(prose: string, rng: Rng): SnippetLang[] {
  const lead = namedLanguage(prose) ?? rng.pick<SnippetLang>(['ts', 'python', 'js', 'go', 'rust']);
  const rest = rng.sample((['ts', 'python', 'bash', 'json'] as SnippetLang[]).filter((l) => l !== lead), 2);
  return [lead, ...rest];
}

function secondIntro(lang: SnippetLang): string {
  if (lang === 'bash') return 'To try it from a terminal:';
  if (lang === 'json') return 'A matching configuration:';
  if (lang === 'yaml') return 'A CI job for it:';
  if (lang === 'sql') return 'And a query to check the data:';
  return `The same idea in ${LANG_LABELS[lang]}:`;
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
