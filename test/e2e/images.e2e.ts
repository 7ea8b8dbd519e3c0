// Issue 20 (images) in real VS Code: a PNG pasted into the composer becomes a chip with its
// thumbnail; sent to OpenAI, Anthropic and Gemini it reaches each fake in that provider's own
// image format (Chat Completions `image_url` with a data: URL, Messages `image` with a base64
// source, Gemini `inlineData`) — the very bytes that were pasted, ahead of the question's text.
import { strict as assert } from 'node:assert';
import type { FrameLocator } from 'playwright-core';
import { useWorkbench } from './fixture';
import { lastAnswer, pickModel, send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { keepForReadme, openSwitchboardView, screenshot } from './workbench';

type Body = Record<string, unknown>;

/** Pastes a generated 96×64 PNG on the composer (as Ctrl+V of a screenshot delivers it); returns its base64. */
async function pastePng(frame: FrameLocator, seed: number): Promise<string> {
  return frame.locator('[data-testid="composer-input"]').evaluate(async (input, seed) => {
    const canvas = new OffscreenCanvas(96, 64);
    const g = canvas.getContext('2d')!;
    g.fillStyle = `rgb(${seed * 60}, 120, 200)`;
    g.fillRect(0, 0, 96, 64);
    g.fillStyle = '#ffffff';
    g.fillRect(8 + seed * 4, 8, 40, 12);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const data = new DataTransfer();
    data.items.add(new File([blob], 'screenshot.png', { type: 'image/png' }));
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer())));
  }, seed);
}

/** The image part of the last user turn, in the provider's wire format. */
function sentImage(provider: 'openai' | 'anthropic' | 'gemini', body: Body): { image: unknown; textAfter: boolean } {
  if (provider === 'gemini') {
    const turn = (body.contents as { role: string; parts: Body[] }[]).filter((c) => c.role === 'user').at(-1)!;
    return { image: turn.parts[0], textAfter: typeof turn.parts.at(-1)!.text === 'string' };
  }
  const turn = (body.messages as { role: string; content: Body[] }[]).filter((m) => m.role === 'user').at(-1)!;
  assert.ok(Array.isArray(turn.content), 'the question went as parts');
  return { image: turn.content[0], textAfter: turn.content.at(-1)!.type === 'text' };
}

describe('images: a pasted PNG reaches each provider in its own image format', function () {
  const wb = useWorkbench();
  const fp = useFakeProviders(wb);

  before(async function () {
    this.timeout(90_000);
    await setKey(wb.page, 'OpenAI', 'sk-imagesE2E-0123456789abcdefWXYZ');
    await setKey(wb.page, 'Anthropic', 'sk-ant-api03-imagesE2E-0123456789abcdef');
    await setKey(wb.page, 'Google Gemini', 'AIzaSyImagesE2E0123456789abcdefghijklmn');
  });

  const cases = [
    { provider: 'openai', model: 'gpt-4o-2024-08-06', expect: (b64: string) => ({ type: 'image_url', image_url: { url: `data:image/png;base64,${b64}` } }) },
    { provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', expect: (b64: string) => ({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64 } }) },
    { provider: 'gemini', model: 'gemini-2.5-flash', expect: (b64: string) => ({ inlineData: { mimeType: 'image/png', data: b64 } }) },
  ] as const;

  for (const [i, c] of cases.entries()) {
    it(`${c.provider}: ${c.model}`, async () => {
      const frame = await openSwitchboardView(wb.page);
      if (i > 0) {
        await frame.locator('[data-testid="new-chat"]').click();
        await frame.locator('article.message').first().waitFor({ state: 'detached', timeout: 10_000 });
      }
      await pickModel(frame, c.provider, c.model);
      const pasted = await pastePng(frame, i + 1);
      const chip = frame.locator('[data-testid="draft-attachments"] [data-testid="attachment-chip"][data-kind="image"]');
      await chip.waitFor({ timeout: 20_000 });
      assert.match(await chip.innerText(), /screenshot\.png\s*\d+/, 'label and token count');
      assert.equal(await chip.locator('[data-testid="attachment-thumbnail"]').count(), 1, 'a thumbnail');

      fp.fake.enqueue(c.provider, { text: `A blue panel with a white bar near its top left (${c.provider}).` });
      const before = fp.fake.requests.length;
      await send(frame, 'What does this screenshot show?');
      await lastAnswer(frame).filter({ hasText: `A blue panel with a white bar near its top left (${c.provider}).` }).waitFor({ timeout: 20_000 });
      await waitForStatus(frame, 'done');
      const chat = fp.fake.requests.slice(before).filter((r) => r.provider === c.provider && r.method === 'POST');
      assert.equal(chat.length, 1, `one ${c.provider} request`);
      const { image, textAfter } = sentImage(c.provider, chat[0]!.body as Body);
      assert.deepEqual(image, c.expect(pasted));
      assert.ok(textAfter, 'the question follows the image');
      // The sent message keeps the image as a preview.
      await frame.locator('[data-testid="message-attachments"] [data-testid="attachment-thumbnail"]').last().waitFor();
      if (c.provider === 'anthropic') keepForReadme(await screenshot(wb.page, 'images'), 'images');
    });
  }
});
