// Asks once before an API key goes to a host that is not its provider's own (a base URL override,
// an OpenAI-compatible endpoint, an Azure resource), and remembers the answer per provider and
// origin in globalState (a few short strings). The rule of what needs asking is pure and tested:
// core/net/keyDestination.ts. A declined host is refused with an `auth` error until the provider's
// key is set again (the user's way to be asked again); an endpoint added through the command is
// allowed when it is saved, because the user typed that host.
import * as vscode from 'vscode';
import type { ProviderConfig } from '../../core/llm/types';
import { ProviderError } from '../../core/llm/errors';
import { providerKinds } from '../../core/providers/registry';
import { consentKey, keyDestination, keyOrigin } from '../../core/net/keyDestination';
import type { KeyStore } from './keyStore';

const ANSWERS_KEY = 'switchboard.keyConsent.v1';

export class KeyConsent implements vscode.Disposable {
  /** One question per provider and origin at a time (the panel may list several models at once). */
  private readonly asking = new Map<string, Promise<boolean>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    keys: KeyStore,
  ) {
    this.subscription = keys.onDidChange((id) => void this.forgetDeclined(id));
  }

  /**
   * Resolves when `config`'s key may be sent; throws an `auth` ProviderError when the user said no.
   * `ask: false` (background work nobody asked for, such as VS Code listing models) never opens the
   * question: an unanswered host then throws too, and the question waits for a request the user makes.
   */
  async check(config: ProviderConfig, { ask = true } = {}): Promise<void> {
    const defaultBaseURL = providerKinds[config.kind]?.defaultBaseURL;
    const decision = keyDestination(config, defaultBaseURL, this.answers());
    if (decision.kind === 'ask' && !ask) {
      throw new ProviderError({
        code: 'auth',
        providerId: config.id,
        providerCode: 'key_destination_unconfirmed',
        message: `Switchboard has not asked yet whether your ${config.label} key may go to ${new URL(decision.origin).host}.`,
      });
    }
    if (decision.kind === 'ask') {
      const key = consentKey(config.id, decision.origin);
      let pending = this.asking.get(key);
      if (!pending) {
        pending = this.ask(config, decision.origin, defaultBaseURL).finally(() => this.asking.delete(key));
        this.asking.set(key, pending);
      }
      if (await pending) return;
    } else if (decision.kind !== 'declined') {
      return;
    }
    const host = new URL(keyOrigin(config, defaultBaseURL)!).host;
    throw new ProviderError({
      code: 'auth',
      providerId: config.id,
      providerCode: 'key_destination_declined',
      message: `Switchboard did not send your ${config.label} key to ${host}: you did not allow it. Set the key again (Switchboard: Set API Key) to be asked again, or change the base URL.`,
    });
  }

  /** Records that the user chose this origin for this provider (they typed it in a command). */
  async allow(providerId: string, url: string | undefined): Promise<void> {
    if (!url) return;
    await this.remember(consentKey(providerId, new URL(url).origin), true);
  }

  private async ask(config: ProviderConfig, origin: string, defaultBaseURL: string | undefined): Promise<boolean> {
    const host = new URL(origin).host;
    const own = defaultBaseURL ? ` instead of ${config.label}'s own server (${new URL(defaultBaseURL).host})` : '';
    const choice = await vscode.window.showWarningMessage(
      `Send your ${config.label} API key to ${host}?`,
      {
        modal: true,
        detail: `Your settings send ${config.label} requests, with your key, to ${origin}${own}. Allow it only if you trust this host. Switchboard asks once per host.`,
      },
      'Allow',
    );
    const allowed = choice === 'Allow';
    await this.remember(consentKey(config.id, origin), allowed);
    return allowed;
  }

  private answers(): Record<string, boolean> {
    const raw = this.state.get<unknown>(ANSWERS_KEY);
    if (!raw || typeof raw !== 'object') return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
  }

  private async remember(key: string, allowed: boolean): Promise<void> {
    await this.state.update(ANSWERS_KEY, { ...this.answers(), [key]: allowed });
  }

  private async forgetDeclined(providerId: string): Promise<void> {
    const all = this.answers();
    const kept = Object.fromEntries(Object.entries(all).filter(([k, v]) => v || !k.startsWith(`${providerId} `)));
    if (Object.keys(kept).length !== Object.keys(all).length) await this.state.update(ANSWERS_KEY, kept);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
