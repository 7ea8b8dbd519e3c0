// Switchboard-specific e2e helpers: fake providers wired into the settings, keys set through the
// command palette, the chat panel's composer and messages.
import type { FrameLocator, Page } from 'playwright-core';
import { startFakeProviders, type FakeProviders, type FakeProvidersOptions } from '../fakes/server';
import type { WorkbenchFixture } from './fixture';
import { clearNotifications, quickInput, runCommand, waitForNotification } from './workbench';

/** Starts the fake providers (optionally in demo mode) for this describe block and points the extension's base URLs at them. */
export function useFakeProviders(wb: WorkbenchFixture, extraSettings: Record<string, unknown> = {}, options: Pick<FakeProvidersOptions, 'demo'> = {}): { readonly fake: FakeProviders } {
  let fake: FakeProviders | undefined;
  // Base URLs are application-scoped: they must be in User settings before the page loads.
  wb.beforeOpen(async () => {
    fake = await startFakeProviders({ queueForChatOnly: true, ...options });
    await wb.server.updateSettings({
      'switchboard.openai.baseUrl': fake.baseURLs.openai,
      'switchboard.anthropic.baseUrl': fake.baseURLs.anthropic,
      'switchboard.gemini.baseUrl': fake.baseURLs.gemini,
      ...extraSettings,
    });
  });
  after(async () => {
    await fake?.close();
  });
  return {
    get fake() {
      if (!fake) throw new Error('fake providers not started yet');
      return fake;
    },
  };
}

/**
 * Sets a key with Switchboard: Set API Key (quick pick + password box). `clear: false` leaves the
 * notifications (and whatever the new key starts, such as a consent dialog) as they are.
 */
export async function setKey(page: Page, providerLabel: string, key: string, { clear = true } = {}): Promise<void> {
  await runCommand(page, 'Switchboard: Set API Key');
  await quickInput.waitOpen(page, { title: /Set the API key/ });
  await quickInput.pick(page, providerLabel);
  await quickInput.waitOpen(page, { title: `Switchboard: ${providerLabel} API key` });
  await quickInput.type(page, key);
  await waitForNotification(page, new RegExp(`${providerLabel} key saved`));
  if (clear) await clearNotifications(page);
}

export async function send(frame: FrameLocator, text: string): Promise<void> {
  const input = frame.locator('[data-testid="composer-input"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  // Enter does nothing until a model is selected (e.g. while the model lists load): wait for it.
  await frame.locator('[data-testid="send"]:not([disabled])').waitFor({ timeout: 20_000 });
  await input.press('Enter');
}

/** The last assistant answer element. */
export function lastAnswer(frame: FrameLocator) {
  return frame.locator('article.message.assistant').last();
}

/** Waits until the LAST answer in the panel has `status` (streaming, retrying, done, stopped, error…). */
export async function waitForStatus(frame: FrameLocator, status: string, timeoutMs = 20_000): Promise<void> {
  const last = lastAnswer(frame);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await last.getAttribute('data-status', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => null);
    if (current === status) return;
    if (Date.now() > deadline) throw new Error(`the last answer is "${current}", not "${status}", after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function statusBarText(page: Page): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: /today ·/ }).first();
  await item.waitFor({ state: 'visible' });
  return (await item.innerText()).trim();
}

/** Picks `providerId` / `modelId` in the panel's model picker: opens its list, clicks the model's row. */
export async function pickModel(frame: FrameLocator, providerId: string, modelId: string): Promise<void> {
  // Enabled once a provider is ready; the open list follows the model lists as they load.
  await frame.locator('[data-testid="model-picker"]:not([disabled])').waitFor({ timeout: 20_000 });
  const picker = frame.locator('[data-testid="model-picker"]');
  if ((await picker.getAttribute('aria-expanded')) !== 'true') await picker.click();
  const row = frame.locator(`[data-testid="model-option"][data-provider="${providerId}"][data-model="${modelId}"]`);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click();
  await frame.locator('[data-testid="model-menu"]').waitFor({ state: 'detached' });
}
