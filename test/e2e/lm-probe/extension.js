// A second extension, as any other would use Switchboard's models through `vscode.lm`: it runs the
// plan the e2e test wrote to $TMPDIR/lm-probe-plan.json and writes what happened to
// $TMPDIR/lm-probe-result.json (the test's code-server gets its own TMPDIR).
const vscode = require('vscode');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const file = (name) => path.join(os.tmpdir(), name);

async function collect(response) {
  const parts = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) parts.push({ kind: 'text', value: part.value });
    else if (part instanceof vscode.LanguageModelToolCallPart) parts.push({ kind: 'toolCall', callId: part.callId, name: part.name, input: part.input });
    else if (vscode.LanguageModelThinkingPart && part instanceof vscode.LanguageModelThinkingPart) parts.push({ kind: 'thinking', value: [].concat(part.value).join('') });
    else parts.push({ kind: 'other' });
  }
  return { text: parts.filter((p) => p.kind === 'text').map((p) => p.value).join(''), toolCalls: parts.filter((p) => p.kind === 'toolCall'), thinking: parts.filter((p) => p.kind === 'thinking').map((p) => p.value).join(''), otherParts: parts.filter((p) => p.kind === 'other').length };
}

async function pick(id) {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id });
  if (!model) throw new Error(`no Switchboard model ${id}`);
  return model;
}

const token = () => new vscode.CancellationTokenSource().token;

async function runStep(step) {
  if (step.kind === 'list') {
    const models = await vscode.lm.selectChatModels({ vendor: 'switchboard' });
    return { models: models.map((m) => ({ id: m.id, name: m.name, family: m.family, vendor: m.vendor, maxInputTokens: m.maxInputTokens })) };
  }
  if (step.kind === 'count') {
    const model = await pick(step.model);
    return { tokens: await model.countTokens(step.text, token()) };
  }
  const model = await pick(step.model);
  const question = vscode.LanguageModelChatMessage.User(step.prompt);
  if (step.kind === 'ask') return collect(await model.sendRequest([question], {}, token()));
  if (step.kind === 'conversation') {
    // Several turns, each sending the whole history again (as VS Code's chat does), with the tools.
    const tools = (step.tools ?? []).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
    // A system message as VS Code's own chat sends one (role 3, LanguageModelChatMessageRole.System).
    const history = step.system ? [new vscode.LanguageModelChatMessage(3, step.system)] : [];
    const turns = [];
    for (const prompt of step.prompts) {
      history.push(vscode.LanguageModelChatMessage.User(prompt));
      const answer = await collect(await model.sendRequest(history, { tools }, token()));
      history.push(vscode.LanguageModelChatMessage.Assistant(answer.text));
      turns.push(answer);
    }
    return { turns };
  }
  // 'tool': ask with a tool, answer the tool call, return both turns.
  const tools = [{ name: step.tool.name, description: step.tool.description, inputSchema: step.tool.inputSchema }];
  const first = await collect(await model.sendRequest([question], { tools }, token()));
  const call = first.toolCalls[0];
  if (!call) return { first };
  const history = [
    question,
    vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelToolCallPart(call.callId, call.name, call.input)]),
    vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart(step.result)])]),
  ];
  const second = await collect(await model.sendRequest(history, { tools }, token()));
  return { first, second };
}

async function runPlan() {
  const plan = JSON.parse(fs.readFileSync(file('lm-probe-plan.json'), 'utf8'));
  const results = [];
  for (const step of plan.steps) {
    try {
      results.push({ step, ok: true, ...(await runStep(step)) });
    } catch (err) {
      results.push({ step, ok: false, error: err instanceof Error ? err.message : String(err), code: err && err.code });
    }
  }
  const tmp = file(`lm-probe-result.json.${process.pid}`);
  fs.writeFileSync(tmp, JSON.stringify({ results }, null, 2));
  fs.renameSync(tmp, file('lm-probe-result.json'));
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('lmProbe.run', () => runPlan().catch((err) => {
    fs.writeFileSync(file('lm-probe-result.json'), JSON.stringify({ error: String(err && err.stack || err) }));
  })));
};
exports.deactivate = () => undefined;
