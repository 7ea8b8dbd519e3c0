import { strict as assert } from 'node:assert';
import { ATTACHMENT_SOURCES } from '../../../../src/core/attachments/attachment';
import { matchingSources, NAMED_SOURCES } from '../../../../src/core/attachments/namedSources';

describe('core/attachments: named sources', () => {
  it('match on their label, any case, in the order offered', () => {
    assert.deepEqual(matchingSources(ATTACHMENT_SOURCES, 'diff'), ['gitDiff', 'gitDiffStaged']);
    assert.deepEqual(matchingSources(ATTACHMENT_SOURCES, 'PROBLEMS'), ['problemsFile', 'problemsWorkspace']);
    assert.deepEqual(matchingSources(['selection', 'terminalSelection'], 'sel'), ['selection', 'terminalSelection']);
    assert.deepEqual(matchingSources(['currentFile', 'gitDiff'], ''), ['currentFile', 'gitDiff']);
    assert.deepEqual(matchingSources(ATTACHMENT_SOURCES, 'calc'), []);
  });

  it('the labels the panel shows', () => {
    assert.deepEqual(ATTACHMENT_SOURCES.map((s) => NAMED_SOURCES[s].label), [
      'Current File', 'Selection', 'Open Editors', 'Problems in Current File', 'Problems in Workspace',
      'Terminal: Last Command Output', 'Terminal: Selection', 'Git Diff (Unstaged)', 'Git Diff (Staged)',
    ]);
  });
});
