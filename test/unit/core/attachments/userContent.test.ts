import { strict as assert } from 'node:assert';
import type { ImageMeta } from '../../../../src/core/attachments/imageAttachment';
import { NO_IMAGE_DATA, TAKES_NO_IMAGES, userContent } from '../../../../src/core/attachments/userContent';
import { estimateContentTokens } from '../../../../src/core/llm/tokenEstimate';

const IMAGE: ImageMeta = { sha256: 'a'.repeat(64), mimeType: 'image/png', width: 750, height: 100, bytes: 10 };
const FILE = { label: 'a.ts', content: 'File `a.ts`: …' };
const SHOT = { label: 'shot.png', content: '', image: IMAGE };

describe('attachments: what a question sends (userContent)', () => {
  it('text only: the attachments’ blocks, then the text, as one string', () => {
    assert.equal(userContent('Why?', [FILE], NO_IMAGE_DATA), 'File `a.ts`: …\n\nWhy?');
    assert.equal(userContent('Why?', undefined, NO_IMAGE_DATA), 'Why?');
  });

  it('images first, as image parts with their size, then the blocks and the text', () => {
    assert.deepEqual(userContent('Why?', [SHOT, FILE], () => 'QUJD'), [
      { type: 'image', mimeType: 'image/png', data: 'QUJD', width: 750, height: 100 },
      { type: 'text', text: 'File `a.ts`: …\n\nWhy?' },
    ]);
  });

  it('an image whose file is gone, or a model that takes none, gets a line saying so', () => {
    assert.equal(userContent('Why?', [SHOT], () => undefined), '[Image shot.png not sent: its file is no longer there.]\n\nWhy?');
    assert.equal(userContent('Why?', [SHOT], TAKES_NO_IMAGES), '[Image shot.png not sent: this model takes no images.]\n\nWhy?');
  });

  it('an estimate counts an image by its size without reading it', () => {
    const content = userContent('', [SHOT], NO_IMAGE_DATA);
    assert.equal(estimateContentTokens(content), 100, '750×100/750');
  });
});
