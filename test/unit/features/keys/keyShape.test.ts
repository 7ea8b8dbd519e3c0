import { strict as assert } from 'node:assert';
import { checkKeyShape, maskKey } from '../../../../src/features/keys/keyShape';

describe('key shape', () => {
  it('masks keys to a recognisable prefix and the last four characters', () => {
    assert.equal(maskKey('sk-proj-abcdefghijklmnopqrstuvwxyz1234'), 'sk-proj-…1234');
    assert.equal(maskKey('sk-ant-api03-abcdefghijklmnopqrstuvwxyzWXYZ'), 'sk-ant-…WXYZ');
    assert.equal(maskKey('AIzaSyA1234567890abcdefghijklmnopqrst'), 'AIza…qrst');
    assert.equal(maskKey('  sk-abcdefghijklmnop9876  '), 'sk-…9876');
    assert.equal(maskKey('plainkey1234567890'), '…7890');
  });

  it('never reveals a short key', () => {
    assert.equal(maskKey('sk-short'), 'sk-…');
    assert.equal(maskKey('abc'), '…');
  });

  it('checks the shape where a provider has one', () => {
    const openai = /^sk-/;
    assert.equal(checkKeyShape('sk-abcdefghijklmnop', openai, 'starts with sk-'), undefined);
    assert.match(checkKeyShape('AIzaabcdefghijklmnop', openai, 'starts with sk-')!, /starts with sk-/);
    assert.match(checkKeyShape('sk-abc def ghi jkl', openai, undefined)!, /spaces/);
    assert.match(checkKeyShape('sk-1', openai, undefined)!, /too short/);
    assert.match(checkKeyShape('sk-' + 'x'.repeat(600), openai, undefined)!, /too long/);
    assert.equal(checkKeyShape('anything-goes-here', undefined, undefined), undefined);
    assert.equal(checkKeyShape('   ', openai, undefined), undefined, 'empty input cancels rather than errs');
  });

  it('does not echo the key in its messages', () => {
    const key = 'AIzaSECRETSECRETSECRET';
    const message = checkKeyShape(key, /^sk-/, 'starts with sk-')!;
    assert.ok(!message.includes('SECRET'));
  });
});
