import { strict as assert } from 'node:assert';
import { decodeTextFile } from '../../../../src/core/attachments/textContent';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('core/attachments: text content', () => {
  it('UTF-8 text is decoded, its byte-order mark dropped', () => {
    assert.equal(decodeTextFile(new TextEncoder().encode('héllo\n')), 'héllo\n');
    assert.equal(decodeTextFile(bytes(0xef, 0xbb, 0xbf, 0x61)), 'a');
    assert.equal(decodeTextFile(bytes()), '');
  });

  it('a NUL byte in the first 8 KB makes a file binary; later, it is text', () => {
    assert.equal(decodeTextFile(bytes(0x89, 0x50, 0x4e, 0x47, 0x00)), undefined);
    const late = new Uint8Array(9000).fill(0x61);
    late[8191] = 0;
    assert.equal(decodeTextFile(late), undefined);
    late[8191] = 0x61;
    late[8192] = 0;
    assert.equal(decodeTextFile(late), `${'a'.repeat(8192)}\u0000${'a'.repeat(807)}`);
  });

  it('bytes that are not UTF-8 make it binary (Latin-1, a cut sequence, UTF-16)', () => {
    assert.equal(decodeTextFile(bytes(0x63, 0x61, 0x66, 0xe9)), undefined);
    assert.equal(decodeTextFile(bytes(0xe2, 0x82)), undefined);
    assert.equal(decodeTextFile(bytes(0xff, 0xfe, 0x61, 0x00)), undefined);
  });
});
