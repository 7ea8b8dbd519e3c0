import { strict as assert } from 'node:assert';
import { PartialSaver } from '../../../../src/features/chat/partialSaver';
import type { UiMessage } from '../../../../src/shared/protocol/chat';

class ManualClock {
  time = 0;
  timers: { at: number; fn: () => void }[] = [];
  now() { return this.time; }
  setTimeout(fn: () => void, ms: number) { const t = { at: this.time + ms, fn }; this.timers.push(t); return t; }
  clearTimeout(h: unknown) { this.timers = this.timers.filter((t) => t !== h); }
  async advance(ms: number) {
    this.time += ms;
    for (const t of this.timers.filter((x) => x.at <= this.time)) {
      this.clearTimeout(t);
      t.fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
  }
}

describe('chat: PartialSaver', () => {
  it('saves every 2 s while the text changed, not when it did not; flush saves at once; stop ends it', async () => {
    const clock = new ManualClock();
    const message: UiMessage = { id: 'a', role: 'assistant', text: '', status: 'streaming', createdAt: 0 };
    const saved: string[] = [];
    const saver = new PartialSaver(message, async () => void saved.push(message.text), clock);
    await clock.advance(2000);
    assert.deepEqual(saved, [], 'nothing new yet');
    message.text = 'Hello';
    await clock.advance(1999);
    assert.deepEqual(saved, []);
    await clock.advance(1);
    assert.deepEqual(saved, ['Hello']);
    await clock.advance(2000);
    assert.deepEqual(saved, ['Hello'], 'unchanged: not saved again');
    message.text = 'Hello wor';
    await saver.flush();
    assert.deepEqual(saved, ['Hello', 'Hello wor']);
    saver.stop();
    message.text = 'Hello world';
    await clock.advance(10_000);
    assert.deepEqual(saved, ['Hello', 'Hello wor']);
    assert.equal(clock.timers.length, 0, 'no timer left');
  });
});
