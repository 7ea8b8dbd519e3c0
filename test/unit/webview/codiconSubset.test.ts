// The codicon stylesheet the webviews ship keeps every icon their sources name, and nothing is
// named in a way the subset cannot see. (test/webview/harness.ts also checks, in every panel test,
// that each icon the panel showed has its rule in dist/codicon.css.)
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM build helper without types
import { buildCodiconCss, codiconNames, codiconSubsetCss, FULL_CODICON_CSS, namesIn } from '../../../webview/codiconSubset.mjs';
import { ATTACHMENT_ICONS } from '../../../webview/lib/attachmentIcons';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const full = readFileSync(path.join(root, FULL_CODICON_CSS), 'utf8');
const subset: string = buildCodiconCss(root);
const shipped = codiconNames(subset) as Set<string>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|svelte)$/.test(f) ? [p] : [];
  });
}
const files = [...sources(path.join(root, 'webview')), ...sources(path.join(root, 'src', 'host'))];

describe('codicon subset (webview/codiconSubset.mjs)', () => {
  it('keeps the font, the base rule and the spin modifier, and far fewer icons than the full sheet', () => {
    assert.match(subset, /@font-face \{[^}]*src: url\("\.\/codicon\.ttf\?[0-9a-f]+"\) format\("truetype"\)/);
    assert.ok(subset.includes(".codicon[class*='codicon-'] {"));
    assert.ok(subset.includes('@keyframes codicon-spin') && subset.includes('.codicon-loading.codicon-modifier-spin'));
    assert.ok(shipped.size > 20 && shipped.size < (codiconNames(full) as Set<string>).size / 5, `${shipped.size} icons`);
    assert.ok(subset.length < 8_000, `${subset.length} bytes`);
  });

  it('ships every icon a webview or the host names as a whole class', () => {
    const known = codiconNames(full) as Set<string>;
    const missing = files.flatMap((f) => [...(namesIn(readFileSync(f, 'utf8'), known, { quoted: false }) as Set<string>)].filter((n) => !shipped.has(n)).map((n) => `${path.relative(root, f)}: ${n}`));
    assert.deepEqual(missing, []);
  });

  it('ships both names of every class chosen at run time (codicon-{a ? \'x\' : \'y\'})', () => {
    const built = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/codicon-\{([^}]*)\}/g)].map((m) => ({ file: path.relative(root, f), expr: m[1]! })));
    assert.ok(built.length >= 4, 'the panel chooses some icons at run time');
    for (const { file, expr } of built) {
      // The values a conditional gives (after ? and :), not what it compares with.
      for (const [, name] of expr.matchAll(/[?:]\s*'([a-z0-9-]+)'/g)) assert.ok(shipped.has(name!), `${file}: ${name} (in {${expr}})`);
    }
  });

  it('ships every attachment kind\'s icon (a lookup table, not a class in the source)', () => {
    for (const icon of Object.values(ATTACHMENT_ICONS)) assert.ok(shipped.has(icon), icon);
  });

  it('never builds a class from part of a name (codicon-chevron-{…} names no icon the subset could find)', () => {
    const partial = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/codicon-[a-z0-9-]+(\{|\$\{)/g)].map((m) => `${path.relative(root, f)}: ${m[0]}`));
    assert.deepEqual(partial, [], 'write each icon name whole: codicon-{open ? \'chevron-down\' : \'chevron-right\'}');
  });

  it('drops icons nobody names, keeping each kept rule as it was', () => {
    const names = new Set(['copy']);
    const css = codiconSubsetCss(full, names) as string;
    assert.deepEqual([...(codiconNames(css) as Set<string>)], ['copy']);
    assert.ok(css.includes(/\.codicon-copy:before \{[^}]*\}/.exec(full)![0]));
  });
});
