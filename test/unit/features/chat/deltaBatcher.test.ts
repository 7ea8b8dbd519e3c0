import { strict as assert } from 'node:assert';
import { DeltaBatcher } from '../../../../src/features/chat/deltaBatcher';
import { VirtualClock as FakeClock } from '../../helpers/virtualClock';

describe('chat: DeltaBatcher', () => {
  it('delivers at most once per interval and loses nothing', () => {
    const clock = new FakeClock();
    const out: { at: number; text: string }[] = [];
    const b = new DeltaBatcher((text) => out.push({ at: clock.now(), text }), clock, 33);
    let sent = '';
    for (let i = 0; i < 1000; i++) {
      const piece = `t${i} `;
      sent += piece;
      b.push(piece);
      clock.advance(1); // 1,000 tokens a second
    }
    b.flush();
    assert.equal(out.map((o) => o.text).join(''), sent);
    assert.ok(out.length <= Math.ceil(1000 / 33) + 1, `${out.length} deliveries for 1 s of tokens`);
    assert.ok(out.length >= 25, 'but it still streams (not one big block at the end)');
    for (let i = 1; i < out.length - 1; i++) assert.ok(out[i]!.at - out[i - 1]!.at >= 33, 'deliveries are an interval apart');
  });

  it('flush() delivers what is pending at once and cancels the timer', () => {
    const clock = new FakeClock();
    const out: string[] = [];
    const b = new DeltaBatcher((t) => out.push(t), clock, 33);
    b.push('a');
    b.push('b');
    assert.deepEqual(out, []);
    b.flush();
    assert.deepEqual(out, ['ab']);
    assert.equal(clock.pending, 0);
    b.flush();
    b.push('');
    clock.advance(100);
    assert.deepEqual(out, ['ab'], 'nothing empty is delivered');
  });

  it('dispose() flushes the rest', () => {
    const clock = new FakeClock();
    const out: string[] = [];
    const b = new DeltaBatcher((t) => out.push(t), clock, 33);
    b.push('tail');
    b.dispose();
    assert.deepEqual(out, ['tail']);
    clock.advance(100);
    assert.deepEqual(out, ['tail']);
  });
});
