import * as vscode from 'vscode';
import type { PipelineResult } from '../../core/llm/pipeline';
import type { ModelRequest, RequestRun } from '../../core/requests/requestService';
import { showBudgetWarning } from '../budget/budgetService';

/** Progress text is refreshed at most this often while the answer streams. */
const PROGRESS_INTERVAL_MS = 250;

export interface EditServices {
  run(request: ModelRequest): RequestRun;
  settings(): { maxOutputTokens: number; temperature: number | null };
}

/**
 * Runs an Edit Selection request in a cancellable progress notification that says what it is
 * waiting for (rate limiter, retry) and how much has been written. The request service records
 * its usage; this only reads the events.
 */
export function runWithProgress(services: EditServices, request: ModelRequest, title: string): Thenable<PipelineResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const handle = services.run({ ...request, signal: abort.signal });
    let chars = 0;
    let reportedAt = 0;
    try {
      for await (const ev of handle.events) {
        if (ev.type === 'budgetWarning') showBudgetWarning(ev.text);
        else if (ev.type === 'queued') progress.report({ message: `waiting for the rate limiter (about ${seconds(ev.waitMs)})…` });
        else if (ev.type === 'retrying') progress.report({ message: `${ev.error.message} Retrying in ${seconds(ev.delayMs)} (attempt ${ev.attempt} of ${ev.maxAttempts})…` });
        else if (ev.type === 'started') progress.report({ message: `asking ${ev.model}…` });
        else if (ev.type === 'text') {
          chars += ev.text.length;
          if (Date.now() - reportedAt > PROGRESS_INTERVAL_MS) {
            reportedAt = Date.now();
            progress.report({ message: `writing… ${chars.toLocaleString('en-US')} characters` });
          }
        }
      }
      return (await handle.done).result;
    } finally {
      cancel.dispose();
    }
  });
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}
