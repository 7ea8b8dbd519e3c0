import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImageStore, referencedImages, SWEEP_GRACE_MS } from '../../../../src/core/attachments/imageStore';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const OTHER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9]);

describe('attachments: image files beside the conversations (ImageStore)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(os.tmpdir(), 'switchboard-images-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores an image once per content, under its hash, and reads it back in another window', async () => {
    const store = new ImageStore(path.join(root, 'images'));
    const sha = await store.put(PNG, 'image/png');
    assert.equal(sha, ImageStore.sha256(PNG));
    assert.equal(await store.put(PNG, 'image/png'), sha, 'the same image again');
    assert.deepEqual(readdirSync(store.dir), [`${sha}.png`], 'one file, no temp file left');
    assert.deepEqual(readFileSync(store.pathOf(sha, 'image/png')), PNG);
    const other = new ImageStore(store.dir);
    assert.equal(await other.base64(sha, 'image/png'), PNG.toString('base64'));
    assert.equal(await other.base64('f'.repeat(64), 'image/png'), undefined, 'a file that is gone');
  });

  it('sweeps only files no conversation refers to and older than the grace period', async () => {
    const store = new ImageStore(path.join(root, 'images'));
    const kept = await store.put(PNG, 'image/png');
    const orphan = await store.put(OTHER, 'image/jpeg');
    const young = ImageStore.sha256(Buffer.from('young'));
    writeFileSync(store.pathOf(young, 'image/png'), 'young');
    writeFileSync(path.join(store.dir, 'stray.txt'), 'not ours');
    const old = (Date.now() - SWEEP_GRACE_MS - 60_000) / 1000;
    for (const f of [store.pathOf(kept, 'image/png'), store.pathOf(orphan, 'image/jpeg'), path.join(store.dir, 'stray.txt')]) utimesSync(f, old, old);

    const conversations = path.join(root, 'conversations');
    mkdirSync(conversations);
    writeFileSync(path.join(conversations, 'c1.json'), JSON.stringify({ v: 2, messages: [{ attachments: [{ image: { sha256: kept, mimeType: 'image/png' } }] }] }));
    writeFileSync(path.join(conversations, 'notes.md'), `"sha256":"${orphan}"`);
    const keep = await referencedImages(conversations);
    assert.deepEqual([...keep], [kept]);

    assert.equal(await store.sweep(keep), 1);
    assert.equal(existsSync(store.pathOf(orphan, 'image/jpeg')), false, 'the old orphan');
    assert.equal(existsSync(store.pathOf(kept, 'image/png')), true, 'referred to');
    assert.equal(existsSync(store.pathOf(young, 'image/png')), true, 'too young: another window may be about to save it');
    assert.equal(existsSync(path.join(store.dir, 'stray.txt')), true, 'not an image file of ours');
    assert.equal(await store.base64(orphan, 'image/jpeg'), undefined, 'not served from memory either');
  });

  it('a put of an image that is already there renews it, so a sweep spares it', async () => {
    const store = new ImageStore(path.join(root, 'images'));
    const sha = await store.put(PNG, 'image/png');
    const old = (Date.now() - SWEEP_GRACE_MS - 60_000) / 1000;
    utimesSync(store.pathOf(sha, 'image/png'), old, old);
    await store.put(PNG, 'image/png');
    assert.equal(await store.sweep(new Set()), 0);
    assert.equal(await new ImageStore(path.join(root, 'missing')).sweep(new Set()), 0, 'no folder yet');
  });
});
