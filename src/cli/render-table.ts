/**
 * One line of a cell: a proxy error can span several lines, and a cell that breaks its row
 * breaks the whole table's columns.
 */
export function oneLine(s: string): string {
  return s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ');
}

/** Plain-text columns for terminal output; no colours, so it pastes cleanly into issues. */
export function table(cells: string[][], indent = '  '): string {
  if (cells.length === 0) return '';
  const rows = cells.map((r) => r.map(oneLine));
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}
