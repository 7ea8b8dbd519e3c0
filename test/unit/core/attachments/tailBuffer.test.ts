import { strict as assert } from 'node:assert';
import { TailBuffer } from '../../../../src/core/attachments/tailBuffer';

describe('core/attachments: tail buffer', () => {
  it('keeps everything under its limit', () => {
    const b = new TailBuffer(10);
    b.push('abc');
    b.push('def');
    assert.deepEqual([b.text, b.dropped], ['abcdef', 0]);
  });

  it('keeps the last `limit` characters and counts what it dropped', () => {
    const b = new TailBuffer(5);
    for (const chunk of ['0123', '4567', '89', 'ab', 'cdefghij']) b.push(chunk);
    assert.deepEqual([b.text, b.dropped], ['fghij', 15]);
    b.push('k');
    assert.deepEqual([b.text, b.dropped], ['ghijk', 16]);
  });

  it('an empty buffer is empty', () => {
    assert.equal(new TailBuffer(5).text, '');
  });
});
