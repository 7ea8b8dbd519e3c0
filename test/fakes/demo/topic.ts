// The topic of a prompt in a few words, for headings, sentences and identifiers in demo answers.

const STOP_WORDS = new Set(
  (
    'a about above after again all also am an and any are as at be because been before being below between both but by can could did do does doing ' +
    'down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my ' +
    'no nor not now of off on once only or other our out over own please same she should so some such than that the their them then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with would you your yours ' +
    'write show tell give make explain use using want need get let like code example examples way ways best good thing things something ' +
    'step lines line file selection selected answer question help work works implement create build add fix find handle improve understand ' +
    'learn set setup configure know try see look go making doing long longer version detailed full'
  ).split(' '),
);

/** Up to `max` distinct content words of `text`, lower case, in order of appearance. */
export function topicWords(text: string, max = 2): string[] {
  const words: string[] = [];
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []) {
    if (w.length < 3 || w.length > 20 || STOP_WORDS.has(w) || words.includes(w)) continue;
    words.push(w);
    if (words.length >= max) break;
  }
  return words;
}

/** "retry logic", or "this" when the prompt has no content words. */
export function topicPhrase(text: string): string {
  const words = topicWords(text, 3);
  return words.length ? words.join(' ') : 'this';
}
