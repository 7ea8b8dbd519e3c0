import { strict as assert } from 'node:assert';
import { commentStyle, functionNameOf, rewriteCode } from '../../../fakes/demo/edits';

describe('demo edits: rewriteCode', () => {
  it('states the instruction above the first non-blank line, in the language\'s comment syntax, keeping its indentation', () => {
    const cases: [string, string, string][] = [
      ['typescript', '  return 1;', '  // Fix it\n  return 1;'],
      ['python', '    x = 1', '    # Fix it\n    x = 1'],
      ['shellscript', 'echo hi', '# Fix it\necho hi'],
      ['yaml', 'a: 1', '# Fix it\na: 1'],
      ['sql', 'SELECT 1;', '-- Fix it\nSELECT 1;'],
      ['lua', 'print(1)', '-- Fix it\nprint(1)'],
      ['html', '<p>hi</p>', '<!-- Fix it -->\n<p>hi</p>'],
      ['markdown', '# Title', '<!-- Fix it -->\n# Title'],
      ['css', 'a { color: red; }', '/* Fix it */\na { color: red; }'],
      ['go', '\tx := 1', '\t// Fix it\n\tx := 1'],
      ['unknownlang', 'x', '// Fix it\nx'],
    ];
    for (const [lang, code, expected] of cases) assert.equal(rewriteCode(code, lang, 'Fix it'), expected, lang);
    assert.equal(rewriteCode('\n\n  x = 1', 'python', 'Fix it'), '\n\n  # Fix it\n  x = 1', 'leading blank lines stay where they were');
  });

  it('JS/TS only: var → let and loose → strict equality, leaving strict operators, arrows and comparisons alone', () => {
    const code = 'var a = b == c;\nif (a != null && a === b && a !== c && a <= 2 && a >= 1) f(() => a);';
    assert.equal(
      rewriteCode(code, 'javascript', 'x'),
      '// x\nlet a = b === c;\nif (a !== null && a === b && a !== c && a <= 2 && a >= 1) f(() => a);',
    );
    assert.equal(rewriteCode('if a == b:', 'python', 'x'), '# x\nif a == b:', 'not outside JS/TS');
  });

  it('drops trailing whitespace and keeps CRLF line breaks', () => {
    assert.equal(rewriteCode('a = 1  \r\nb = 2\t\r\n', 'python', 'tidy'), '# tidy\r\na = 1\r\nb = 2\r\n');
  });

  it('always differs from its input, even for empty code or an empty instruction', () => {
    for (const code of ['', '\n', 'x']) assert.notEqual(rewriteCode(code, 'typescript', ''), code);
  });

  it('comments or docs requested: a short comment before each function', () => {
    const code = 'export async function load(url: string) {\n  return fetch(url);\n}\n\nconst twice = (x: number) => x * 2;\nif (ready) {\n}';
    const out = rewriteCode(code, 'typescript', 'Add docs');
    assert.match(out, /\/\/ Add docs\n\/\/ load: .+\nexport async function load/);
    assert.match(out, /\n\/\/ twice: .+\nconst twice/);
    assert.ok(!/\/\/ if:/.test(out));
    assert.ok(!rewriteCode(code, 'typescript', 'Fix the bugs').includes('load:'), 'only when asked');
  });

  it('finds function-like lines across languages', () => {
    const names: [string, string | undefined][] = [
      ['def handle(self, x):', 'handle'],
      ['pub async fn run(cfg: Config) -> Result<()> {', 'run'],
      ['func (s *Server) Start() error {', 'Start'],
      ['    public static int count(List<String> xs) {', 'count'],
      ['  async save(item: Item): Promise<void> {', 'save'],
      ['int main(void) {', 'main'],
      ['deploy() {', 'deploy'],
      ['local function helper(a)', 'helper'],
      ['CREATE OR REPLACE FUNCTION totals()', 'totals'],
      ['  if (x) {', undefined],
      ['  } else if (y) {', undefined],
      ['  return compute(x);', undefined],
      ['const x = compute(a);', undefined],
    ];
    for (const [line, name] of names) assert.equal(functionNameOf(line), name, line);
  });

  it('knows the comment syntax of common languages', () => {
    assert.deepEqual(commentStyle('Python'), { open: '#', close: '' });
    assert.deepEqual(commentStyle('xml'), { open: '<!--', close: ' -->' });
    assert.deepEqual(commentStyle('rust'), { open: '//', close: '' });
  });
});
