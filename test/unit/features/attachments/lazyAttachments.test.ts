import { strict as assert } from 'node:assert';
import type { AttachmentDraft } from '../../../../src/core/attachments/attachment';
import { ATTACH_PROBLEM_COMMAND, ATTACH_TO_CHAT_COMMAND } from '../../../../src/features/attachments/attachmentCommandIds';
import { LazyAttachments, type AttachmentsParts } from '../../../../src/features/attachments/lazyAttachments';

type Module = Awaited<ReturnType<AttachmentsParts['load']>>;

const DRAFT: AttachmentDraft = { kind: 'file', label: 'a.ts', detail: 'src/a.ts', content: 'File `src/a.ts`:' };

/** A stand-in for the lazily loaded bundle: records what reached it. */
function fakeFeature(options: { failLoads?: number } = {}) {
  const calls: string[] = [];
  const terminals = { disposed: 0, hasOutput: false, attachment: () => DRAFT, dispose() { this.disposed++; } };
  let loads = 0;
  let failLoads = options.failLoads ?? 0;
  const made: { log: unknown; terminals: unknown; disposed: number }[] = [];
  class WorkspaceAttachments {
    readonly record = { log: undefined as unknown, terminals: undefined as unknown, disposed: 0 };
    constructor(log: unknown, given: unknown) {
      this.record.log = log;
      this.record.terminals = given;
      made.push(this.record);
    }
    async candidates(query: string) { calls.push(`candidates ${query}`); return { items: [], truncated: false }; }
    async resolve(ref: { kind: string }) { calls.push(`resolve ${ref.kind}`); return [DRAFT]; }
    async resolveUri(uri: { path: string }) { calls.push(`resolveUri ${uri.path}`); return DRAFT; }
    async pick() { calls.push('pick'); return []; }
    async open(a: { id: string }) { calls.push(`open ${a.id}`); }
    dispose() { this.record.disposed++; }
  }
  const module = {
    WorkspaceAttachments,
    attachmentCommands: (sources: unknown, add: (d: AttachmentDraft[]) => Promise<void>, notify: (t: string) => void) => {
      calls.push(`commands made for ${sources instanceof WorkspaceAttachments ? 'the loaded sources' : 'something else'}`);
      return {
        [ATTACH_TO_CHAT_COMMAND]: async (...args: unknown[]) => (calls.push(`attachToChat ${args.join(' ')}`), add([DRAFT])),
        [ATTACH_PROBLEM_COMMAND]: async (...args: unknown[]) => (calls.push(`attachProblem ${args.join(' ')}`), notify('refused')),
      };
    },
  } as unknown as Module;
  const parts: AttachmentsParts = {
    startCapture: () => (calls.push('capture started'), terminals as never),
    load: async () => {
      loads++;
      if (failLoads > 0) {
        failLoads--;
        throw new Error('dist/attachments.js is missing');
      }
      return module;
    },
  };
  return { parts, calls, terminals, made, loads: () => loads };
}

const log = { warn() {} };

describe('features/attachments: LazyAttachments', () => {
  it('starts the terminal capture when it is made, and loads nothing until first used', async () => {
    const f = fakeFeature();
    const lazy = new LazyAttachments(log, f.parts);
    assert.deepEqual(f.calls, ['capture started']);
    assert.equal(f.loads(), 0);
    lazy.commands(async () => undefined, () => undefined);
    assert.equal(f.loads(), 0, 'naming the commands loads nothing');
    await lazy.pick();
    assert.equal(f.loads(), 1);
    assert.equal(f.made.length, 1);
    assert.equal(f.made[0]!.terminals, f.terminals, 'the loaded part reads the capture that ran from the start');
    assert.equal(f.made[0]!.log, log);
  });

  it('forwards every AttachmentSources call with its arguments and result, loading once for concurrent calls', async () => {
    const f = fakeFeature();
    const lazy = new LazyAttachments(log, f.parts);
    const [candidates, resolved, uri] = await Promise.all([
      lazy.candidates('app'),
      lazy.resolve({ kind: 'source', source: 'gitDiff' }),
      lazy.resolveUri({ path: '/w/src/a.ts' } as never),
    ]);
    await lazy.open({ ...DRAFT, id: 'x1' });
    assert.deepEqual(candidates, { items: [], truncated: false });
    assert.deepEqual(resolved, [DRAFT]);
    assert.deepEqual(uri, DRAFT);
    assert.deepEqual(f.calls.slice(1), ['candidates app', 'resolve source', 'resolveUri /w/src/a.ts', 'open x1']);
    assert.equal(f.loads(), 1);
    assert.equal(f.made.length, 1);
  });

  it("the commands reach attachmentCommands' handlers of the loaded part, with add and notify", async () => {
    const f = fakeFeature();
    const lazy = new LazyAttachments(log, f.parts);
    const added: AttachmentDraft[][] = [];
    const notes: string[] = [];
    const handlers = lazy.commands(async (d) => void added.push(d), (t) => void notes.push(t));
    assert.deepEqual(Object.keys(handlers).sort(), [ATTACH_PROBLEM_COMMAND, ATTACH_TO_CHAT_COMMAND].sort());
    await handlers[ATTACH_TO_CHAT_COMMAND]!('u1', 'ctx');
    await handlers[ATTACH_PROBLEM_COMMAND]!('u2', 'd');
    await handlers[ATTACH_TO_CHAT_COMMAND]!('u3');
    assert.deepEqual(f.calls.slice(1), ['commands made for the loaded sources', 'attachToChat u1 ctx', 'attachProblem u2 d', 'attachToChat u3']);
    assert.deepEqual(added, [[DRAFT], [DRAFT]]);
    assert.deepEqual(notes, ['refused']);
  });

  it('a load that failed is tried again by the next call', async () => {
    const f = fakeFeature({ failLoads: 1 });
    const lazy = new LazyAttachments(log, f.parts);
    await assert.rejects(lazy.pick(), /dist\/attachments\.js is missing/);
    assert.deepEqual(await lazy.pick(), []);
    assert.equal(f.loads(), 2);
  });

  it('dispose ends the capture and the loaded part; a load finishing after it makes nothing', async () => {
    const f = fakeFeature();
    const lazy = new LazyAttachments(log, f.parts);
    await lazy.pick();
    lazy.dispose();
    assert.equal(f.terminals.disposed, 1);
    assert.equal(f.made[0]!.disposed, 1);

    const g = fakeFeature();
    const late = new LazyAttachments(log, g.parts);
    const pending = late.pick();
    late.dispose();
    await assert.rejects(pending, /closed/);
    assert.equal(g.made.length, 0);
    assert.equal(g.terminals.disposed, 1);
  });
});
