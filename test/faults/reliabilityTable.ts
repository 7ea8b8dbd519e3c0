// The reliability table `npm run test:faults` ends with: one row per trust and data-safety check,
// each figure measured by a test in this folder in the same run (loopback servers, and code-server
// where the behaviour lives in VS Code). A test adds its row before it asserts, so a failing check
// still shows its figure, marked FAIL.
//
// Importing this module registers a root-level `after` hook (mocha runs it once, after every
// file), which prints the table in the order rows were added.

export interface ReliabilityRow {
  /** What was tried, e.g. "redirect to another host (20 tries)". */
  check: string;
  /** What was measured, e.g. "0 keys forwarded". */
  figure: string;
  /** The target, e.g. "0". */
  target: string;
  ok: boolean;
}

const rows: ReliabilityRow[] = [];

export function reportReliability(row: ReliabilityRow): void {
  rows.push(row);
}

after(function printReliabilityTable() {
  if (rows.length === 0) return;
  const header = ['check', 'figure', 'target', 'result'];
  const cells = rows.map((r) => [r.check, r.figure, r.target, r.ok ? 'pass' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => '  ' + c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(`\n  Reliability table\n${line(header)}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(line).join('\n')}\n`);
});
