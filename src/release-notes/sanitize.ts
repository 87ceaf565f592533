/**
 * Upstream text made safe to put in our pull request:
 *
 * - HTML comments, scripts, styles, embedded media and images (HTML and markdown) are removed;
 *   other HTML tags are dropped (their text kept) or, when not a tag, their `<` escaped. So an
 *   upstream `</details>` or `<!--` cannot close or swallow the rest of our body.
 * - `@user` and `@org/team` are neutralised with a zero-width space: nobody upstream is pinged.
 * - `#123` becomes a link to the upstream repository's issue (GitHub would link it to ours),
 *   and issue/PR links go through redirect.github.com, so the upstream issue does not get a
 *   "mentioned this" back-reference from every bot pull request (as Dependabot does).
 * - Headings are demoted to bold lines and an unclosed code fence is closed.
 *
 * Code spans and fenced blocks are left alone: GitHub renders them literally.
 */

export interface RepoRef {
  owner: string;
  repo: string;
}

/** Host for links to upstream issues and pull requests (no back-references). */
export const REDIRECT_HOST = 'https://redirect.github.com';

const ZWSP = '\u200b';

interface Segment {
  code: boolean;
  text: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/**
 * Splits markdown into fenced code blocks and the text between them. A fence left open runs to
 * the end, as GitHub renders it; `unclosedFence` says so, so the caller can close it.
 */
export function splitFences(md: string): { segments: Segment[]; unclosedFence: string | null } {
  const segments: Segment[] = [];
  let unclosedFence: string | null = null;
  let proseStart = 0;
  let pos = 0;
  while (pos < md.length) {
    const nl = md.indexOf('\n', pos);
    const end = nl < 0 ? md.length : nl;
    const open = FENCE_OPEN.exec(md.slice(pos, end));
    // A backtick fence's info string may not contain a backtick (CommonMark).
    if (open && !(open[1]![0] === '`' && md.slice(pos + open[0].length, end).includes('`'))) {
      const fence = open[1]!;
      if (pos > proseStart) segments.push({ code: false, text: md.slice(proseStart, pos) });
      let blockEnd = md.length;
      let closed = false;
      for (let p = nl < 0 ? md.length : nl + 1; p < md.length;) {
        const nl2 = md.indexOf('\n', p);
        const e2 = nl2 < 0 ? md.length : nl2;
        const close = FENCE_CLOSE.exec(md.slice(p, e2));
        if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) {
          closed = true;
          blockEnd = e2;
          break;
        }
        p = nl2 < 0 ? md.length : nl2 + 1;
      }
      if (!closed) unclosedFence = fence;
      segments.push({ code: true, text: md.slice(pos, blockEnd) });
      proseStart = blockEnd;
      pos = blockEnd + 1;
      continue;
    }
    pos = nl < 0 ? md.length : nl + 1;
  }
  if (proseStart < md.length) segments.push({ code: false, text: md.slice(proseStart) });
  return { segments, unclosedFence };
}

/** Splits text into inline code spans (runs of n backticks closed by exactly n) and the rest. */
export function splitInlineCode(text: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let start = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    if (tick < 0) break;
    i = tick;
    let n = 0;
    while (text[i + n] === '`') n++;
    const ticks = '`'.repeat(n);
    let j = i + n;
    let close = -1;
    while (j < text.length) {
      const k = text.indexOf(ticks, j);
      if (k < 0) break;
      let m = 0;
      while (text[k + m] === '`') m++;
      if (m === n) {
        close = k;
        break;
      }
      j = k + m;
    }
    if (close < 0) {
      i += n;
      continue;
    }
    if (i > start) out.push({ code: false, text: text.slice(start, i) });
    out.push({ code: true, text: text.slice(i, close + n) });
    i = close + n;
    start = i;
  }
  if (start < text.length) out.push({ code: false, text: text.slice(start) });
  return out;
}

/** Applies `fn` to the text between fenced blocks, and closes a fence left open. */
export function mapBlocks(md: string, fn: (prose: string) => string): string {
  const { segments, unclosedFence } = splitFences(md);
  const joined = segments.map((s) => (s.code ? s.text : fn(s.text))).join('');
  return unclosedFence ? `${joined.replace(/\n*$/, '')}\n${unclosedFence}` : joined;
}

/** Applies `fn` to text outside inline code spans. */
export function mapInline(text: string, fn: (prose: string) => string): string {
  return splitInlineCode(text)
    .map((s) => (s.code ? s.text : fn(s.text)))
    .join('');
}

/** Applies `fn` to prose only: outside fenced blocks and code spans. */
export function mapProse(md: string, fn: (prose: string) => string): string {
  return mapBlocks(md, (block) => mapInline(block, fn));
}

// ---------------------------------------------------------------------------------------------

const DROPPED_ELEMENTS = [
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'picture',
  'svg',
  'math',
  'template',
  'textarea',
  'select',
  'form',
];

/** Tags whose markup goes but whose text stays. */
const FORMATTING_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
  'var',
  'wbr',
  'source',
  'img',
  'input',
  'button',
  'label',
  'meta',
  'link',
  'head',
  'body',
  'html',
  'article',
  'aside',
  'footer',
  'header',
  'main',
  'nav',
  'g-emoji',
]);

/** Block level: HTML comments (an unclosed one runs to the end) and script-like elements out. */
export function stripHtmlBlocks(prose: string): string {
  let s = prose.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const el of DROPPED_ELEMENTS) {
    s = s.replace(new RegExp(`<${el}\\b[^>]*>[\\s\\S]*?(?:<\\/${el}\\s*>|$)`, 'gi'), '');
  }
  return s;
}

/** Inline: images (HTML and markdown) out, other tags unwrapped, a stray `<` escaped. */
export function stripHtmlInline(prose: string): string {
  let s = prose;
  for (const el of DROPPED_ELEMENTS) s = s.replace(new RegExp(`<\\/?${el}\\b[^>]*>`, 'gi'), '');
  // Markdown images (inline and reference), then links left empty by them (badges).
  s = s.replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, '').replace(/!\[[^\]\n]*\]\[[^\]\n]*\]/g, '');
  s = s.replace(/\[\s*\]\([^)\n]*\)/g, '');
  s = s.replace(/<\/?([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>/g, (tag, name: string) =>
    FORMATTING_TAGS.has(name.toLowerCase()) ? tagReplacement(name) : tag,
  );
  // Whatever `<` is left would be read as the start of a tag.
  return s.replace(/<(?=[A-Za-z/!?])/g, '&lt;');
}

/** Both, for text without code. */
export function stripHtml(prose: string): string {
  return stripHtmlInline(stripHtmlBlocks(prose));
}

function tagReplacement(name: string): string {
  const n = name.toLowerCase();
  return n === 'br' || n === 'p' || n === 'div' || n === 'li' || n === 'tr' ? ' ' : '';
}

/** `@user`, `@org/team` → not a mention (a zero-width space after the `@`). */
export function neutraliseMentions(prose: string): string {
  return prose.replace(/(?<![A-Za-z0-9_`@/.+-])@(?=[A-Za-z0-9])/g, `@${ZWSP}`);
}

/** Issue and PR links of any repository on GitHub sent through redirect.github.com. */
export function redirectIssueLinks(prose: string): string {
  return prose.replace(
    /https?:\/\/(?:www\.)?github\.com\/([\w.-]+\/[\w.-]+\/(?:issues|pull|discussions)\/\d+)/g,
    `${REDIRECT_HOST}/$1`,
  );
}

/** `#123` → a link to upstream's issue 123; `owner/repo#123` → a link to that repository's. */
export function linkIssueRefs(prose: string, repo: RepoRef | null): string {
  let s = prose.replace(
    /(?<![\w/:.@#\\[-])([A-Za-z0-9][\w.-]*\/[\w.-]+)#(\d+)\b/g,
    (_m, r: string, n: string) => `[${r}#${n}](${REDIRECT_HOST}/${r}/issues/${n})`,
  );
  if (repo) {
    s = s.replace(
      /(?<![\w&/#\\[\]-])#(\d+)\b(?!\]\()/g,
      (_m, n: string) => `[#${n}](${REDIRECT_HOST}/${repo.owner}/${repo.repo}/issues/${n})`,
    );
  }
  return s;
}

/**
 * ATX and setext headings become bold lines, set apart by blank lines (a bold line right after
 * a list item would be read as part of it): upstream `# Title` must not outrank our headings.
 */
export function demoteHeadings(prose: string): string {
  const lines = prose.split('\n');
  const out: string[] = [];
  const bold = (text: string) => ['', `**${text.replace(/\*\*/g, '')}**`, ''];
  for (const line of lines) {
    const atx = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line);
    if (atx) {
      const text = (atx[1] ?? '').trim();
      if (text) out.push(...bold(text));
      continue;
    }
    const prev = out[out.length - 1];
    if (
      /^ {0,3}(=+|-+)\s*$/.test(line) &&
      prev !== undefined &&
      prev.trim() !== '' &&
      !/^\s*([-*+]|\d+[.)])\s/.test(prev)
    ) {
      out.pop();
      out.push(...bold(prev.trim()));
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The whole treatment for a block of upstream markdown shown as-is (inside `<details>`). */
export function sanitizeMarkdown(md: string, repo: RepoRef | null): string {
  const normalised = md.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
  return mapBlocks(normalised, (block) =>
    mapInline(demoteHeadings(stripHtmlBlocks(block)), (p) =>
      linkIssueRefs(redirectIssueLinks(neutraliseMentions(stripHtmlInline(p))), repo),
    ),
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * One line of inline markdown that may land in a list or a table cell: whitespace collapsed,
 * `|` escaped outside code, cut at `max` characters without splitting a link or code span.
 */
export function inlineSafe(text: string, max: number): string {
  let s = text.replace(/\s+/g, ' ').trim();
  s = mapProse(s, (p) => p.replace(/(?<!\\)\|/g, '\\|'));
  // A line may not start a block construct once it is a bullet's text.
  s = s.replace(/^(?:[>#]+\s*|[-*+]\s+)/, '');
  return truncateInline(s, max);
}

/** Cuts inline markdown at a word boundary before `max`, outside links and code spans, adding "…". */
export function truncateInline(s: string, max: number): string {
  if (s.length <= max) return s;
  const atomic: [number, number][] = [];
  for (const m of s.matchAll(/\[[^\]]*\]\([^)]*\)|`+[^`]*`+/g)) atomic.push([m.index!, m.index! + m[0].length]);
  let cut = s.lastIndexOf(' ', max - 1);
  if (cut < max / 2) cut = max - 1;
  for (const [a, b] of atomic) if (cut > a && cut < b) cut = a;
  return `${s.slice(0, cut).replace(/[\s,;:.\\-]+$/, '')}…`;
}
