// The Markdown renderer, a script of its own (dist/renderer.js): marked, DOMPurify, highlight.js
// core and the incremental view are more than half of the panel's code, and the panel paints
// without them. webview/lib/markdownRenderer.ts loads this right after the first paint, or at once
// when an answer needs it; it hands itself over through `__switchboardRenderer`.
import { IncrementalMarkdown } from './lib/incrementalMarkdown';
import type { MarkdownRenderer } from './lib/markdownRenderer';

const renderer: MarkdownRenderer = { IncrementalMarkdown };
(globalThis as { __switchboardRenderer?: (r: MarkdownRenderer) => void }).__switchboardRenderer?.(renderer);
