/**
 * Plain-text columns for list commands: a header row, then one row per item, padded to the widest
 * cell (the last column is not padded, so lines carry no trailing spaces).
 *
 * @example
 * formatTable(['NAME', 'STATUS'], [['demo', 'ACTIVE']]); // 'NAME  STATUS\ndemo  ACTIVE'
 */
export function formatTable(headers: string[], rows: string[][]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}
