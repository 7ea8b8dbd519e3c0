import { strict as assert } from 'node:assert';
import { formatUsd } from '../../../src/shared/money';

describe('money: formatUsd (status bar, report and panel alike)', () => {
  it('formats the status bar amounts', () => {
    assert.equal(formatUsd(0.42), '$0.42');
    assert.equal(formatUsd(0.0031), '$0.0031');
    assert.equal(formatUsd(0.00031), '$0.00031');
    assert.equal(formatUsd(0.005), '$0.005');
    assert.equal(formatUsd(0.01), '$0.01');
    assert.equal(formatUsd(12), '$12.00');
    assert.equal(formatUsd(1234.5), '$1,234.50');
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00000042), '<$0.000001');
  });

  it('says "unknown price" for null, never "$0.00"', () => {
    assert.equal(formatUsd(null), 'unknown price');
  });
});
