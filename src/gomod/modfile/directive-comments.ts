/**
 * What Go reads out of comments: `// indirect` on a require line, the rationale of a retract
 * directive, and the `Deprecated:` paragraph above a module directive.
 */
import type { Comment, SyntaxBlock, SyntaxLine } from './syntax.js';

/** Go's unicode.IsSpace. */
function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Go's strings.TrimSpace (JavaScript's trim() has a different idea of space). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Go's strings.Fields. */
function goFields(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isGoSpace(s.charCodeAt(i))) {
      if (start >= 0) out.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

function stripSlashes(text: string): string {
  return text.startsWith('//') ? text.slice(2) : text;
}

/**
 * A requirement is indirect when its line comment is exactly the word `indirect`, or starts
 * with the word `indirect;` followed by more words (`// indirect; used by tests`).
 * `// indirect: x`, `//indirect;` alone, or `// Indirect` do not count.
 */
export function isIndirect(line: SyntaxLine): boolean {
  if (!line.suffix) return false;
  const f = goFields(stripSlashes(line.suffix.text));
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

/**
 * The text of the comments on a directive, one trimmed line per comment: the comments above
 * and at the end of the line; for a line inside a block that has neither, those above the block.
 */
export function directiveComment(block: SyntaxBlock | null, line: SyntaxLine): string {
  let comments: Comment[] = line.suffix ? [...line.before, line.suffix] : line.before;
  if (block && line.before.length === 0 && !line.suffix) comments = block.before;
  const lines: string[] = [];
  for (const c of comments) {
    if (c.text.startsWith('//')) lines.push(goTrimSpace(c.text.slice(2)));
  }
  return lines.join('\n');
}

const DEPRECATED = 'Deprecated:';

/**
 * The first paragraph of the directive comment that starts with `Deprecated:` (case
 * sensitive), without that prefix and the spaces after it, up to the next blank comment line.
 * Empty when there is none.
 */
export function deprecationMessage(block: SyntaxBlock | null, line: SyntaxLine): string {
  const text = directiveComment(block, line);
  let at = 0;
  if (!text.startsWith(DEPRECATED)) {
    const paragraph = text.indexOf('\n\n' + DEPRECATED);
    if (paragraph < 0) return '';
    at = paragraph + 2;
  }
  let start = at + DEPRECATED.length;
  while (text[start] === ' ') start++;
  const end = text.indexOf('\n\n', start);
  return end < 0 ? text.slice(start) : text.slice(start, end);
}
