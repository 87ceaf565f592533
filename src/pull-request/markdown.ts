/** Markdown helpers for text we put in tables and code spans. */

/** One table cell: pipes and line breaks would end it. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A code span that survives backticks in its text. */
export function code(text: string): string {
  const ticks = text.match(/`+/g)?.reduce((n, t) => Math.max(n, t.length), 0) ?? 0;
  const fence = '`'.repeat(ticks + 1);
  return ticks ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
