// Loads one of the panel's own script files (the Markdown renderer, highlight grammars) from next
// to the bundle that is running, with the nonce its own <script> carries: the CSP admits scripts by
// nonce only. Captured when the bundle is evaluated, the only time document.currentScript is set.
const script = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);
const base = script?.src ? new URL('./', script.src).href : undefined;
const nonce = script?.nonce;
const loads = new Map<string, Promise<boolean>>();

/** Loads `file` (relative to this bundle) once; true once it ran, false when it failed. Never rejects. */
export function loadScript(file: string): Promise<boolean> {
  if (!base) return Promise.resolve(false);
  let load = loads.get(file);
  if (!load) {
    load = new Promise<boolean>((resolve) => {
      const tag = document.createElement('script');
      if (nonce) tag.nonce = nonce;
      tag.src = new URL(file, base).href;
      tag.onload = () => resolve(true);
      tag.onerror = () => resolve(false);
      document.head.append(tag);
    });
    loads.set(file, load);
  }
  return load;
}
