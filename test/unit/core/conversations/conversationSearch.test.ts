// Search across conversations: titles and text, case-insensitive, newest first, snippets marked.
import { strict as assert } from 'node:assert';
import { searchConversations, snippetAround, type SearchableConversation } from '../../../../src/core/conversations/conversationSearch';

const conv = (id: string, title: string, updatedAt: number, texts: string[]): SearchableConversation => ({ id, title, updatedAt, messages: texts.map((text, i) => ({ id: `${id}-m${i}`, text })) });
const marked = (h: { snippet: string; match: { start: number; length: number } }) => `${h.snippet.slice(0, h.match.start)}[${h.snippet.slice(h.match.start, h.match.start + h.match.length)}]${h.snippet.slice(h.match.start + h.match.length)}`;

describe('core/conversations/conversationSearch', () => {
  const history = [
    conv('a', 'Debounce in TypeScript', 1, ['How do I debounce an input?', 'Use a timer: setTimeout, and clear it on every call.']),
    conv('b', 'Rust lifetimes', 3, ['What does the borrow checker want?', 'It wants every reference to outlive its use.']),
    conv('c', 'Throttle vs debounce', 2, ['Throttle or DEBOUNCE for scroll?', 'Throttle.']),
  ];

  it('finds a word in titles and text, any case, newest conversation first; a hit names its message', () => {
    const { hits, truncated } = searchConversations('debounce', history);
    assert.equal(truncated, false);
    assert.deepEqual(hits.map((h) => [h.conversationId, h.messageId ?? 'title', marked(h)]), [
      ['c', 'title', 'Throttle vs [debounce]'],
      ['c', 'c-m0', 'Throttle or [DEBOUNCE] for scroll?'],
      ['a', 'title', '[Debounce] in TypeScript'],
      ['a', 'a-m0', 'How do I [debounce] an input?'],
    ]);
  });

  it('matches the words as typed across any whitespace; a blank query or no match finds nothing', () => {
    assert.deepEqual(searchConversations('  every   reference ', history).hits.map(marked), ['It wants [every reference] to outlive its use.']);
    assert.deepEqual(searchConversations('every\nreference', [conv('x', 't', 1, ['line one every\n  reference here'])]).hits.map(marked), ['line one [every reference] here']);
    assert.deepEqual(searchConversations('   ', history).hits, []);
    assert.deepEqual(searchConversations('kotlin', history).hits, []);
    assert.deepEqual(searchConversations('set(Timeout', history).hits, [], 'regex characters are literal');
    assert.equal(searchConversations('setTimeout,', history).hits.length, 1);
  });

  it('keeps at most 3 hits per conversation and 50 in all, and says when it left some out', () => {
    const many = Array.from({ length: 30 }, (_, i) => conv(`k${i}`, `chat ${i}`, i, Array.from({ length: 5 }, () => 'needle here')));
    const { hits, truncated } = searchConversations('needle', many);
    assert.equal(hits.length, 50);
    assert.equal(truncated, true);
    assert.deepEqual(hits.slice(0, 4).map((h) => h.conversationId), ['k29', 'k29', 'k29', 'k28']);
  });

  it('snippets are one line around the match, cut with …, and keep non-ASCII intact', () => {
    const long = `${'a '.repeat(60)}Straße naïve ${'b '.repeat(80)}`;
    const hit = searchConversations('STRASSE', [conv('u', 't', 1, [long])]).hits;
    assert.deepEqual(hit, [], 'no case folding that changes lengths (ß is not SS)');
    const found = searchConversations('straße NAÏVE', [conv('u', 't', 1, [long])]).hits[0]!;
    assert.equal(marked(found), `…${'a '.repeat(20)}[Straße naïve] ${'b '.repeat(49)}b…`);
    assert.deepEqual(snippetAround('x\n\ny', 3, 1), { snippet: 'x y', match: { start: 2, length: 1 } });
  });
});
