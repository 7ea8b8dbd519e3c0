import { strict as assert } from 'node:assert';
import { AttemptCounter, faultsIn } from '../../../fakes/demo/faults';
import { readPrompt } from '../../../fakes/demo/prompt';

const prose = (text: string) => readPrompt('openai', { messages: [{ role: 'user', content: text }] }).prose;

describe('demo faults: keywords', () => {
  it('matches whole words, any case', () => {
    assert.deepEqual(faultsIn('Why a RATE LIMIT? Overloaded! Please Refuse. Disconnect, make it LONG'), { rateLimit: true, overloaded: true, disconnect: true, refuse: true, long: true });
    assert.equal(faultsIn('got a 429 back').rateLimit, true);
    assert.equal(faultsIn('reset the form').disconnect, true);
    assert.equal(faultsIn('a refusal').refuse, true);
    assert.deepEqual(faultsIn('rate limiting4290 longer disconnected resetting refused overloading'), { rateLimit: false, overloaded: false, disconnect: false, refuse: false, long: false });
  });

  it('looks only at the user\'s own words, not inside fenced blocks or inline code', () => {
    const text = 'What does this do?\n\nFrom `src/reset.ts` (typescript, lines 1–2):\n\n```typescript\nconst long = rateLimit(429); // overloaded, refuse\nreset();\n```';
    assert.deepEqual(faultsIn(prose(text)), { rateLimit: false, overloaded: false, disconnect: false, refuse: false, long: false });
    assert.equal(faultsIn(prose('Make it long\n\n```js\nx\n```')).long, true);
  });

  it('odd attempts fail, even ones succeed, per key', () => {
    const attempts = new AttemptCounter();
    assert.deepEqual([1, 2, 3, 4].map(() => attempts.failsNow('a')), [true, false, true, false]);
    assert.equal(attempts.failsNow('b'), true);
    attempts.clear();
    assert.equal(attempts.failsNow('a'), true);
  });
});
