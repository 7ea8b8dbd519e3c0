import { strict as assert } from 'node:assert';
import { MAX_INSTRUCTION_CHARS, instructionFile, systemPromptWith } from '../../../../src/core/instructions/workspaceInstructions';

describe('core/instructions: workspace instructions', () => {
  it('a file is sent trimmed, without its BOM; an empty one is not sent', () => {
    assert.deepEqual(instructionFile('AGENTS.md', '\uFEFF\n  Use tabs.\n\n'), { label: 'AGENTS.md', text: 'Use tabs.', truncated: false });
    assert.equal(instructionFile('AGENTS.md', ' \n\t\n'), undefined);
  });

  it('a file over the cap is cut there and marked', () => {
    const file = instructionFile('AGENTS.md', 'x'.repeat(MAX_INSTRUCTION_CHARS + 10))!;
    assert.equal(file.text.length, MAX_INSTRUCTION_CHARS);
    assert.equal(file.truncated, true);
    assert.match(systemPromptWith('', [file]), /^Instructions from the workspace file AGENTS\.md \(cut short: the file is longer\):\n\nx/);
  });

  it("follows the user's system prompt, each file under a heading naming it; none leaves the prompt as it is", () => {
    const files = [instructionFile('AGENTS.md', 'A')!, instructionFile('.github/copilot-instructions.md', 'B')!];
    assert.equal(systemPromptWith('Be brief. ', files), 'Be brief.\n\nInstructions from the workspace file AGENTS.md:\n\nA\n\nInstructions from the workspace file .github/copilot-instructions.md:\n\nB');
    assert.equal(systemPromptWith('', [files[0]!]), 'Instructions from the workspace file AGENTS.md:\n\nA');
    assert.equal(systemPromptWith('Be brief.', []), 'Be brief.');
  });
});
