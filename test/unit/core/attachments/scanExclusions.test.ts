import { strict as assert } from 'node:assert';
import { ignoredFolderNames, scanExclusions } from '../../../../src/core/attachments/scanExclusions';

describe('core/attachments: scan exclusions', () => {
  it("plain names from the root .gitignore, at any depth, with files.exclude's patterns that are on", () => {
    const filesExclude = { '**/.git': true, '**/.DS_Store': true, '**/*.js': { when: '$(basename).ts' }, '**/off': false, '**/{a,b}': true };
    assert.equal(scanExclusions(filesExclude, '# deps\nnode_modules/\n/dist\n*.log\ntarget\nbuild/out/\n'), '{**/.git,**/.DS_Store,**/node_modules/**,**/target/**}');
  });

  it('none when .gitignore adds no plain name: findFiles applies files.exclude itself', () => {
    assert.equal(scanExclusions({ '**/.git': true }, '*.log\n/dist\n'), undefined);
    assert.equal(scanExclusions({ '**/.git': true }, undefined), undefined);
    assert.equal(scanExclusions(undefined, 'vendor/'), '**/vendor/**');
  });

  it('a .gitignore with a negation gives none (a name could be included again)', () => {
    assert.deepEqual(ignoredFolderNames('node_modules/\n!node_modules/keep/\n'), []);
    assert.deepEqual(ignoredFolderNames('.venv\r\n.venv/\n./\n..\n'), ['.venv']);
  });
});
