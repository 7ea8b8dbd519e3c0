// Small, runnable-looking code snippets for demo answers, one or two per language, named after
// the prompt's topic (retry logic → retryLogic / retry_logic / retry-logic).

import type { Rng } from './seed';

export type SnippetLang = 'ts' | 'js' | 'python' | 'bash' | 'json' | 'go' | 'rust' | 'java' | 'sql' | 'yaml';

export interface Names {
  camel: string;
  pascal: string;
  snake: string;
  kebab: string;
  /** The topic as words, e.g. "retry logic". */
  words: string;
}

export function namesFor(words: string[]): Names {
  const w = words.length ? words : ['example'];
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  return { camel: w[0]! + w.slice(1).map(cap).join(''), pascal: w.map(cap).join(''), snake: w.join('_'), kebab: w.join('-'), words: w.join(' ') };
}

export const LANG_LABELS: Record<SnippetLang, string> = {
  ts: 'TypeScript', js: 'JavaScript', python: 'Python', bash: 'Bash', json: 'JSON', go: 'Go', rust: 'Rust', java: 'Java', sql: 'SQL', yaml: 'YAML',
};

const NAMED: [SnippetLang, RegExp][] = [
  ['ts', /\b(?:typescript|ts|tsx)\b/i],
  ['js', /\b(?:javascript|js|node\.?js)\b/i],
  ['python', /\b(?:python|py)\b/i],
  ['bash', /\b(?:bash|shell|zsh)\b/i],
  ['json', /\bjson\b/i],
  ['go', /\bgolang\b|\bin Go\b/],
  ['rust', /\brust\b/i],
  ['java', /\bjava\b/i],
  ['sql', /\b(?:sql|postgres(?:ql)?|mysql|sqlite)\b/i],
  ['yaml', /\b(?:yaml|yml)\b/i],
];

/** The language the prompt names first, if it names one. */
export function namedLanguage(prose: string): SnippetLang | undefined {
  let best: { lang: SnippetLang; at: number } | undefined;
  for (const [lang, re] of NAMED) {
    const at = re.exec(prose)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { lang, at };
  }
  return best?.lang;
}

type Template = (n: Names, k: number) => string;

const TEMPLATES: Record<SnippetLang, Template[]> = {
  ts: [
    (n, k) => `interface ${n.pascal}Options {\n  limit: number;\n  verbose?: boolean;\n}\n\nexport function ${n.camel}(items: string[], { limit, verbose = false }: ${n.pascal}Options): string[] {\n  const kept = items.filter((item) => item.trim().length > 0).slice(0, limit);\n  if (verbose) console.log(\`${n.camel}: kept \${kept.length} of \${items.length}\`);\n  return kept;\n}\n\n${n.camel}(['a', '', 'b'], { limit: ${k} });`,
    (n, k) => `export async function ${n.camel}(url: string, attempts = ${k}): Promise<Response> {\n  for (let i = 1; ; i++) {\n    const res = await fetch(url);\n    if (res.ok || i >= attempts) return res;\n    await new Promise((r) => setTimeout(r, 250 * 2 ** i));\n  }\n}`,
  ],
  js: [(n, k) => `export function ${n.camel}(items, limit = ${k}) {\n  return items.filter((item) => item && item.trim()).slice(0, limit);\n}\n\nconsole.log(${n.camel}(['a', '', 'b']));`],
  python: [
    (n, k) => `from dataclasses import dataclass\n\n\n@dataclass\nclass ${n.pascal}:\n    name: str\n    limit: int = ${k}\n\n    def run(self, items: list[str]) -> list[str]:\n        return [item for item in items if item.strip()][: self.limit]`,
    (n, k) => `def ${n.snake}(values: list[float]) -> dict[str, float]:\n    """Summarise ${n.words} results."""\n    if not values:\n        return {"count": 0, "mean": 0.0}\n    return {"count": len(values), "mean": sum(values) / len(values)}\n\n\nprint(${n.snake}([${k}, 4, 2]))`,
  ],
  bash: [
    (n) => `#!/usr/bin/env bash\nset -euo pipefail\n\nnpm ci\nnpm run build\nnpx mocha --grep "${n.words}"`,
    (n, k) => `for i in $(seq 1 ${k}); do\n  echo "run $i: ${n.kebab}"\n  curl -fsS http://127.0.0.1:8080/health || sleep 1\ndone`,
  ],
  json: [(n, k) => `{\n  "name": "${n.kebab}",\n  "enabled": true,\n  "limit": ${k},\n  "tags": ["demo", "${n.kebab}"]\n}`],
  go: [(n) => `package main\n\nimport "fmt"\n\nfunc ${n.camel}(items []string) []string {\n\tout := make([]string, 0, len(items))\n\tfor _, item := range items {\n\t\tif item != "" {\n\t\t\tout = append(out, item)\n\t\t}\n\t}\n\treturn out\n}\n\nfunc main() {\n\tfmt.Println(${n.camel}([]string{"a", "", "b"}))\n}`],
  rust: [(n) => `fn ${n.snake}(items: &[&str]) -> Vec<String> {\n    items.iter().filter(|s| !s.is_empty()).map(|s| s.to_string()).collect()\n}\n\nfn main() {\n    println!("{:?}", ${n.snake}(&["a", "", "b"]));\n}`],
  java: [(n, k) => `import java.util.List;\n\npublic final class ${n.pascal} {\n    public static List<String> run(List<String> items) {\n        return items.stream().filter(s -> !s.isBlank()).limit(${k}).toList();\n    }\n}`],
  sql: [(n, k) => `SELECT id, name, created_at\nFROM ${n.snake}\nWHERE created_at >= CURRENT_DATE - INTERVAL '${k} days'\nORDER BY created_at DESC\nLIMIT 20;`],
  yaml: [(n) => `name: ${n.kebab}\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test`],
};

export function snippet(lang: SnippetLang, names: Names, rng: Rng): string {
  return rng.pick(TEMPLATES[lang])(names, rng.int(2, 9));
}
