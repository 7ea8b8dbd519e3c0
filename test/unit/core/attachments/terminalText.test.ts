import { strict as assert } from 'node:assert';
import { cleanTerminalOutput } from '../../../../src/core/attachments/terminalText';

describe('core/attachments: terminal text', () => {
  it('drops colours, cursor moves, OSC marks (shell integration, titles) and CRLF', () => {
    const raw = '\x1b]633;C\x07\x1b[1m\x1b[31mFAIL\x1b[39m\x1b[22m src/a.test.ts\r\n  \x1b[2K\x1b[1G✓ adds\r\n\x1b]0;title\x1b\\done\r\n\x1b]633;D;1\x07';
    assert.equal(cleanTerminalOutput(raw), 'FAIL src/a.test.ts\n  ✓ adds\ndone');
  });

  it('a line redrawn with a bare CR keeps what was drawn last', () => {
    assert.equal(cleanTerminalOutput('downloading 10%\rdownloading 60%\rdownloading 100%\r\nok\n'), 'downloading 100%\nok');
  });

  it('leftover control characters go, tabs stay, trailing spaces and blank edges trimmed', () => {
    assert.equal(cleanTerminalOutput('\n\n\x07a\tb   \n\x1b(Bc\x08\n\n'), 'a\tb\nc');
  });
});
