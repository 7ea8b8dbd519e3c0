import { strict as assert } from 'node:assert';
import { findUnique, fitReplacement, shiftRange, shiftRangeThrough, type TextChange, type TrackedRange } from '../../../../src/features/selection/rangeTracking';

/** Applies a change to a string the way VS Code does, for checking ranges against real text. */
function apply(text: string, c: TextChange & { text: string }): string {
  return text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
}
const change = (offset: number, length: number, text: string) => ({ offset, length, insertedLength: text.length, text });

describe('selection: range tracking', () => {
  const doc = 'line one\nline two\nline three\n';
  const range: TrackedRange = { start: 9, end: 17 }; // "line two"

  it('moves the range with edits before it and keeps its text', () => {
    for (const c of [change(0, 0, '// header\n'), change(0, 5, ''), change(4, 1, '___'), change(9, 0, '>> ')]) {
      const moved = shiftRange(range, c)!;
      assert.ok(moved, JSON.stringify(c));
      assert.equal(apply(doc, c).slice(moved.start, moved.end), 'line two', JSON.stringify(c));
    }
  });

  it('ignores edits after it, including typing right at its end', () => {
    for (const c of [change(17, 0, '!'), change(18, 4, 'LINE'), change(doc.length, 0, 'more\n')]) {
      assert.deepEqual(shiftRange(range, c), range, JSON.stringify(c));
    }
  });

  it('gives up when an edit touches the code itself', () => {
    for (const c of [change(10, 1, 'I'), change(12, 0, 'X'), change(5, 6, ''), change(16, 3, ''), change(0, doc.length, doc)]) {
      assert.equal(shiftRange(range, c), undefined, JSON.stringify(c));
    }
  });

  it('follows a multi-cursor event listed last-to-first', () => {
    // Two insertions in one event: at the end of the document, then at its start.
    const changes = [change(doc.length, 0, '// end\n'), change(0, 0, '// start\n')];
    const text = changes.reduce(apply, doc);
    const moved = shiftRangeThrough(range, changes)!;
    assert.equal(text.slice(moved.start, moved.end), 'line two');
    assert.equal(shiftRangeThrough(range, [change(0, 0, 'x'), change(11, 1, '')]), undefined);
  });

  it('fits the code to the replaced text: keeps a whole-line selection\'s line break, follows the document\'s EOL', () => {
    assert.equal(fitReplacement('a\nb\n', 'A\nB', '\n'), 'A\nB\n');
    assert.equal(fitReplacement('a\r\nb\r\n', 'A\nB', '\r\n'), 'A\r\nB\r\n');
    assert.equal(fitReplacement('a + b', 'a - b\n', '\n'), 'a - b');
    assert.equal(fitReplacement('a', 'x\r\ny', '\n'), 'x\ny');
  });

  it('finds moved code again only when it occurs once', () => {
    assert.equal(findUnique('abc def abc', 'def'), 4);
    assert.equal(findUnique('abc def abc', 'abc'), undefined);
    assert.equal(findUnique('abc', 'zzz'), undefined);
    assert.equal(findUnique('abc', ''), undefined);
  });
});
