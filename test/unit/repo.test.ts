// Repository-level rules: src/core stays free of the vscode API, and the README's settings table
// matches the manifest.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper without types
import { readmeWithTable } from '../harness/settingsTable.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('repository rules', () => {
  it('src/core imports nothing from vscode', () => {
    const files = filesUnder(path.join(root, 'src', 'core')).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 5, 'src/core has its modules');
    const offenders = files.filter((f) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
  });

  it('every command package.json contributes is registered at activation (src/extension.ts)', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const list = /const commandIds = \[([^\]]*)\]/.exec(readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8'))?.[1] ?? '';
    const registered = [...list.matchAll(/'([A-Za-z]+)'/g)].map((m) => `switchboard.${m[1]}`).sort();
    assert.deepEqual(registered, manifest.contributes.commands.map((c) => c.command).sort());
  });

  it("the README's settings table matches package.json", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, readmeWithTable(readme, manifest), 'run `node test/harness/settingsTable.mjs`');
  });
});
