/**
 * Whether a line starts with a mention of the app, and what follows it. Only ASCII counts: the
 * mention is captured with an ASCII class and compared in lower case, so look-alike letters
 * (Cyrillic `е`, the Kelvin sign, full-width forms) or zero-width characters never match, and a
 * longer name that merely starts with the slug (`@gomod-steward-fork`) is someone else.
 */
const MENTION = /^ {0,3}@([A-Za-z0-9][A-Za-z0-9-]*)(?:\[bot\])?(?=$|[ \t,:])[,:]?/;

/** The text after `@<slug>` on this line, or undefined when the line does not start with it. */
export function afterMention(line: string, slug: string): string | undefined {
  const m = MENTION.exec(line);
  if (!m || m[1]?.toLowerCase() !== slug.toLowerCase()) return undefined;
  return line.slice(m[0].length);
}

/** Whether the line starts with a mention of any account: the handler's test, which knows no slug. */
export function startsWithMention(line: string): boolean {
  return MENTION.test(line);
}
