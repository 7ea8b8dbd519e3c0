// webview/usage/savedText.ts: the usage report never shows a negative saving; it says what caching cost.
import { strict as assert } from 'node:assert';
import { savedFigure, savedText, savedTitle } from '../../webview/usage/savedText';

describe('usage report: savings by prompt caching as text', () => {
  it('shows a saving as an amount and a negative one as a caching cost', () => {
    assert.deepEqual(savedFigure(0.42), { label: 'Saved by caching', value: '$0.42' });
    assert.deepEqual(savedFigure(0), { label: 'Saved by caching', value: '$0.00' });
    assert.deepEqual(savedFigure(-0.0012), { label: 'Caching cost', value: '+$0.0012' });
    assert.equal(savedText(0.0038), '$0.0038');
    assert.equal(savedText(-0.0012), '+$0.0012', 'short in a table cell');
    assert.match(savedTitle(-0.0012)!, /^Caching cost \$0\.0012 more than it saved/, 'said in full in its tooltip');
    assert.equal(savedTitle(0.0038), undefined);
    assert.equal(savedText(null), 'unknown');
  });
});
