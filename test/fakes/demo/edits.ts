// The demo's "model" for code: a deterministic rewrite that always differs from its input, so
// Edit Selection has a real diff to show and Replace/Insert have real code to apply.
//   - a one-line comment stating the instruction above the first line (its indentation kept),
//     in the language's own comment syntax;
//   - when the instruction asks for comments or docs, a short comment before each function;
//   - JS/TS: `var ` → `let `, `==`/`!=` → `===`/`!==`;
//   - trailing whitespace removed. Line breaks are otherwise kept as they were.

import { codeBlock } from './markdown';

const JS_LIKE = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'js', 'ts', 'jsx', 'tsx', 'mjs', 'cjs']);

const COMMENT_STYLES: [string, string, string[]][] = [
  ['//', '', ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'js', 'ts', 'jsx', 'tsx', 'mjs', 'cjs', 'go', 'java', 'c', 'cpp', 'c++', 'h', 'hpp', 'csharp', 'cs', 'rust', 'rs', 'swift', 'kotlin', 'kt', 'scala', 'php', 'dart', 'jsonc', 'json', 'groovy', 'objective-c', 'fsharp', 'zig', 'proto']],
  ['#', '', ['python', 'py', 'shellscript', 'shell', 'sh', 'bash', 'zsh', 'fish', 'powershell', 'ps1', 'yaml', 'yml', 'ruby', 'rb', 'perl', 'r', 'toml', 'dockerfile', 'makefile', 'elixir', 'coffeescript', 'julia', 'nim', 'properties', 'conf']],
  ['--', '', ['sql', 'lua', 'haskell', 'hs', 'elm', 'ada', 'plsql']],
  ['<!--', ' -->', ['html', 'xml', 'markdown', 'md', 'svg', 'vue', 'svelte', 'xsl']],
  ['/*', ' */', ['css', 'scss', 'less']],
  ['%', '', ['latex', 'tex', 'erlang', 'matlab']],
  [';', '', ['ini', 'clojure', 'lisp', 'scheme', 'asm']],
];

/** How `lang` writes a one-line comment; `//` when unknown. */
export function commentStyle(lang: string): { open: string; close: string } {
  const found = COMMENT_STYLES.find(([, , langs]) => langs.includes(lang.toLowerCase()));
  return found ? { open: found[0], close: found[1] } : { open: '//', close: '' };
}

/** Words that start control flow or expressions, never a definition. */
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'else', 'do', 'try', 'new', 'await', 'throw', 'typeof', 'case', 'with', 'elif', 'except', 'foreach', 'using', 'lock', 'sizeof']);

const FUNCTION_LINES: RegExp[] = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:local\s+)?function\s*\*?\s*(?<n>[\w$.:]+)/,
  /^\s*(?:export\s+)?(?:const|let|var)\s+(?<n>[\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)/,
  /^\s*(?:async\s+)?def\s+(?<n>\w+[?!]?)/,
  /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(?<n>\w+)/,
  /^\s*func\s+(?:\([^)]*\)\s*)?(?<n>\w+)/,
  /^\s*create\s+(?:or\s+replace\s+)?(?:function|procedure)\s+(?<n>[\w.]+)/i,
  /^\s*(?:(?:public|private|protected|internal|static|final|abstract|override|virtual|async|synchronized)\s+)+[\w<>[\],.?]+\s+(?<n>\w+)\s*\(/,
  /^\s*(?:(?:public|private|protected|static|async|readonly|override|get|set)\s+)*(?<n>[A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::\s*[^{=;]+)?\{\s*$/,
  /^[A-Za-z_][\w\s*&:<>,]*?\s+\*?(?<n>[A-Za-z_]\w*)\s*\([^;{]*\)\s*\{?\s*$/,
  /^\s*(?<n>[\w-]+)\s*\(\)\s*\{/,
];

/** The name a line defines when it starts a function or method, else undefined. */
export function functionNameOf(line: string): string | undefined {
  for (const re of FUNCTION_LINES) {
    const name = re.exec(line)?.groups?.n;
    if (name && name !== 'function' && !KEYWORDS.has(name) && !KEYWORDS.has(line.trim().split(/[\s(]+/)[0]!)) return name;
  }
  return undefined;
}

const ASKS_FOR_DOCS = /\b(?:comments?|commented|commenting|docs?|docstrings?|documentation|document|jsdoc|tsdoc)\b/i;

/** The rewrite of `code` for `instruction` (see the top of this file). */
export function rewriteCode(code: string, lang: string, instruction: string): string {
  const eol = code.includes('\r\n') ? '\r\n' : '\n';
  const { open, close } = commentStyle(lang);
  const comment = (indent: string, text: string) => `${indent}${open} ${text.replace(/\*\/|-->/g, '')}${close}`;
  const jsLike = JS_LIKE.has(lang.toLowerCase());
  const docs = ASKS_FOR_DOCS.test(instruction);

  const out: string[] = [];
  let stated = false;
  for (const raw of code.split(/\r?\n/)) {
    let line = raw.replace(/[ \t]+$/, '');
    if (jsLike) line = line.replace(/\bvar\s/g, 'let ').replace(/(?<![=!<>])(==|!=)(?!=)/g, '$1=');
    const indent = /^\s*/.exec(line)![0];
    if (!stated && line.trim()) {
      out.push(comment(indent, oneLine(instruction)));
      stated = true;
    }
    const name = docs ? functionNameOf(line) : undefined;
    if (name) out.push(comment(indent, `${name}: what it does and why it exists.`));
    out.push(line);
  }
  if (!stated) out.unshift(comment('', oneLine(instruction)));
  return out.join(eol);
}

/** An Edit Selection answer: exactly one fenced block, in the language it was asked in. */
export function editReply(code: string, lang: string, instruction: string): string {
  return codeBlock(lang, rewriteCode(code, lang, instruction));
}

function oneLine(instruction: string): string {
  const flat = instruction.replace(/\s+/g, ' ').trim() || 'Edited as asked.';
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}
