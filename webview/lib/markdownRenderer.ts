// The panel's side of the Markdown renderer (webview/renderer.ts, loaded as dist/renderer.js):
// answers show as plain text until it is there, and stay plain text if it cannot be loaded.
import type { IncrementalMarkdown } from './incrementalMarkdown';
import { loadScript } from './scriptLoader';

export interface MarkdownRenderer {
  IncrementalMarkdown: typeof IncrementalMarkdown;
}

let renderer: MarkdownRenderer | undefined;
let loading: Promise<MarkdownRenderer | undefined> | undefined;

/** The renderer when it is loaded. */
export function markdownRenderer(): MarkdownRenderer | undefined {
  return renderer;
}

/** Loads the renderer once; undefined when it could not be loaded. Never rejects. */
export function loadMarkdownRenderer(): Promise<MarkdownRenderer | undefined> {
  loading ??= new Promise((resolve) => {
    (globalThis as { __switchboardRenderer?: (r: MarkdownRenderer) => void }).__switchboardRenderer = (r) => {
      renderer = r;
      resolve(r);
    };
    void loadScript('renderer.js').then((ran) => {
      if (!renderer) globalThis.console.warn(`Switchboard: the Markdown renderer ${ran ? 'did not register' : 'could not be loaded'}; answers are shown as plain text`);
      resolve(renderer);
    });
  });
  return loading;
}
