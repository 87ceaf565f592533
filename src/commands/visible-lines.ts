/**
 * The lines of a comment a reader sees as prose, with everything that only quotes or hides text
 * removed: fenced code blocks, HTML comments and `<pre>` blocks become empty lines. Indented code
 * and `>` quotes need no work here: a command line must start with the mention within three
 * spaces, which neither can. Input is capped first so a huge comment costs bounded work.
 */
import { MAX_COMMENT_BODY } from '../github-limits.js';

// C0/C1 controls except tab and newline, and the Unicode line/paragraph separators: spaces, so
// that they can neither hide inside a word nor make a line break GitHub does not render.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;

export function visibleLines(body: string): { lines: string[]; truncated: boolean } {
  const truncated = body.length > MAX_COMMENT_BODY;
  const text = (truncated ? body.slice(0, MAX_COMMENT_BODY) : body).replace(/\r\n?/g, '\n').replace(CONTROLS, ' ');
  const lines = text.split('\n');
  let fence: { char: string; length: number } | undefined;
  let hidden: 'comment' | 'pre' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
      lines[i] = '';
      continue;
    }
    if (hidden) {
      const end = hidden === 'comment' ? line.indexOf('-->') : line.search(/<\/pre\s*>/i);
      if (end >= 0) hidden = undefined;
      lines[i] = '';
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open?.[1]) {
      fence = { char: open[1][0] ?? '`', length: open[1].length };
      lines[i] = '';
      continue;
    }
    const comment = line.indexOf('<!--');
    if (comment >= 0 && line.indexOf('-->', comment + 4) < 0) hidden = 'comment';
    if (/<pre[\s>]/i.test(line) && !/<\/pre\s*>/i.test(line)) hidden = 'pre';
    if (hidden) lines[i] = line.slice(0, comment >= 0 ? comment : line.search(/<pre[\s>]/i));
  }
  return { lines, truncated };
}
