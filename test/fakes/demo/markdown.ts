// Small Markdown helpers for demo answers: finding fenced blocks in a prompt, the text outside
// them, and writing fences and tables that cannot break.

export interface FencedBlock {
  /** Info string's first word: the language tag ('' when none). */
  lang: string;
  code: string;
  /** Offsets of the whole block (fences included) in the text it was found in. */
  start: number;
  end: number;
}

/** Every fenced block (``` or ~~~, any length, closed by a fence at least as long; an unclosed one runs to the end). */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const open = /^ {0,3}(`{3,}|~{3,})([^\n]*)\n/gm;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const fence = m[1]!;
    if (fence[0] === '`' && m[2]!.includes('`')) continue; // not a fence: a backtick info string
    const bodyStart = m.index + m[0].length;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'm').exec(text.slice(bodyStart));
    const codeEnd = close ? bodyStart + close.index : text.length;
    const end = close ? codeEnd + close[0].length : text.length;
    blocks.push({ lang: m[2]!.trim().split(/\s+/)[0] ?? '', code: text.slice(bodyStart, codeEnd).replace(/\r?\n$/, ''), start: m.index, end });
    open.lastIndex = end;
  }
  return blocks;
}

/** The text outside fenced blocks and inline code spans: what the user wrote themselves. */
export function proseOf(text: string): string {
  let out = '';
  let at = 0;
  for (const b of fencedBlocks(text)) {
    out += `${text.slice(at, b.start)}\n`;
    at = b.end;
  }
  out += text.slice(at);
  return out.replace(/`+[^`\n]*`+/g, ' ');
}

/** A fence longer than any run of backticks in the code, so the code cannot close it early. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export function codeBlock(lang: string, code: string): string {
  const fence = fenceFor(code);
  return `${fence}${lang}\n${code}\n${fence}`;
}

/** A table cell that cannot end the cell or open a code span. */
export function cell(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'");
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The start of `text` as one line of at most `max` characters, cut at a word. */
export function quoteOf(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
