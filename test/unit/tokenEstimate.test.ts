import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { estimateRequestTokens, estimateTokens } from '../../src/core/tokenEstimate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('token estimate (calibrated against gpt-tokenizer o200k_base)', () => {
  const samples: Record<string, string> = {
    'English prose': readFileSync(path.join(root, 'node_modules/marked/README.md'), 'utf8').slice(0, 20_000),
    'TypeScript code': readFileSync(path.join(root, 'src/core/rateLimiter.ts'), 'utf8'),
    JSON: readFileSync(path.join(root, 'package.json'), 'utf8'),
    'CJK text': '日本語のテキストはトークン数が多くなります。これは見積もりのテストです。中文文本也需要估算。한국어 텍스트도 있습니다。'.repeat(20),
  };

  it('stays within 15 % of the real token count on each sample', () => {
    const rows: string[] = [];
    for (const [name, text] of Object.entries(samples)) {
      const real = encode(text).length;
      const est = estimateTokens(text);
      const error = (est - real) / real;
      rows.push(`${name.padEnd(16)} real ${String(real).padStart(6)}  estimate ${String(est).padStart(6)}  error ${(error * 100).toFixed(1)} %`);
      assert.ok(Math.abs(error) <= 0.15, `${name}: ${(error * 100).toFixed(1)} %`);
    }
    console.log(rows.map((r) => `      ${r}`).join('\n'));
  });

  it('counts messages with their overhead', () => {
    assert.equal(estimateTokens(''), 0);
    const n = estimateRequestTokens([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there' },
    ]);
    assert.equal(n, 3 + 4 + estimateTokens('Be brief.') + 4 + estimateTokens('Hello there'));
  });
});
