// Issue 17 in VS Code 1.139: Switchboard's models serve every extension through `vscode.lm` (a
// second, test extension calls them) and VS Code's own chat, agent mode included; requests go
// through Switchboard's request service (usage under source "VS Code chat", hard budgets block);
// `@switchboard /usage` answers in the chat. On 1.100 this file is skipped (the API is not there).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { useWorkbench } from './fixture';
import { setKey, useFakeProviders } from './switchboard';
import { build, clearNotifications, keepForReadme, quickInput, runCommand, screenshot, waitForNotification, webviewFrame } from './workbench';
import { openBuiltInChat, pickChatModel, askInChat, chatResponses, setChatMode, allowLanguageModelAccess } from './builtInChat';

interface ProbeResult {
  step: { kind: string; model?: string };
  ok: boolean;
  error?: string;
  models?: { id: string; name: string; vendor: string; maxInputTokens: number }[];
  text?: string;
  thinking?: string;
  otherParts?: number;
  toolCalls?: { callId: string; name: string; input: Record<string, unknown> }[];
  first?: { text: string; toolCalls: { callId: string; name: string; input: Record<string, unknown> }[] };
  turns?: { text: string }[];
  second?: { text: string };
  tokens?: number;
}

const MODELS = { openai: 'openai::gpt-4o-2024-08-06', anthropic: 'anthropic::claude-sonnet-4-5-20250929', gemini: 'gemini::gemini-2.5-flash' } as const;
const GEMINI_KEY = 'AIzaSyLmE2E0123456789abcdefghijklmnopq';
const WEATHER = { name: 'get_weather', description: 'Current weather in a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('VS Code chat: Switchboard models for VS Code and other extensions (1.139)', function () {
  before(function () {
    if (build !== '1.139') this.skip();
  });
  const wb = useWorkbench();
  const fp = useFakeProviders(wb);

  /** Runs the test extension's plan (LM Probe: Run Plan) and returns what it saw. */
  async function probe(steps: object[]): Promise<ProbeResult[]> {
    const dir = wb.server.tmpDir!;
    const plan = path.join(dir, 'lm-probe-plan.json');
    const result = path.join(dir, 'lm-probe-result.json');
    rmSync(result, { force: true });
    writeFileSync(plan, JSON.stringify({ steps }));
    await runCommand(wb.page, 'LM Probe: Run Plan');
    const deadline = Date.now() + 60_000;
    while (!existsSync(result)) {
      await allowLanguageModelAccess(wb.page); // the first use asks whether LM Probe may use Switchboard's models
      if (Date.now() > deadline) throw new Error('LM Probe wrote no result within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const out = JSON.parse(readFileSync(result, 'utf8')) as { results?: ProbeResult[]; error?: string };
    if (!out.results) throw new Error(`LM Probe failed: ${out.error}`);
    return out.results;
  }

  before(async function () {
    this.timeout(90_000);
    await setKey(wb.page, 'OpenAI', 'sk-lmE2E-0123456789abcdefWXYZ');
    await setKey(wb.page, 'Anthropic', 'sk-ant-lmE2E-0123456789abcdefWXYZ');
    await setKey(wb.page, 'Google Gemini', GEMINI_KEY);
  });

  beforeEach(() => fp.fake.reset());

  it('another extension gets every configured model from selectChatModels and streams an answer from each provider', async () => {
    fp.fake.enqueue('openai', { text: 'Hello from OpenAI through Switchboard.', usage: { input: 100, output: 10 } });
    fp.fake.enqueue('anthropic', { thinking: 'The user wants a greeting.', text: 'Hello from Claude through Switchboard.', usage: { input: 100, output: 10 } });
    fp.fake.enqueue('gemini', { text: 'Hello from Gemini through Switchboard.', usage: { input: 100, output: 10 } });
    const [list, openai, anthropic, gemini, count] = await probe([
      { kind: 'list' },
      { kind: 'ask', model: MODELS.openai, prompt: 'Say hello' },
      { kind: 'ask', model: MODELS.anthropic, prompt: 'Say hello' },
      { kind: 'ask', model: MODELS.gemini, prompt: 'Say hello' },
      { kind: 'count', model: MODELS.openai, text: 'How many tokens is this sentence?' },
    ]);
    assert.ok(list!.ok, list!.error);
    const ids = list!.models!.map((m) => m.id);
    for (const id of Object.values(MODELS)) assert.ok(ids.includes(id), `${id} listed (got ${ids.join(', ')})`);
    assert.ok(list!.models!.every((m) => m.vendor === 'switchboard'));
    assert.ok(list!.models!.find((m) => m.id === MODELS.anthropic)!.maxInputTokens > 100_000, 'real limits');
    assert.equal(openai!.text, 'Hello from OpenAI through Switchboard.', openai!.error);
    assert.equal(anthropic!.text, 'Hello from Claude through Switchboard.', anthropic!.error); // its thinking is not in the answer
    assert.equal(anthropic!.thinking, 'The user wants a greeting.', 'the thinking arrives as thinking parts');
    assert.equal(anthropic!.otherParts, 0);
    assert.equal(gemini!.text, 'Hello from Gemini through Switchboard.', gemini!.error);
    assert.ok(count!.tokens! > 4 && count!.tokens! < 20, `token count ${count!.tokens}`);
  });

  it('a request with a tool gets a tool call back, and the tool result round-trips to a final answer, on each provider', async () => {
    for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
      fp.fake.enqueue(provider, { text: '', toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }], argChunkSize: 3 });
      fp.fake.enqueue(provider, { text: `Sunny in Paris (${provider}).` });
    }
    const results = await probe((['openai', 'anthropic', 'gemini'] as const).map((p) => ({ kind: 'tool', model: MODELS[p], prompt: 'Weather in Paris?', tool: WEATHER, result: 'sunny, 21 °C' })));
    for (const [i, provider] of (['openai', 'anthropic', 'gemini'] as const).entries()) {
      const r = results[i]!;
      assert.ok(r.ok, `${provider}: ${r.error}`);
      assert.deepEqual(r.first!.toolCalls.map((c) => [c.name, c.input]), [['get_weather', { city: 'Paris' }]], provider);
      assert.equal(r.second?.text, `Sunny in Paris (${provider}).`);
    }
    // Each provider received the tool, then the result in its own wire shape.
    const bodies = fp.fake.requests.filter((r) => r.method === 'POST').map((r) => JSON.stringify(r.body));
    assert.ok(bodies.some((b) => b.includes('"tool_call_id"') && b.includes('sunny, 21 °C')), 'OpenAI tool message');
    assert.ok(bodies.some((b) => b.includes('"tool_result"') && b.includes('sunny, 21 °C')), 'Anthropic tool_result');
    assert.ok(bodies.some((b) => b.includes('"functionResponse"') && b.includes('sunny, 21 °C')), 'Gemini functionResponse');
  });

  it('a multi-turn conversation is prompt-cached like the panel: the same marks, reads from turn 2 (issue 18)', async () => {
    // An agent-sized request: a system prompt over Claude's 1,024-token minimum and a dozen tools.
    const tools = Array.from({ length: 12 }, (_, i) => ({ ...WEATHER, name: `tool_${i}`, description: `${WEATHER.description}. ${'Detail of this tool. '.repeat(80)}` }));
    const prompts = ['Review this plan, step by step.', 'And the second step?', 'And the third?'];
    for (const [i] of prompts.entries()) fp.fake.enqueue('anthropic', { text: `Answer ${i + 1}. ${'More detail here. '.repeat(40)}` });
    const system = `You are an agent in VS Code. ${'Follow the house rules. '.repeat(250)}`;
    const [r] = await probe([{ kind: 'conversation', model: MODELS.anthropic, system, prompts, tools }]);
    assert.ok(r!.ok, r!.error);
    const sent = fp.fake.requests.filter((q) => q.provider === 'anthropic' && q.method === 'POST');
    assert.equal(sent.length, 3);
    for (const [i, q] of sent.entries()) {
      const body = q.body as { tools: object[]; messages: object[] };
      assert.ok(JSON.stringify(body.tools.at(-1)).includes('cache_control'), `turn ${i + 1}: the last tool is marked`);
      assert.ok(JSON.stringify((body as { system?: unknown }).system).includes('cache_control'), `turn ${i + 1}: the system prompt is marked`);
      if (i > 0) assert.ok(JSON.stringify(body.messages).includes('cache_control'), `turn ${i + 1}: the conversation is marked`);
    }
    assert.equal(sent[0]!.usage?.cached ?? 0, 0, 'turn 1 reads nothing');
    assert.ok((sent[0]!.usage?.cacheWrite ?? 0) > 0, 'turn 1 writes the prefix');
    for (const i of [1, 2]) assert.ok((sent[i]!.usage?.cached ?? 0) > 0, `turn ${i + 1} reads from the cache`);
  });

  it('the usage report lists these requests under source "VS Code chat"', async () => {
    await runCommand(wb.page, 'Switchboard: Show Usage Report');
    const report = await webviewFrame(wb.page, 'usage');
    await report.locator('[data-testid="usage-root"]').waitFor({ timeout: 20_000 });
    const bySource = report.locator('[data-testid="by-source"]').first();
    await bySource.waitFor({ timeout: 20_000 });
    assert.match(await bySource.innerText(), /VS Code chat/);
    assert.match(await report.locator('[data-testid="recent"]').innerText(), /VS Code chat/);
    await wb.page.keyboard.press('Control+W').catch(() => undefined);
  });

  it('a hard budget blocks them with a message, and nothing reaches the provider', async () => {
    await wb.server.updateSettings({ 'switchboard.budget.daily': 0.000001, 'switchboard.budget.mode': 'hard' });
    try {
      await new Promise((r) => setTimeout(r, 1500)); // Remote settings apply within a second
      const [r] = await probe([{ kind: 'ask', model: MODELS.openai, prompt: 'Say hello' }]);
      assert.equal(r!.ok, false);
      assert.match(r!.error!, /budget/i);
      assert.equal(fp.fake.requests.filter((q) => q.method === 'POST').length, 0);
    } finally {
      await wb.server.updateSettings({ 'switchboard.budget.daily': undefined, 'switchboard.budget.mode': undefined });
      await clearNotifications(wb.page);
    }
  });

  it('the list follows the keys: removing the Gemini key takes its models out, setting it again brings them back', async () => {
    const listed = async () => (await probe([{ kind: 'list' }]))[0]!.models!.map((m) => m.id);
    assert.ok((await listed()).includes(MODELS.gemini));
    await runCommand(wb.page, 'Switchboard: Remove API Key');
    await quickInput.waitOpen(wb.page, { title: /Remove the API key/ });
    await quickInput.pick(wb.page, 'Google Gemini');
    await waitForNotification(wb.page, /Google Gemini key removed/);
    const without = await listed();
    assert.ok(!without.some((id) => id.startsWith('gemini::')), `no Gemini model left (got ${without.join(', ')})`);
    assert.ok(without.includes(MODELS.openai));
    await setKey(wb.page, 'Google Gemini', GEMINI_KEY);
    assert.ok((await listed()).includes(MODELS.gemini));
  });

  it('the built-in chat: a Switchboard model answers in Agent mode, the fake receives the tools; @switchboard /usage answers with the figures', async function () {
    this.timeout(180_000);
    // Besides the agent's request, the chat asks the picked model for utility work (a title): each gets this answer.
    for (let i = 0; i < 4; i++) {
      fp.fake.enqueue('anthropic', { thinking: 'The user asks about the workspace: hello.ts and README.md are open in the explorer.', text: 'Agent mode answered through **Switchboard**.', usage: { input: 20_000, output: 40 } });
    }
    await openBuiltInChat(wb.page);
    await setChatMode(wb.page, 'Agent');
    await pickChatModel(wb.page, 'Claude Sonnet 4.5');
    await askInChat(wb.page, 'What does this workspace contain?');
    await chatResponses(wb.page).filter({ hasText: 'Agent mode answered through' }).first().waitFor({ timeout: 60_000 });
    const bodies = fp.fake.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as { tools?: { name: string }[]; model: string });
    const agent = bodies.find((b) => (b.tools?.length ?? 0) > 5);
    assert.ok(agent, `the agent sent its tools (requests: ${bodies.map((b) => b.tools?.length ?? 0).join(', ')})`);
    assert.equal(agent.model, 'claude-sonnet-4-5-20250929');
    // The picture: the thinking opened, and no tooltip left from the Send button.
    await chatResponses(wb.page).last().getByText(/Completed|Thought|Thinking/).first().click().catch(() => undefined);
    await wb.page.mouse.click(700, 400);
    await wb.page.waitForTimeout(500);
    keepForReadme(await screenshot(wb.page, 'vscode-chat-agent'), 'vscode-chat-agent', { anyBuild: true });

    await askInChat(wb.page, '@switchboard /usage');
    const usage = chatResponses(wb.page).filter({ hasText: 'This month' }).last();
    await usage.waitFor({ timeout: 30_000 });
    const text = await usage.innerText();
    assert.match(text, /VS Code chat/);
    assert.match(text, /claude-sonnet-4-5-20250929/);
    await screenshot(wb.page, 'vscode-chat-usage');
  });
});
