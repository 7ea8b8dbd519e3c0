// Conversations in files (issue 15, part 3): with 1,000 conversations × 50 messages stored, a
// save writes about the size of the conversation saved — not of all history, as the globalState
// blob did (every save rewrote all of it). Bytes are counted through the store's own write path.
import { strict as assert } from 'node:assert';
import { statSync } from 'node:fs';
import path from 'node:path';
import { ConversationFiles } from '../../src/core/conversations/conversationFiles';
import type { StoredConversation } from '../../src/core/conversations/conversation';
import { countingFs, removeTempFolders, tempFolder } from '../unit/helpers/conversationFolders';
import { reportReliability } from './reliabilityTable';

const CONVERSATIONS = 1_000;
const MESSAGES = 50;

function conversation(i: number): StoredConversation {
  const id = `conv-${String(i).padStart(4, '0')}`;
  return {
    v: 1, id, title: `Conversation ${i}`, titled: false, createdAt: i, updatedAt: 1_000 + i, providerId: 'openai', model: 'gpt-5-mini',
    messages: Array.from({ length: MESSAGES }, (_, j) => ({
      id: `${id}-${j}`, role: j % 2 ? 'assistant' as const : 'user' as const,
      text: j % 2 ? `Here is an answer with some code:\n\`\`\`ts\nconst x${j} = ${j};\n\`\`\`\n${'Explanation. '.repeat(15)}` : `Question ${j}: how do I do thing ${j}?`,
      status: 'done' as const, createdAt: 1_000 + j,
      ...(j % 2 ? { meta: { providerId: 'openai', model: 'gpt-5-mini', inputTokens: 500 + j, outputTokens: 120, costUsd: 0.0003, costEstimated: false, latencyMs: 1500, ttftMs: 300 } } : {}),
    })),
  };
}

describe('faults: conversations in files', function () {
  this.timeout(120_000);
  after(removeTempFolders);

  it('1,000 × 50 conversations → bytes written per save ≤ that conversation\'s size', async () => {
    const root = tempFolder('switchboard-1000x50-');
    const seed = await ConversationFiles.open(root, { limits: { maxConversations: 2_000 } });
    for (let i = 0; i < CONVERSATIONS; i++) await seed.save(conversation(i));
    const totalOnDisk = seed.list().length && [...Array(CONVERSATIONS).keys()].reduce((n, i) => n + statSync(path.join(seed.dir, `${conversation(i).id}.json`)).size, 0);

    const fs = countingFs();
    const started = performance.now();
    const files = await ConversationFiles.open(root, { fs, limits: { maxConversations: 2_000 } });
    const openMs = performance.now() - started;
    assert.equal(files.list().length, CONVERSATIONS);
    const again = performance.now();
    await ConversationFiles.open(root, { limits: { maxConversations: 2_000 } });
    const reopenMs = performance.now() - again;
    fs.reset();

    // 20 exchanges in 20 conversations, each saved twice as the chat does (when asked, when answered).
    const ratios: number[] = [];
    for (let k = 0; k < 20; k++) {
      const c = files.read(conversation(k * 37).id)!;
      c.messages.push({ id: `q${k}`, role: 'user', text: `One more question ${k}`, status: 'done', createdAt: 5_000 + k });
      const answer = { id: `a${k}`, role: 'assistant' as const, text: '', status: 'streaming' as const, createdAt: 5_000 + k };
      c.messages.push(answer);
      for (const text of ['', 'The answer, finished.']) {
        answer.text = text;
        fs.reset();
        await files.save(c);
        const size = statSync(path.join(files.dir, `${c.id}.json`)).size;
        assert.deepEqual(fs.writes, [`${c.id}.json`], 'only that conversation\'s file is written');
        ratios.push(fs.total() / size);
      }
    }
    const worst = Math.max(...ratios);
    const perSave = Math.round(totalOnDisk / CONVERSATIONS);
    console.log(`      ${CONVERSATIONS} × ${MESSAGES}: ${(totalOnDisk / 1e6).toFixed(1)} MB on disk, ~${perSave.toLocaleString('en')} bytes per conversation; first open (no index yet) ${openMs.toFixed(0)} ms, with the index ${reopenMs.toFixed(0)} ms; worst save wrote ${worst.toFixed(3)}× its conversation`);
    reportReliability({
      check: '1,000 × 50 conversations → bytes written per save',
      figure: `${worst.toFixed(2)}× the conversation (~${(perSave / 1e3).toFixed(0)} KB of ${(totalOnDisk / 1e6).toFixed(1)} MB)`,
      target: '≤ conversation size',
      ok: worst <= 1,
    });
    assert.ok(worst <= 1, `a save wrote ${worst}× its conversation`);
  });
});
