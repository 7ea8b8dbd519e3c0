// Keeps a streaming answer's text on disk while it arrives: every PARTIAL_SAVE_MS, when the text
// (its thinking, or status) changed since the last save, the conversation is saved with the answer still
// marked running. After a reload or a killed extension host, the answer comes back with all but
// the last few seconds of its text, marked interrupted. `flush()` saves right away (deactivate).
import type { Clock } from '../../core/clock';
import type { UiMessage } from '../../shared/protocol/chat';

export const PARTIAL_SAVE_MS = 2_000;

export class PartialSaver {
  private timer: unknown;
  private savedLength: number;
  private savedStatus: string;
  private saving: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly message: UiMessage,
    private readonly save: () => Promise<void>,
    private readonly clock: Clock,
    private readonly intervalMs = PARTIAL_SAVE_MS,
  ) {
    this.savedLength = lengthOf(message);
    this.savedStatus = message.status;
    this.schedule();
  }

  /** Saves now if the answer changed since the last save (awaits a save already under way). */
  async flush(): Promise<void> {
    if (this.saving) await this.saving;
    const length = lengthOf(this.message);
    if (length === this.savedLength && this.message.status === this.savedStatus) return;
    this.savedLength = length;
    this.savedStatus = this.message.status;
    this.saving = this.save().finally(() => (this.saving = undefined));
    await this.saving;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush().finally(() => this.schedule());
    }, this.intervalMs);
  }
}

/** Text and thinking only grow while an answer streams, so their length says whether it changed. */
function lengthOf(message: UiMessage): number {
  return message.text.length + (message.thinking?.length ?? 0);
}
