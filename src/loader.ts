// dist/extension.js, the file VS Code loads: it runs the extension's main bundle (dist/main.js,
// built from extension.ts) from a V8 code cache kept in the extension's global storage
// (core/files/codeCache.ts). Everything else happens in main.js.
import path from 'node:path';
import type * as vscode from 'vscode';
import { loadWithCodeCache, type CachedModule } from './core/files/codeCache';

type Main = typeof import('./extension');

/** After start-up has compiled what it needs, the cache is written (and at the latest on deactivate). */
const SAVE_AFTER_MS = 10_000;

let main: CachedModule<Main> | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const file = path.join(__dirname, 'main.js');
  try {
    main = loadWithCodeCache<Main>(file, cacheDirOf(context));
  } catch (err) {
    // A cache that cannot be read or written must never stop the extension: load it plainly.
    console.warn(`Switchboard: starting without its code cache (${err instanceof Error ? err.message : String(err)})`);
    main = { exports: require(file) as Main, cache: 'none', save: () => undefined };
  }
  saveTimer = setTimeout(save, SAVE_AFTER_MS);
  saveTimer.unref?.();
  main.exports.activate(context);
}

export async function deactivate(): Promise<void> {
  if (saveTimer) clearTimeout(saveTimer);
  try {
    await main?.exports.deactivate();
  } finally {
    save();
  }
}

function save(): void {
  const failed = main?.save();
  if (failed) console.warn(`Switchboard: could not write its code cache: ${failed.message}`);
}

function cacheDirOf(context: vscode.ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, 'code-cache');
}
