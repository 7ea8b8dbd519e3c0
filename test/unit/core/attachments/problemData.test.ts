import { strict as assert } from 'node:assert';
import { compareProblems, problemDataSchema, problemLineOf, problemListSchema, severitySummary } from '../../../../src/core/attachments/problemData';

describe('core/attachments: problem data', () => {
  it("a diagnostic's plain data becomes a 1-based line with its severity's name, source and code", () => {
    const data = problemDataSchema.parse({ message: 'Expected comma', severity: 0, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 11 } }, source: 'json', code: 514 });
    assert.deepEqual(problemLineOf('broken.json', data), { path: 'broken.json', line: 3, column: 3, severity: 'Error', message: 'Expected comma', source: 'json', code: '514' });
  });

  it('a code with a target link gives its value; no severity counts as an error; each severity has its name', () => {
    const base = { message: 'm', range: { start: { line: 0, character: 0 } } };
    assert.equal(problemLineOf('a', problemDataSchema.parse({ ...base, code: { value: 'no-unused-vars', target: 'https://eslint.org' } })).code, 'no-unused-vars');
    assert.equal(problemLineOf('a', problemDataSchema.parse(base)).severity, 'Error');
    assert.deepEqual([1, 2, 3].map((severity) => problemLineOf('a', problemDataSchema.parse({ ...base, severity })).severity), ['Warning', 'Information', 'Hint']);
    assert.equal('code' in problemLineOf('a', problemDataSchema.parse({ ...base, code: '' })), false);
  });

  it('refuses what is not a diagnostic', () => {
    for (const bad of [undefined, 'x', { message: 'm' }, { message: 'm', range: { start: { line: -1, character: 0 } } }, { message: 'm', severity: 7, range: { start: { line: 0, character: 0 } } }]) {
      assert.equal(problemDataSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it("a quick fix's list holds one diagnostic at least", () => {
    assert.equal(problemListSchema.safeParse([]).success, false);
    assert.equal(problemListSchema.safeParse([{ message: 'm', range: { start: { line: 0, character: 0 } } }]).success, true);
  });

  it('counts severities, most severe first', () => {
    const p = (severity: 'Error' | 'Warning' | 'Information' | 'Hint') => ({ path: 'a', line: 1, column: 1, severity, message: '' });
    assert.equal(severitySummary([p('Warning'), p('Error'), p('Information'), p('Error'), p('Information')]), '2 errors, 1 warning, 2 infos');
    assert.equal(severitySummary([p('Hint')]), '1 hint');
  });

  it('sorts by path, then line, then column', () => {
    const p = (path: string, line: number, column: number) => ({ path, line, column, severity: 'Error' as const, message: '' });
    const sorted = [p('b.ts', 1, 1), p('a.ts', 10, 1), p('a.ts', 2, 5), p('a.ts', 2, 1)].sort(compareProblems);
    assert.deepEqual(sorted.map((x) => `${x.path}:${x.line}:${x.column}`), ['a.ts:2:1', 'a.ts:2:5', 'a.ts:10:1', 'b.ts:1:1']);
  });
});

describe('core/attachments: problemData', () => {
  it('a vscode.Diagnostic-shaped object becomes plain data that the command schema accepts', async () => {
    const { problemData } = await import('../../../../src/core/attachments/problemData');
    const diagnostic = {
      message: 'Unexpected any',
      severity: 1,
      range: { start: { line: 4, character: 7 }, end: { line: 4, character: 10 } },
      source: 'eslint',
      code: { value: 'no-explicit-any', target: { scheme: 'https' } },
      relatedInformation: [],
    };
    const data = problemData(diagnostic);
    assert.deepEqual(data, { message: 'Unexpected any', severity: 1, range: { start: { line: 4, character: 7 } }, source: 'eslint', code: 'no-explicit-any' });
    assert.deepEqual(problemListSchema.parse([data]), [data]);
    assert.deepEqual(problemData({ message: 'm', range: { start: { line: 0, character: 0 } }, source: '' }), { message: 'm', range: { start: { line: 0, character: 0 } } });
  });
});
