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

  it('never delays the first text, nor text after a pause; within an interval of a delivery it waits for the rest of it', () => {
    const clock = new FakeClock();
    const out: { at: number; text: string }[] = [];
    const b = new DeltaBatcher((text) => out.push({ at: clock.now(), text }), clock, 100);
    clock.advance(5_000);
    b.push('First');
    assert.deepEqual(out, [{ at: 5_000, text: 'First' }], 'the first words go at once');
    clock.advance(30);
    b.push(' words');
    clock.advance(30);
    b.push(' of it');
    assert.equal(out.length, 1);
    clock.advance(40); // an interval after the first delivery
    assert.deepEqual(out[1], { at: 5_100, text: ' words of it' });
    clock.advance(2_000); // the model paused
    b.push(' again');
    assert.deepEqual(out[2], { at: 7_100, text: ' again' }, 'after a pause: at once');
    b.push('!');
    clock.advance(99);
    assert.equal(out.length, 3);
    clock.advance(1);
    assert.deepEqual(out[3], { at: 7_200, text: '!' });
    assert.equal(clock.pending, 0);
  });

  it('flush() delivers what is pending at once and cancels the timer', () => {
    const clock = new FakeClock();
    const out: string[] = [];
    const b = new DeltaBatcher((t) => out.push(t), clock, 33);
    b.push('a');
    b.push('b');
    b.push('c');
    assert.deepEqual(out, ['a']);
    b.flush();
    assert.deepEqual(out, ['a', 'bc']);
    assert.equal(clock.pending, 0);
    b.flush();
    b.push('');
    clock.advance(100);
    assert.deepEqual(out, ['a', 'bc'], 'nothing empty is delivered');
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
