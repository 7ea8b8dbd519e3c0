import { strict as assert } from 'node:assert';
import { IgnoreRules } from '../../../../src/core/attachments/ignoreRules';

function kept(rules: IgnoreRules, paths: string[]): string[] {
  return paths.filter((p) => !rules.ignores(p));
}

describe('core/attachments: .gitignore rules', () => {
  it('the root .gitignore: names anywhere, anchored paths, folder-only patterns, negation', () => {
    const rules = new IgnoreRules([{ dir: '', text: '# build output\nnode_modules/\n/dist\n*.log\n!keep.log\nbuild/\n' }]);
    assert.deepEqual(
      kept(rules, ['node_modules/x/index.js', 'pkg/node_modules/y.js', 'dist/out.js', 'src/dist/keep.ts', 'a.log', 'logs/keep.log', 'src/app.ts', 'build', 'build/', 'src/build/o.js']),
      ['src/dist/keep.ts', 'logs/keep.log', 'src/app.ts', 'build'],
    );
  });

  it('a nested .gitignore applies relative to its own folder, and only under it', () => {
    const rules = new IgnoreRules([
      { dir: '', text: '*.tmp\n' },
      { dir: 'packages/web', text: '/generated\n*.css\n' },
    ]);
    assert.deepEqual(
      kept(rules, ['generated/a.ts', 'packages/web/generated/a.ts', 'packages/web/src/generated/b.ts', 'packages/web/a.css', 'packages/api/a.css', 'packages/web/x.tmp']),
      ['generated/a.ts', 'packages/web/src/generated/b.ts', 'packages/api/a.css'],
    );
  });

  it("a deeper file's negation overrides a shallower rule, but not inside an excluded folder", () => {
    const rules = new IgnoreRules([
      { dir: 'app', text: '!important.log\n!cache/keep.txt\n' },
      { dir: '', text: '*.log\ncache/\n' },
    ]);
    assert.deepEqual(kept(rules, ['app/important.log', 'app/other.log', 'important.log', 'app/cache/keep.txt']), ['app/important.log']);
  });

  it('no .gitignore files exclude nothing; an empty path is not excluded', () => {
    assert.equal(new IgnoreRules([]).ignores('a/b.ts'), false);
    assert.equal(new IgnoreRules([{ dir: '', text: '*' }]).ignores(''), false);
  });
});
