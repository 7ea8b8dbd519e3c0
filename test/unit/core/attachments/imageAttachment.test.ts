import { strict as assert } from 'node:assert';
import { AttachError } from '../../../../src/core/attachments/attachment';
import { decodePastedImage, cleanThumbnail, imageDraft, sniffImageType, type PastedImage } from '../../../../src/core/attachments/imageAttachment';
import { imageTokens } from '../../../../src/core/llm/messageContent';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const THUMB = `data:image/webp;base64,${Buffer.from('thumb').toString('base64')}`;

function pasted(over: Partial<PastedImage> = {}): PastedImage {
  return { name: 'shot.png', mimeType: 'image/png', data: PNG.toString('base64'), width: 400, height: 300, thumbnail: THUMB, ...over };
}

function refusal(p: PastedImage): string {
  try {
    decodePastedImage(p);
  } catch (err) {
    assert.ok(err instanceof AttachError, `not an AttachError: ${String(err)}`);
    return err.message;
  }
  assert.fail('accepted');
}

describe('attachments: pasted images (imageAttachment)', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes, and nothing else', () => {
    assert.equal(sniffImageType(PNG), 'image/png');
    assert.equal(sniffImageType(JPEG), 'image/jpeg');
    assert.equal(sniffImageType(GIF), 'image/gif');
    assert.equal(sniffImageType(WEBP), 'image/webp');
    assert.equal(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
    assert.equal(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVE')), undefined);
    assert.equal(sniffImageType(new Uint8Array()), undefined);
  });

  it('decodes an image that is what it claims, within the limits', () => {
    assert.deepEqual(decodePastedImage(pasted()), PNG);
    assert.deepEqual(decodePastedImage(pasted({ mimeType: 'image/jpeg', data: JPEG.toString('base64') })), JPEG);
  });

  it('refuses, saying why: another type than claimed, damaged base64, empty, too large, not scaled', () => {
    assert.match(refusal(pasted({ data: JPEG.toString('base64') })), /shot\.png is not the PNG image it claims to be/);
    assert.match(refusal(pasted({ data: 'not base64!' })), /damaged/);
    assert.match(refusal(pasted({ data: `${PNG.toString('base64')}A` })), /damaged/, 'a length that is not a multiple of 4');
    assert.match(refusal(pasted({ data: '' })), /empty/);
    const huge = Buffer.concat([PNG, Buffer.alloc(3_800_000)]);
    assert.match(refusal(pasted({ data: huge.toString('base64') })), /shot\.png is 3\.8 MB; images up to 3\.75 MB can be attached\./);
    assert.match(refusal(pasted({ width: 4000 })), /4000×300: it should have been scaled to 1568 px/);
    assert.match(refusal(pasted({ width: 1500, height: 1500 })), /1500×1500/, 'over the pixel budget');
    assert.match(refusal(pasted({ mimeType: 'image/svg+xml' as PastedImage['mimeType'] })), /only PNG, JPEG, GIF and WebP/);
  });

  it('makes a chip: label, size, the hash; a thumbnail only when it is a small data: URL of an image', () => {
    const meta = { sha256: 'a'.repeat(64), mimeType: 'image/png' as const, width: 400, height: 300, bytes: 2048 };
    assert.deepEqual(imageDraft(pasted(), meta), { kind: 'image', label: 'shot.png', detail: '400×300, 2 KB', content: '', image: meta, thumbnail: THUMB });
    assert.equal(imageDraft(pasted({ name: '' }), meta).label, 'Pasted image');
    assert.equal(cleanThumbnail('data:image/svg+xml;base64,PHN2Zz4='), undefined);
    assert.equal(cleanThumbnail('javascript:alert(1)'), undefined);
    assert.equal(cleanThumbnail(`data:image/png;base64,${'A'.repeat(60_000)}`), undefined);
    assert.equal('thumbnail' in imageDraft(pasted({ thumbnail: 'data:image/gif;base64,R0lG' }), meta), false);
  });

  it('estimates tokens as Anthropic documents them (w×h/750), at least 1', () => {
    assert.equal(imageTokens(1000, 1000), 1334);
    assert.equal(imageTokens(400, 300), 160);
    assert.equal(imageTokens(1, 1), 1);
  });
});
