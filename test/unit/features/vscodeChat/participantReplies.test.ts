import { strict as assert } from 'node:assert';
import type { PeriodSummary } from '../../../../src/core/usage/queries';
import { budgetReply, usageReply } from '../../../../src/features/vscodeChat/participantReplies';

const empty: PeriodSummary = { costNanos: 0, unknownPrice: 0, estimated: 0, requests: 0, byModel: [], bySource: [] };
const month: PeriodSummary = {
  costNanos: 1_234_500_000, // $1.2345
  unknownPrice: 1,
  estimated: 2,
  requests: 5,
  byModel: [
    { providerId: 'anthropic', model: 'claude-sonnet-4-5', requests: 3, costNanos: 1_200_000_000, unknownPrice: 0, inputTokens: 12_000, outputTokens: 800, cachedInputTokens: 9_000 },
    { providerId: 'compat:gw', model: 'odd|id', requests: 2, costNanos: 34_500_000, unknownPrice: 1, inputTokens: 10, outputTokens: 5, cachedInputTokens: 0 },
  ],
  bySource: [
    { source: 'vscode-chat', requests: 3, costNanos: 1_200_000_000, unknownPrice: 0 },
    { source: 'switchboard', requests: 2, costNanos: 34_500_000, unknownPrice: 1 },
  ],
};

describe('VS Code chat: @switchboard replies', () => {
  it('/usage: today and this month, by source and by model, unpriced and estimated requests said as such', () => {
    const md = usageReply({ today: empty, month, providerLabel: (id) => (id === 'anthropic' ? 'Anthropic' : 'Gateway') });
    assert.match(md, /\*\*Today:\*\* no requests\./);
    assert.match(md, /\*\*This month:\*\* \$1\.23 \+ 1 unpriced over 5 requests \(2 with estimated tokens, ≈\)\./);
    assert.match(md, /- By source: VS Code chat \$1\.20 \(3 requests\) · Switchboard \$0\.03 \+ 1 unpriced \(2 requests\)/);
    assert.match(md, /- `claude-sonnet-4-5` · Anthropic: \$1\.20 · 3 requests · 12,000 \(9,000 cached\) in \/ 800 out tokens/);
    assert.match(md, /- `odd\|id` · Gateway: /);
  });

  it('/budget: spent, limit and what is left per budget, or how to set one', () => {
    const md = budgetReply([{ label: 'Daily', level: 'warn80', limitUsd: 5, spentUsd: 4.2 }, { label: 'Monthly · OpenAI', level: 'blocked', limitUsd: 20, spentUsd: 21 }], 'hard');
    assert.match(md, /hard: requests over a limit are blocked/);
    assert.match(md, /\| Daily \| \$4\.20 \| \$5\.00 \| \$0\.80 \| over 80 % \|/);
    assert.match(md, /\| Monthly · OpenAI \| \$21\.00 \| \$20\.00 \| \$0\.00 \| used up: new requests are blocked \|/);
    assert.match(budgetReply([], 'soft'), /No budget is set\. Set `switchboard\.budget\.daily`/);
    assert.match(budgetReply([], 'soft'), /`switchboard\.budget\.perWorkspace`/);
  });

  it('/budget: lists the current workspace\'s limits, its name kept inside its cell', () => {
    const md = budgetReply([{ label: 'Daily · workspace a|b', level: 'ok', limitUsd: 2, spentUsd: 0.5 }], 'soft');
    assert.match(md, /\| Daily · workspace a\\\|b \| \$0\.50 \| \$2\.00 \| \$1\.50 \| ok \|/);
  });
});
