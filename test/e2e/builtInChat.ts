// VS Code's own chat view (1.139: the Chat view in the secondary sidebar, Copilot Chat built in),
// driven as a user does: open it, pick the mode and the model, type, read the answers.
import type { Locator, Page } from 'playwright-core';
import { runCommand } from './workbench';

const input = (page: Page) => page.locator('.interactive-input-part').last();

export async function openBuiltInChat(page: Page): Promise<void> {
  await runCommand(page, 'Chat: Open Chat');
  await input(page).locator('.monaco-editor').waitFor({ state: 'visible', timeout: 20_000 });
}

/** Switches the chat to `mode` (Ask, Edit, Agent, Plan) with the mode picker in the input's toolbar. */
export async function setChatMode(page: Page, mode: string): Promise<void> {
  const picker = input(page).locator('a.action-label', { hasText: /^(Ask|Edit|Agent|Plan)$/ }).first();
  await picker.waitFor({ state: 'visible', timeout: 10_000 });
  if ((await picker.innerText()).trim() === mode) return;
  await picker.click();
  await page.locator('.action-widget .monaco-list-row', { hasText: new RegExp(`^\\s*${mode}\\b`) }).first().click();
  await page.waitForFunction((m) => [...document.querySelectorAll('.interactive-input-part a.action-label')].some((a) => a.textContent?.trim() === m), mode, { timeout: 10_000 });
}

/** Picks a model in the chat's model picker by searching its name (`name` as the picker shows it). */
export async function pickChatModel(page: Page, name: string): Promise<void> {
  await input(page).locator('a.model-picker-name').first().click();
  const search = page.locator('.action-widget input').first();
  await search.waitFor({ state: 'visible', timeout: 10_000 });
  await search.fill(name);
  await page.locator('.action-widget .monaco-list-row', { hasText: name }).first().click();
  await page.waitForFunction((n) => [...document.querySelectorAll('.interactive-input-part a.model-picker-name')].some((a) => (a.getAttribute('aria-label') ?? '').includes(n)), name, { timeout: 10_000 });
}

export async function askInChat(page: Page, text: string): Promise<void> {
  await input(page).locator('.monaco-editor').first().click();
  await page.keyboard.type(text);
  // Enter would accept an open completion (`@switchboard`, `/usage`) instead of sending: click Send.
  await input(page).locator('a.action-label[aria-label^="Send"]:not(.disabled)').first().click();
}

/** The chat's answers, oldest first. */
export function chatResponses(page: Page): Locator {
  return page.locator('.interactive-item-container.interactive-response');
}

/**
 * VS Code asks once whether an extension may use another extension's language models: allow it
 * when the dialog is up (a no-op otherwise).
 */
export async function allowLanguageModelAccess(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  if (!(await dialog.isVisible().catch(() => false))) return;
  const allow = dialog.locator('a.monaco-button, button', { hasText: /^Allow$/ }).first();
  if (await allow.isVisible().catch(() => false)) await allow.click();
}
