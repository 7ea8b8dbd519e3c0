import { strict as assert } from 'node:assert';
import { checkChatInbound } from '../../../src/shared/protocol/chat';
import { type Rejection } from '../../../src/shared/protocol/parse';
import { DroppedMessageLog } from '../../../src/host/droppedMessageLog';

const reject = (raw: unknown) => {
  const r = checkChatInbound(raw);
  assert.equal(r.ok, false);
  return r as Rejection;
};

describe('chat: DroppedMessageLog', () => {
  it('logs the first of each kind, then counts and summarises periodically', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new DroppedMessageLog((m) => lines.push(m), { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined }, 60_000);
    for (let i = 0; i < 500; i++) log.record('webview', reject({ type: 'send', text: i }));
    for (let i = 0; i < 300; i++) log.record('webview', reject({ type: 'hack' }));
    assert.equal(lines.length, 2, 'one line per kind, not per message');
    assert.match(lines[0]!, /"send" message from the webview: text: /);
    assert.match(lines[1]!, /"hack"/);
    now = 61_000;
    log.record('webview', reject({ type: 'send' }));
    assert.equal(lines.length, 3);
    assert.match(lines[2]!, /Dropped 799 more invalid message\(s\): webview:send ×500, webview:hack ×299 \(801 in total\)/);
    log.dispose();
    assert.equal(lines.length, 3, 'nothing new to summarise');
    assert.equal(log.total, 801);
  });

  it('bounds the number of kinds it remembers', () => {
    const lines: string[] = [];
    const log = new DroppedMessageLog((m) => lines.push(m));
    for (let i = 0; i < 1000; i++) log.record('host', reject({ type: `kind${i}` }));
    log.flush();
    assert.equal(lines.length, 51, '50 first-of-kind lines and one summary');
    assert.match(lines[50]!, /host:\(other\) ×950/);
  });

  it('never echoes the rejected value into the log', () => {
    const lines: string[] = [];
    const log = new DroppedMessageLog((m) => lines.push(m));
    log.record('webview', reject({ type: 'openLink', href: 42, secret: 'sk-live-THIS-MUST-NOT-APPEAR' }));
    log.record('webview', reject({ type: 'send', text: 'sk-live-THIS-MUST-NOT-APPEAR', providerId: 5, model: 'm' }));
    assert.doesNotMatch(lines.join('\n'), /THIS-MUST-NOT-APPEAR/);
  });
});
