// The four chunkings the wire-fidelity tests replay recorded streams under: every one rejoins to
// the same bytes, and 'awkward' really cuts between CR and LF and inside UTF-8 characters.
import { strict as assert } from 'node:assert';
import { CHUNKINGS, cutStream } from '../../fakes/rawStream';

const EVENTS = ['event: a\r\ndata: {"t":"héllo"}\r\n\r\n', 'data: {"t":"日本語 ✓"}\n\n', ': keep-alive\n\n'];

describe('fake raw streams: chunkings', () => {
  for (const chunking of CHUNKINGS) {
    it(`${chunking}: the pieces rejoin to the exact stream`, () => {
      assert.equal(Buffer.concat(cutStream(EVENTS, chunking)).toString('utf8'), EVENTS.join(''));
    });
  }

  it('awkward cuts between CR and LF and inside multi-byte characters; byte sends one byte per piece', () => {
    const pieces = cutStream(EVENTS, 'awkward');
    assert.ok(pieces.some((p) => p[p.length - 1] === 0x0d), 'a piece ends between CR and LF');
    assert.ok(pieces.some((p) => (p[0]! & 0xc0) === 0x80), 'a piece starts inside a UTF-8 character');
    assert.ok(cutStream(EVENTS, 'byte').every((p) => p.length === 1));
    assert.equal(cutStream(EVENTS, 'whole').length, 1);
    assert.equal(cutStream(EVENTS, 'event').length, EVENTS.length);
  });
});
