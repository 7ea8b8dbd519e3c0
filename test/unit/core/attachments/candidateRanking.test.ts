import { strict as assert } from 'node:assert';
import { rankPaths } from '../../../../src/core/attachments/candidateRanking';

const entries = ['src/calc.ts', 'test/unit/calc.test.ts', 'src/calculator/', 'src/calculator/index.ts', 'docs/CALC.md', 'src/app.ts', 'lib/x/calc/', 'README.md'].map((path) => ({ path }));

describe('core/attachments: candidate ranking', () => {
  it('paths containing the query, any case: name matches first, then shorter paths, then by path', () => {
    assert.deepEqual(rankPaths(entries, 'Calc', 60).items.map((e) => e.path), [
      'lib/x/calc/', 'src/calc.ts', 'docs/CALC.md', 'src/calculator/', 'test/unit/calc.test.ts', 'src/calculator/index.ts',
    ]);
  });

  it('cut at the limit, saying so', () => {
    assert.deepEqual(rankPaths(entries, 'calc', 2), { items: [{ path: 'lib/x/calc/' }, { path: 'src/calc.ts' }], truncated: true });
    assert.deepEqual(rankPaths(entries, 'readme', 2), { items: [{ path: 'README.md' }], truncated: false });
    assert.deepEqual(rankPaths(entries, 'x', 0), { items: [], truncated: true });
  });

  it('an empty query lists everything, shortest first', () => {
    assert.deepEqual(rankPaths(entries, ' ', 3).items.map((e) => e.path), ['README.md', 'src/app.ts', 'lib/x/calc/']);
  });
});
