import { strict as assert } from 'node:assert';
import { languageIdFor } from '../../../../src/core/attachments/languageIds';

describe('core/attachments: language ids', () => {
  it("from the file's extension or name, any case", () => {
    assert.deepEqual(
      ['src/calc.ts', 'App.TSX', 'a/b.py', 'Dockerfile', 'x/Makefile', '.gitignore', 'c.yml', 'lib.rs'].map(languageIdFor),
      ['typescript', 'typescriptreact', 'python', 'dockerfile', 'makefile', 'ignore', 'yaml', 'rust'],
    );
  });

  it('unknown names and dotfiles without a known name have none (not even inherited object keys)', () => {
    assert.deepEqual(['notes.xyz', 'LICENSE', '.env', 'a.constructor', 'a.__proto__'].map(languageIdFor), [undefined, undefined, undefined, undefined, undefined]);
  });
});
