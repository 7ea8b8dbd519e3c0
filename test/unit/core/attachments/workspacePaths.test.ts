import { strict as assert } from 'node:assert';
import { ancestorDirs, basename, compareTreeOrder } from '../../../../src/core/attachments/workspacePaths';

describe('core/attachments: workspace paths', () => {
  it('basename of a file and of a folder', () => {
    assert.deepEqual([basename('src/app.ts'), basename('src/'), basename('app.ts'), basename('a/b/c/')], ['app.ts', 'src', 'app.ts', 'c']);
  });

  it('the folders a path is in, outermost first', () => {
    assert.deepEqual(ancestorDirs('src/a/b.ts'), ['src', 'src/a']);
    assert.deepEqual(ancestorDirs('src/a/'), ['src']);
    assert.deepEqual(ancestorDirs('b.ts'), []);
  });

  it("tree order: a folder's files before its subfolders, then by name", () => {
    const paths = ['src/z/b.ts', 'README.md', 'src/b.ts', 'src/a/x.ts', 'src/A.ts', 'lib/c.ts', 'src/a/b/y.ts', 'src/a/a.ts'];
    assert.deepEqual([...paths].sort(compareTreeOrder), ['README.md', 'lib/c.ts', 'src/A.ts', 'src/b.ts', 'src/a/a.ts', 'src/a/x.ts', 'src/a/b/y.ts', 'src/z/b.ts']);
    assert.equal(compareTreeOrder('a/b', 'a/b'), 0);
  });
});
