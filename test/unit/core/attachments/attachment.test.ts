import { strict as assert } from 'node:assert';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { AttachError } from '../../../../src/core/attachments/attachment';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The module bundled on its own, as esbuild.mjs builds dist/attachments.js: a second copy of its classes. */
async function bundledCopy(): Promise<typeof import('../../../../src/core/attachments/attachment')> {
  const entry = path.resolve(here, '../../../../src/core/attachments/attachment.ts');
  const out = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  const module = { exports: {} as Record<string, unknown> };
  vm.runInThisContext(`(function (module, exports) {${out.outputFiles[0]!.text}\n})`)(module, module.exports);
  return module.exports as never;
}

describe('core/attachments: AttachError', () => {
  it('is recognised across bundles: a refusal made by another copy of the class is an AttachError', async () => {
    // A second module instance stands for the attachments bundle's own copy (dist/attachments.js).
    const copy = await bundledCopy();
    assert.notEqual(copy.AttachError, AttachError, 'two copies of the class');
    const refusal = new copy.AttachError('logo.png is a binary file.');
    assert.ok(refusal instanceof AttachError);
    assert.ok(new AttachError('x') instanceof copy.AttachError);
    assert.equal(refusal.name, 'AttachError');
    assert.equal(refusal.message, 'logo.png is a binary file.');
  });

  it('other errors are not AttachErrors', () => {
    assert.ok(!(new Error('boom') instanceof AttachError));
    assert.ok(!(Object.assign(new Error('boom'), { name: 'AttachError' }) instanceof AttachError));
    const notObjects: unknown[] = [null, undefined, 'AttachError'];
    for (const value of notObjects) assert.ok(!(value instanceof AttachError));
    assert.ok(new AttachError('x') instanceof Error);
  });
});
