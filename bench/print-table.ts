import type { Figure } from './figure.js';

/** The bench table: what was measured, against what, and the ratio a reader compares across runs. */
export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((figure) => [figure.figure, figure.measured, figure.baseline, `${figure.ratio} ${figure.ratioMeaning}`]);
  const header = ['figure', 'measured', 'baseline (same run)', 'ratio'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ ');
  console.log(`\n${line(header)}\n${widths.map((width) => '─'.repeat(width)).join('─┼─')}`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const figure of figures) console.log(`${figure.figure}: ${figure.notes}`);
}
