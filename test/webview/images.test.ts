// Images in the composer, in the built bundle in Chromium under the real CSP: a pasted screenshot
// is scaled to what every provider reads without scaling again (1568 px, 1.15 MP), encoded as PNG
// with a small WebP thumbnail, and posted as `attachImage`; a small image goes as it is (same
// bytes); something that is not an image is a notice; a paste with text stays a text paste; image
// files dropped from the OS are attached; an image chip shows its thumbnail (a preview once sent).
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { ChatInbound, UiAttachment } from '../../src/shared/protocol/chat';
import { answer, screenshotDir, stateMessage, usePanels, userMessage, type Panel } from './harness';

type Posted = Extract<ChatInbound, { type: 'attachImage' }>;

/** Pastes (or drops) a generated PNG of `width`×`height` — or `text` bytes claiming to be a PNG — on the composer. */
async function deliver(panel: Panel, how: 'paste' | 'drop', file: { width: number; height: number } | { bogus: string }, withText = ''): Promise<void> {
  await panel.page.evaluate(
    async ([how, file, withText]) => {
      let blob: Blob;
      if ('bogus' in file) blob = new Blob([file.bogus], { type: 'image/png' });
      else {
        const canvas = new OffscreenCanvas(file.width, file.height);
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#1e1e1e';
        g.fillRect(0, 0, file.width, file.height);
        g.fillStyle = '#4fc1ff';
        g.fillRect(file.width / 4, file.height / 4, file.width / 2, file.height / 2);
        blob = await canvas.convertToBlob({ type: 'image/png' });
      }
      const data = new DataTransfer();
      data.items.add(new File([blob], 'screenshot.png', { type: 'image/png' }));
      if (withText) data.setData('text/plain', withText);
      (window as unknown as { __lastImage: string }).__lastImage = btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer())));
      const target = document.querySelector(how === 'paste' ? '[data-testid="composer-input"]' : '.composer')!;
      target.dispatchEvent(how === 'paste' ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }) : new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [how, file, withText] as const,
  );
}

async function postedImages(panel: Panel, count: number): Promise<Posted[]> {
  await panel.page.waitForFunction((n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'attachImage').length >= n, count, { timeout: 20_000 });
  return (await panel.posted()).filter((m): m is Posted => m.type === 'attachImage');
}

function pngSize(base64: string): { width: number; height: number } {
  const b = Buffer.from(base64, 'base64');
  assert.equal(b.subarray(1, 4).toString(), 'PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('chat webview: images', function () {
  const panels = usePanels();

  it('a pasted screenshot is scaled (1568 px, 1.15 MP), encoded as PNG with a WebP thumbnail; a small one goes as it is', async () => {
    const panel = await panels.open();
    await panel.host(stateMessage([]));
    await deliver(panel, 'paste', { width: 3000, height: 2000 });
    const [big] = await postedImages(panel, 1);
    // min(1568 / 3000, √(1,150,000 / 6,000,000)) = 0.4378 → 1313×875
    assert.deepEqual([big!.image.name, big!.image.mimeType, big!.image.width, big!.image.height], ['screenshot.png', 'image/png', 1313, 875]);
    assert.deepEqual(pngSize(big!.image.data), { width: 1313, height: 875 }, 'the bytes are the size it says');
    assert.match(big!.image.thumbnail, /^data:image\/webp;base64,/);
    assert.ok(big!.image.thumbnail.length < 20_000, `thumbnail ${big!.image.thumbnail.length} chars`);

    await deliver(panel, 'paste', { width: 120, height: 80 });
    const [, small] = await postedImages(panel, 2);
    assert.deepEqual([small!.image.width, small!.image.height], [120, 80]);
    assert.equal(small!.image.data, await panel.page.evaluate(() => (window as unknown as { __lastImage: string }).__lastImage), 'within the limits: the same bytes');
    assert.equal(await panel.page.getByTestId('composer-input').inputValue(), '', 'nothing pasted as text');
  });

  it('not an image: a notice; a paste that has text pastes the text; image files dropped from the OS are attached', async () => {
    const panel = await panels.open();
    await panel.host(stateMessage([]));
    await deliver(panel, 'paste', { bogus: 'not really a png' });
    await panel.page.locator('.notice.warning', { hasText: 'screenshot.png could not be read as an image.' }).waitFor();
    await deliver(panel, 'paste', { width: 50, height: 50 }, 'copied text');
    await deliver(panel, 'drop', { width: 64, height: 32 });
    const images = await postedImages(panel, 1);
    assert.equal(images.length, 1, 'only the dropped one');
    assert.deepEqual([images[0]!.image.width, images[0]!.image.height], [64, 32]);
  });

  it('an image chip shows its thumbnail in the composer, and a preview in the sent message that opens the image', async () => {
    const panel = await panels.open({ height: 520 });
    const thumbnail = await panel.page.evaluate(async () => {
      const canvas = new OffscreenCanvas(160, 100);
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#252526';
      g.fillRect(0, 0, 160, 100);
      g.fillStyle = '#d7ba7d';
      g.fillRect(12, 12, 90, 10);
      g.fillStyle = '#4fc1ff';
      g.fillRect(12, 30, 130, 10);
      g.fillRect(12, 48, 70, 10);
      const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
      return `data:image/webp;base64,${btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer())))}`;
    });
    const chip: UiAttachment = { id: 'i1', kind: 'image', label: 'screenshot.png', detail: '1313×875, 412 KB', tokens: 1532, thumbnail };
    const question = { ...userMessage('Why is this panel cut off?'), attachments: [{ ...chip, id: 'i0' }] };
    await panel.host(stateMessage([question, answer('The `overflow: hidden` on the container clips it.')], { draftAttachments: [chip] }));
    const draftThumb = panel.page.getByTestId('draft-attachments').getByTestId('attachment-thumbnail');
    await draftThumb.waitFor();
    assert.deepEqual(await draftThumb.evaluate((img) => [img.getAttribute('src') === (img as HTMLImageElement).src, (img as HTMLImageElement).naturalWidth, img.getBoundingClientRect().height]), [true, 160, 16]);
    const sent = panel.page.getByTestId('message-attachments').getByTestId('attachment-thumbnail');
    await sent.waitFor();
    const box = await sent.boundingBox();
    assert.ok(box && box.height > 16 && box.height <= 96, `a preview, not an icon (${box?.height} px)`);
    assert.equal(await panel.page.getByTestId('message-attachments').getByRole('button', { name: /^screenshot\.png, .* tokens: open$/ }).count(), 1);
    await panel.page.screenshot({ path: path.join(screenshotDir, 'images.png') });
    await panel.clearPosted();
    await sent.click();
    const opened = (await panel.posted()).find((m) => m.type === 'openAttachment');
    assert.deepEqual(opened, { type: 'openAttachment', attachmentId: 'i0', conversationId: 'c-1', messageId: question.id });
  });
});
