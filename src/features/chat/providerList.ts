// The providers and models the panel offers (listed from the services, listed again when keys,
// endpoints or prices change), and which model the panel uses now.
import type { ResolvedModel } from '../../core/models/resolvedModel';
import type { UiSelection } from '../../shared/protocol/chat';
import type { ChatServices, ProviderChoice } from './chatPorts';

export interface ChatLogger {
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

type MaybeSelection = { providerId: string | null; model: string | null } | undefined;

export class ProviderList {
  private providers: ProviderChoice[] = [];
  private loaded = false;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly services: ChatServices,
    private readonly log: ChatLogger,
    /** Called after the latest listing landed (an older one that finishes late is not announced). */
    private readonly onListed: () => void,
  ) {}

  get all(): readonly ProviderChoice[] {
    return this.providers;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  get isLoading(): boolean {
    return this.loading !== undefined && !this.loaded;
  }

  refresh(): Promise<void> {
    const loading = this.services.listProviders().then(
      (providers) => {
        this.providers = providers;
        this.loaded = true;
      },
      (err: unknown) => {
        this.log.error('Could not list providers', err);
        this.loaded = true;
      },
    );
    this.loading = loading;
    return loading.then(() => {
      if (this.loading === loading) this.onListed();
    });
  }

  /** Resolves once providers have been listed at least once. */
  ensure(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    return this.loading ?? this.refresh();
  }

  find(providerId: string): ProviderChoice | undefined {
    return this.providers.find((p) => p.id === providerId);
  }

  model(providerId: string, modelId: string): ResolvedModel | undefined {
    return this.find(providerId)?.models.find((m) => m.id === modelId);
  }

  /**
   * The first candidate that is still offered (any, while providers are not listed yet), else the
   * first ready provider's first model, else null.
   */
  choose(...candidates: MaybeSelection[]): UiSelection | null {
    for (const c of candidates) {
      if (!c?.providerId || !c.model) continue;
      if (!this.loaded) return { providerId: c.providerId, model: c.model };
      const p = this.find(c.providerId);
      if (p?.ready && p.models.some((m) => m.id === c.model)) return { providerId: c.providerId, model: c.model };
    }
    const first = this.providers.find((p) => p.ready && p.models.length > 0);
    return first ? { providerId: first.id, model: first.models[0]!.id } : null;
  }
}
