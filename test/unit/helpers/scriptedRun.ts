// A request run driven by a test's script, shaped like the request service's (core/requests): the
// script's yields are the events, its return value the result; `done` settles after the last event,
// with whatever `record` says was recorded for it.
import type { PipelineResult } from '../../../src/core/llm/pipeline';
import type { RecordedUsage, RequestEvent, RequestRun } from '../../../src/core/requests/requestService';

export function runFrom(
  gen: AsyncGenerator<RequestEvent, PipelineResult, void>,
  record: (result: PipelineResult) => RecordedUsage | undefined,
  retryNow: () => void = () => undefined,
): RequestRun {
  let resolve!: (r: PipelineResult) => void;
  const result = new Promise<PipelineResult>((r) => (resolve = r));
  async function* events() {
    for (;;) {
      const next = await gen.next();
      if (next.done) return resolve(next.value);
      yield next.value;
    }
  }
  const done = result.then((r) => ({ result: r, usage: record(r) }));
  return { events: events(), done, retryNow };
}
