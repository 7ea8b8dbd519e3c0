import { strict as assert } from 'node:assert';
import { redactSecrets } from '../../../../src/core/llm/redact';

describe('redactSecrets', () => {
  it('masks every known key shape and keeps the prefix', () => {
    const text =
      'openai sk-proj-AbCdEf123456789 anthropic sk-ant-api03-XyZ987654321 google AIzaSyA1234567890abcdefghijkl ' +
      'header Bearer eyJhbGciOiJIUzI1NiJ9.payload and x-api-key: abcdef1234567 url https://h/?key=AIzaQQQQQQQQQQQQQ&x=1';
    const out = redactSecrets(text);
    for (const secret of ['AbCdEf123456789', 'XyZ987654321', '1234567890abcdefghijkl', 'eyJhbGciOiJIUzI1NiJ9', 'abcdef1234567', 'QQQQQQQQQQQQQ']) {
      assert.ok(!out.includes(secret), `${secret} survived: ${out}`);
    }
    assert.ok(out.includes('sk-ant-[REDACTED]'));
    assert.ok(out.includes('sk-[REDACTED]'));
    assert.ok(out.includes('AIza[REDACTED]'));
    assert.ok(out.includes('Bearer [REDACTED]'));
  });

  it('masks exact extra secrets of any shape, and leaves ordinary text alone', () => {
    assert.equal(redactSecrets('token=plainSECRET99 ok', ['plainSECRET99']), 'token=[REDACTED] ok');
    assert.equal(redactSecrets('a task-sk list, the risk-skew', []), 'a task-sk list, the risk-skew');
    assert.equal(redactSecrets('short', ['ab']), 'short', 'tiny "secrets" are ignored');
    assert.equal(redactSecrets('nothing here'), 'nothing here');
  });
});
