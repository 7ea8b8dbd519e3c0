// Renders the README's settings table from package.json's contributed configuration.
// `node test/harness/settingsTable.mjs` rewrites README.md; test/unit/readme.test.ts checks it is current.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const START = '<!-- settings-table: generated from package.json by `node test/harness/settingsTable.mjs`; a unit test keeps it in sync -->';
const END = '<!-- /settings-table -->';

export function renderSettingsTable(manifest) {
  const props = Object.entries(manifest.contributes.configuration.properties).sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0));
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n+/g, ' ');
  const rows = props.map(([key, p]) => {
    const def = JSON.stringify(p.default);
    const desc = (p.markdownDescription ?? p.description ?? '').replace(/`#([\w.]+)#`/g, '`$1`');
    return `| \`${key}\` | \`${cell(def.length > 40 ? def.slice(0, 37) + '…' : def)}\` | ${cell(desc)} |`;
  });
  return [START, '| Setting | Default | Description |', '| --- | --- | --- |', ...rows, END].join('\n');
}

export function readmeWithTable(readme, manifest) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('README.md lacks the settings-table markers');
  return readme.slice(0, start) + renderSettingsTable(manifest) + readme.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const file = path.join(root, 'README.md');
  writeFileSync(file, readmeWithTable(readFileSync(file, 'utf8'), manifest));
  console.log('README.md settings table updated.');
}
