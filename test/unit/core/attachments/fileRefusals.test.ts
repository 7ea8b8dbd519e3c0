import { strict as assert } from 'node:assert';
import { binaryFileRefusal, formatSize, largeFileRefusal, tooLongRefusal } from '../../../../src/core/attachments/fileRefusals';

describe('core/attachments: file refusals', () => {
  it('name the file, the reason and the cap', () => {
    assert.equal(binaryFileRefusal('logo.png'), 'logo.png is a binary file: only text files can be attached.');
    assert.equal(largeFileRefusal('big.json', 1.2 * 1024 * 1024), "big.json is 1.2 MB: files over 512 KB can't be attached.");
    assert.equal(tooLongRefusal('dump.sql', 512_000), 'dump.sql is 512,000 characters long: at most 500,000 can be attached.');
  });

  it('sizes in bytes, KB and MB, one decimal below 10', () => {
    assert.deepEqual([900, 1024, 1536, 524_288, 600_000, 12 * 1024 * 1024].map(formatSize), ['900 bytes', '1 KB', '1.5 KB', '512 KB', '586 KB', '12 MB']);
  });
});
