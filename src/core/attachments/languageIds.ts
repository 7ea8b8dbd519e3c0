// A file's VS Code language id from its name, for the fence of a file that is not open in an
// editor (an open one's document says it). Opening a document only to learn its language would
// load every file of a folder into the editor's memory. Unknown names get a fence without one.
import { basename } from './workspacePaths';

const BY_EXTENSION = new Map(Object.entries({
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  json: 'json', jsonc: 'jsonc', md: 'markdown', markdown: 'markdown',
  py: 'python', rs: 'rust', go: 'go', java: 'java', kt: 'kotlin', kts: 'kotlin', scala: 'scala',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', cs: 'csharp', fs: 'fsharp',
  rb: 'ruby', php: 'php', swift: 'swift', dart: 'dart', lua: 'lua', r: 'r', pl: 'perl', ex: 'elixir', exs: 'elixir',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ps1: 'powershell', bat: 'bat', cmd: 'bat',
  html: 'html', htm: 'html', css: 'css', scss: 'scss', less: 'less', vue: 'vue', svelte: 'svelte',
  xml: 'xml', svg: 'xml', yml: 'yaml', yaml: 'yaml', toml: 'toml', ini: 'ini', sql: 'sql',
  graphql: 'graphql', gql: 'graphql', proto: 'proto3', tf: 'terraform', dockerfile: 'dockerfile',
}));

const BY_NAME = new Map(Object.entries({ dockerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile', '.gitignore': 'ignore' }));

export function languageIdFor(path: string): string | undefined {
  const name = basename(path).toLowerCase();
  const dot = name.lastIndexOf('.');
  return BY_NAME.get(name) ?? (dot > 0 ? BY_EXTENSION.get(name.slice(dot + 1)) : undefined);
}
