// The demo answer to a question about code (Ask About Selection, or a chat message with a fenced
// block): what stands out, a table of the first lines, the code rewritten in a fence with the SAME
// language tag (so Replace/Insert have real code), and a command to check it in another language.

import { rewriteCode, functionNameOf } from './edits';
import { DEMO_FOOTER } from './answers';
import { cell, codeBlock, quoteOf, table, type FencedBlock } from './markdown';
import type { DemoPrompt } from './prompt';

const LABELS: Record<string, string> = {
  typescript: 'TypeScript', ts: 'TypeScript', typescriptreact: 'TypeScript (React)', tsx: 'TypeScript (React)',
  javascript: 'JavaScript', js: 'JavaScript', javascriptreact: 'JavaScript (React)', jsx: 'JavaScript (React)',
  python: 'Python', py: 'Python', go: 'Go', rust: 'Rust', java: 'Java', csharp: 'C#', cpp: 'C++', c: 'C',
  shellscript: 'shell', bash: 'Bash', sh: 'shell', sql: 'SQL', html: 'HTML', css: 'CSS', json: 'JSON', yaml: 'YAML', ruby: 'Ruby', php: 'PHP',
};

const SHELL = new Set(['shellscript', 'bash', 'sh', 'zsh', 'shell']);

export function codeAnswer(prompt: DemoPrompt, block: FencedBlock): string {
  const label = LABELS[block.lang.toLowerCase()] ?? (block.lang || 'code');
  const lines = block.code.split(/\r?\n/);
  const question = prompt.question || 'What does this code do?';
  const checkLang = SHELL.has(block.lang.toLowerCase()) ? 'json' : 'bash';
  return [
    prompt.path ? `## About \`${prompt.path.replace(/`/g, '')}\`` : `## About this ${label} code`,
    `You asked: “${quoteOf(question, 80)}”. This ${lines.length}-line ${label} snippet is small enough to read in one go. ` +
      'Below: what stands out, then a tidied version you can apply with **Replace** or **Insert**.',
    'What stands out:',
    observations(block, lines).map((o) => `- ${o}`).join('\n'),
    table(['Line', 'Code'], firstLines(lines)),
    'Tidied version:',
    codeBlock(block.lang, rewriteCode(block.code, block.lang, question)),
    checkLang === 'bash' ? 'To check the change:' : 'A setting that keeps it checked on save:',
    codeBlock(checkLang, checkCommand(block.lang.toLowerCase(), prompt.path)),
    DEMO_FOOTER,
  ].join('\n\n');
}

function observations(block: FencedBlock, lines: string[]): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const name = functionNameOf(line);
    if (name && out.length < 3) out.push(`Defines \`${name.replace(/`/g, '')}\` on line ${i + 1}.`);
  });
  if (/\bvar\s/.test(block.code)) out.push('Uses `var`; `let` keeps the variable scoped to its block.');
  if (/(?<![=!<>])(==|!=)(?!=)/.test(block.code) && /script|^[jt]sx?$/i.test(block.lang)) out.push('Compares with `==`/`!=`; the strict forms avoid type coercion.');
  const trailing = lines.filter((l) => /[ \t]+$/.test(l)).length;
  if (trailing) out.push(`Has trailing whitespace on ${trailing} line${trailing === 1 ? '' : 's'}.`);
  out.push('The rewrite below states your request at the top and keeps everything else in place.');
  if (out.length < 3) out.push('Consider a test for the empty-input case; it is the one most often missed.');
  return out;
}

function firstLines(lines: string[]): string[][] {
  return lines
    .map((line, i) => [String(i + 1), line] as const)
    .filter(([, line]) => line.trim())
    .slice(0, 4)
    .map(([n, line]) => [n, cell(line)]);
}

function checkCommand(lang: string, path: string | undefined): string {
  const file = path && /^[\w./@-]+$/.test(path) ? path : undefined;
  if (SHELL.has(lang)) return `{\n  "shellcheck.run": "onSave",\n  "shellcheck.enable": true\n}`;
  if (/^(typescript|typescriptreact|ts|tsx)$/.test(lang)) return `npx tsc --noEmit${file ? ` && npx eslint ${file}` : ''}\nnpm test`;
  if (/^(javascript|javascriptreact|js|jsx|mjs|cjs)$/.test(lang)) return `${file ? `node --check ${file}\n` : ''}npm test`;
  if (/^(python|py)$/.test(lang)) return `${file ? `python -m py_compile ${file}\n` : ''}python -m pytest -q`;
  if (lang === 'go') return 'go vet ./...\ngo test ./...';
  if (/^(rust|rs)$/.test(lang)) return 'cargo clippy\ncargo test';
  if (lang === 'java') return './gradlew test';
  return `git diff --stat${file ? ` -- ${file}` : ''}\nnpm test`;
}
