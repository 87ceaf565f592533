import { describe, expect, it } from '@jest/globals';
import {
  inlineSafe,
  linkIssueRefs,
  neutraliseMentions,
  sanitizeMarkdown,
  stripHtml,
} from '../../../src/release-notes/index.js';

const REPO = { owner: 'acme', repo: 'widget' };
const Z = '\u200b';

describe('sanitizeMarkdown', () => {
  it('neutralises @-mentions and team mentions, not emails, module versions or code', () => {
    expect(neutraliseMentions('thanks @alice, @acme/core; mail bob@example.com; go get x@v1.2.0')).toBe(
      `thanks @${Z}alice, @${Z}acme/core; mail bob@example.com; go get x@v1.2.0`,
    );
    expect(sanitizeMarkdown('ping @alice but not `@bob`', REPO)).toBe(`ping @${Z}alice but not \`@bob\``);
  });

  it('links #123 to the upstream repository, through redirect.github.com', () => {
    expect(linkIssueRefs('fixes #12, see other/repo#3', REPO)).toBe(
      'fixes [#12](https://redirect.github.com/acme/widget/issues/12), see [other/repo#3](https://redirect.github.com/other/repo/issues/3)',
    );
    // Anchors, entities, existing links and code are left alone.
    expect(sanitizeMarkdown('[#5](https://x) &#123; https://x.dev/page#7 `#8`', REPO)).toBe(
      '[#5](https://x) &#123; https://x.dev/page#7 `#8`',
    );
    expect(sanitizeMarkdown('https://github.com/acme/widget/pull/9', REPO)).toBe(
      'https://redirect.github.com/acme/widget/pull/9',
    );
  });

  it('strips HTML comments (even unclosed), scripts, styles and images', () => {
    const md =
      'a <!-- hidden --> b\n<script>alert(1)</script>\n<style>x{}</style>\n<img src=x onerror=alert(1)> ![i](https://x/i.png) [![badge](https://x/b.svg)](https://x)\nc <!-- never closed';
    const out = sanitizeMarkdown(md, REPO);
    expect(out).not.toMatch(/hidden|alert|<script|<style|<img|i\.png|b\.svg|never closed/);
    expect(out).toContain('a  b');
    expect(out).toContain('c');
  });

  it('unwraps HTML tags so an upstream </details> cannot close ours, and escapes a stray <', () => {
    expect(stripHtml('<details><summary>x</summary>y</details> Map<K, V>')).toBe('xy Map&lt;K, V>');
    expect(sanitizeMarkdown('`Map<K, V>` and <b>bold</b>', REPO)).toBe('`Map<K, V>` and bold');
  });

  it('demotes headings and closes a fence left open', () => {
    expect(sanitizeMarkdown('# Title\n- item\n## Sub\n```go\nfunc main() {', REPO)).toBe(
      '**Title**\n\n- item\n\n**Sub**\n\n```go\nfunc main() {\n```',
    );
    expect(sanitizeMarkdown('Title\n=====\ntext', REPO)).toBe('**Title**\n\ntext');
  });

  it('leaves fenced code exactly as it was', () => {
    const code = '```\n# not a heading\n@alice #12 <b>\n```';
    expect(sanitizeMarkdown(`before\n${code}\nafter @bob`, REPO)).toBe(`before\n${code}\nafter @${Z}bob`);
  });
});

describe('inlineSafe', () => {
  it('keeps one line, escapes pipes outside code, and cuts without splitting links', () => {
    expect(inlineSafe('a | b\n`c|d`', 100)).toBe('a \\| b `c|d`');
    expect(inlineSafe('# heading-like', 100)).toBe('heading-like');
    const long = `${'word '.repeat(10)}[a link text](https://example.com/long/path) tail`;
    const cut = inlineSafe(long, 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('[a link');
  });
});
