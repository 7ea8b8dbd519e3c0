import { strict as assert } from 'node:assert';
import type { FileMessage } from '../../../../src/core/conversations/conversation';
import { mergeMessages } from '../../../../src/core/conversations/mergeConversation';

const m = (id: string, at: number, createdAt = at, text = id): FileMessage => ({ id, role: 'user', text, status: 'done', createdAt, at });
const ids = (ms: FileMessage[]) => ms.map((x) => x.id);

describe('core/conversations: mergeMessages', () => {
  it('is the union by id, keeping a question and its answer together, interleaved by time', () => {
    const disk = [m('a', 1), m('b', 2), m('q2', 5), m('a2', 5)];
    const mine = [m('a', 1), m('b', 2), m('q1', 4), m('a1', 4)];
    assert.deepEqual(ids(mergeMessages(disk, mine)), ['a', 'b', 'q1', 'a1', 'q2', 'a2']);
    assert.deepEqual(ids(mergeMessages(mine, disk)), ['a', 'b', 'q1', 'a1', 'q2', 'a2']);
  });

  it('takes the version written later; on a tie, the one on disk', () => {
    const merged = mergeMessages([m('a', 1, 1, 'disk'), m('b', 5, 1, 'disk')], [m('a', 3, 1, 'mine'), m('b', 5, 1, 'mine')]);
    assert.deepEqual(merged.map((x) => x.text), ['mine', 'disk']);
  });

  it('with nothing on disk, is mine; with nothing of mine, is the disk', () => {
    assert.deepEqual(ids(mergeMessages([], [m('a', 1), m('b', 2)])), ['a', 'b']);
    assert.deepEqual(ids(mergeMessages([m('a', 1)], [])), ['a']);
  });
});
