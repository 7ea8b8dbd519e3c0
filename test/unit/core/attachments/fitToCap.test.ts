import { strict as assert } from 'node:assert';
import { fitToCap, slicePart } from '../../../../src/core/attachments/fitToCap';

const build = (part: string, cut: boolean) => `[${part}]${cut ? ' (cut)' : ''}`;

describe('core/attachments: fitToCap', () => {
  it('a text that fits is kept whole', () => {
    assert.deepEqual(fitToCap('abc', 'start', build, 5), { content: '[abc]', kept: 3, cut: false });
  });

  it('keeps the start or the end, the block (note included) within the cap', () => {
    assert.deepEqual(fitToCap('abcdefghij', 'start', build, 11), { content: '[abc] (cut)', kept: 3, cut: true });
    assert.deepEqual(fitToCap('abcdefghij', 'end', build, 11), { content: '[hij] (cut)', kept: 3, cut: true });
    assert.deepEqual(fitToCap('abcdefghij', 'end', build, 12), { content: '[abcdefghij]', kept: 10, cut: false });
  });

  it('cuts at a line boundary near the cut, so no half line is sent', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')}`).join('\n');
    const all = lines.split('\n');
    // 492 characters of room: 54 whole lines of 9.
    assert.equal(fitToCap(lines, 'start', build, 500).content, `[${all.slice(0, 54).join('\n')}\n] (cut)`);
    assert.equal(fitToCap(lines, 'end', build, 500).content, `[${all.slice(46).join('\n')}] (cut)`);
  });

  it('a block that grows faster than its part (a longer fence) still ends within the cap', () => {
    const fence = (part: string) => '`'.repeat(Math.max(3, (part.match(/`+/g) ?? []).reduce((m, r) => Math.max(m, r.length), 0) + 1));
    const text = `${'a'.repeat(50)}${'`'.repeat(40)}${'b'.repeat(50)}`;
    const fitted = fitToCap(text, 'start', (p) => `${fence(p)}\n${p}\n${fence(p)}`, 100);
    assert.equal(fitted.content, `\`\`\`\n${'a'.repeat(16)}\n\`\`\``);
    assert.equal(fitted.cut, true);
  });

  it('never splits a surrogate pair', () => {
    assert.equal(slicePart('ab😀cd', 'start', 3), 'ab');
    assert.equal(slicePart('ab😀cd', 'end', 3), 'cd');
    assert.equal(slicePart('abc', 'end', 5), 'abc');
  });
});
