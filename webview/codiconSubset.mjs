// dist/codicon.css holds only the icons the webviews name (the whole sheet is ~34 KB of the
// panel's 200 KB first-paint budget; the font stays whole). Shared by esbuild.mjs and the tests,
// so the test checks exactly what ships.
//
// An icon is "named" when a source under webview/ or src/host/ says `codicon-<name>`, or, for the
// classes built at run time (`codicon-{kind === 'x' ? 'error' : 'warning'}`, a lookup table such
// as attachmentIcons.ts, codeBlocks.ts's `button(…, 'copy', …)`), when a quoted string in webview/
// is exactly an icon's name. That keeps a few words that are icon names by chance ('file',
// 'info'): a few bytes each, and an icon is never dropped because of how its name was built.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const FULL_CODICON_CSS = 'node_modules/@vscode/codicons/dist/codicon.css';
/** Where class names are written out whole, and where quoted icon names can appear. */
const CLASS_ROOTS = ['webview', 'src/host'];
const QUOTED_ROOTS = ['webview'];
const SOURCE = /\.(ts|mts|mjs|svelte)$/;

/** Every `.codicon-<name>:before` the full sheet defines. */
export function codiconNames(fullCss) {
  return new Set([...fullCss.matchAll(/\.codicon-([a-z0-9-]+):before\s*\{/g)].map((m) => m[1]));
}

/** The icon names `text` (one source file) uses, of `known`. */
export function namesIn(text, known, { quoted }) {
  const names = new Set();
  // A whole class name: not followed by a Svelte `{…}` or template `${…}` that completes it.
  for (const m of text.matchAll(/codicon-([a-z0-9]+(?:-[a-z0-9]+)*)(?![a-z0-9{$-])/g)) if (known.has(m[1])) names.add(m[1]);
  if (quoted) for (const m of text.matchAll(/(['"`])([a-z0-9]+(?:-[a-z0-9]+)*)\1/g)) if (known.has(m[2])) names.add(m[2]);
  return names;
}

function sources(root, dir) {
  const full = path.join(root, dir);
  return readdirSync(full).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(path.join(root, p)).isDirectory() ? sources(root, p) : SOURCE.test(f) ? [p] : [];
  });
}

/** The icon names the webviews use, read from the sources under `root` (the repository). */
export function usedCodicons(root, known) {
  const names = new Set();
  for (const dir of CLASS_ROOTS) {
    for (const file of sources(root, dir)) {
      const quoted = QUOTED_ROOTS.some((q) => file.startsWith(q + path.sep)) && !file.endsWith('codiconSubset.mjs');
      for (const n of namesIn(readFileSync(path.join(root, file), 'utf8'), known, { quoted })) names.add(n);
    }
  }
  return names;
}

/**
 * The full sheet with only `names`' icon rules: the @font-face, the base `.codicon` rule, the
 * modifiers (spin) and the license header stay as they are.
 */
export function codiconSubsetCss(fullCss, names) {
  return fullCss
    .split('\n')
    .filter((line) => {
      const m = /^\.codicon-([a-z0-9-]+):before\s*\{/.exec(line);
      return !m || names.has(m[1]);
    })
    .join('\n');
}

/** The subset sheet for the repository at `root`. */
export function buildCodiconCss(root = '.') {
  const full = readFileSync(path.join(root, FULL_CODICON_CSS), 'utf8');
  return codiconSubsetCss(full, usedCodicons(root, codiconNames(full)));
}
