import { describe, expect, it } from '@jest/globals';
import {
  extractItems,
  mergeItems,
  releaseHighlights,
  renderHighlights,
  renderReleaseNotes,
  sanitizeMarkdown,
  type ModuleNotes,
  type NoteItem,
} from '../../../src/release-notes/index.js';
import { splitFences } from '../../../src/release-notes/sanitize.js';
import { BODIES } from './bodies.js';

function githubNotes(
  module: string,
  owner: string,
  repo: string,
  bodies: { version: string; body: string }[],
  extra: Partial<ModuleNotes> = {},
): ModuleNotes {
  const ref = { owner, repo };
  const items: NoteItem[] = [];
  for (const b of bodies) items.push(...extractItems(b.body, b.version, ref));
  return {
    module,
    from: 'v1.0.0',
    to: bodies[0]?.version ?? 'v1.1.0',
    source: {
      kind: 'github',
      owner,
      repo,
      url: `https://github.com/${owner}/${repo}`,
      subdir: '',
      tagPrefix: '',
      via: 'path',
    },
    versions: bodies.map((b) => ({
      version: b.version,
      tag: b.version,
      url: `https://github.com/${owner}/${repo}/releases/tag/${b.version}`,
      origin: 'release' as const,
      body: sanitizeMarkdown(b.body, ref),
    })),
    items: mergeItems(items),
    compareUrl: `https://github.com/${owner}/${repo}/compare/v1.0.0...${bodies[0]?.version ?? 'v1.1.0'}`,
    notices: [],
    ...extra,
  };
}

/** One module per sample body: breaking, security, features, fixes and a lot of Other. */
function manyModules(): ModuleNotes[] {
  return BODIES.map((b, i) =>
    githubNotes(`github.com/acme/m${i}`, 'acme', `m${i}`, [{ version: 'v1.1.0', body: b.body }]),
  );
}

/** Link texts only, so a bullet can be found whatever was linked in it. */
const unlink = (md: string) => md.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

const balanced = (md: string) => {
  expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  expect(splitFences(md).unclosedFence).toBeNull();
};

describe('renderReleaseNotes', () => {
  it('renders a module: title, links, classes in order, capped with "and M more", raw notes folded', () => {
    const body = `### Breaking\n- Remove \`Old\`\n### Features\n${Array.from({ length: 8 }, (_, i) => `- Add feature ${i}`).join('\n')}\n### Fixed\n- Fix a crash\n### Security\n- Patch GO-2024-2687`;
    const md = renderReleaseNotes(
      [githubNotes('github.com/acme/widget', 'acme', 'widget', [{ version: 'v1.1.0', body }])],
      65_536,
    );
    const order = ['**⚠️ Breaking changes**', '**🔒 Security**', '**Features**', '**Fixes**', '<details>'].map((s) =>
      md.indexOf(s),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(md).toContain('#### `github.com/acme/widget` v1.0.0 → v1.1.0');
    expect(md).toContain(
      '[acme/widget](https://github.com/acme/widget) · [compare](https://github.com/acme/widget/compare/v1.0.0...v1.1.0) · notes from GitHub Releases',
    );
    expect(md).toContain(
      '- Add feature 4\n- …and 3 more ([release notes](https://github.com/acme/widget/releases/tag/v1.1.0))',
    );
    expect(md).toContain('[GO-2024-2687](https://pkg.go.dev/vuln/GO-2024-2687)');
    expect(md).not.toContain('Shortened');
    balanced(md);
  });

  it('says where notes are missing and why', () => {
    const n = githubNotes('github.com/acme/w', 'acme', 'w', [], {
      versions: [
        {
          version: 'v1.1.0',
          tag: 'v1.1.0',
          url: 'https://github.com/acme/w/releases/tag/v1.1.0',
          origin: 'none',
          body: '',
        },
      ],
      notices: [
        "GitHub's API rate limit was reached, so GitHub Releases could not be read; the compare link shows every change.",
      ],
    });
    const md = renderReleaseNotes([n], 65_536);
    expect(md).toContain('no release notes found');
    expect(md).toContain("_GitHub's API rate limit was reached");
  });

  it('lists modules off GitHub as plain lines, and says when there is nothing at all', () => {
    const md = renderReleaseNotes(
      [
        {
          module: 'example.org/a',
          from: 'v1.0.0',
          to: 'v1.1.0',
          source: { kind: 'other', url: 'https://gitlab.com/e/a', via: 'go-import' },
          versions: [],
          items: [],
          notices: [],
        },
        {
          module: 'corp.internal/b',
          from: 'v0.1.0',
          to: 'v0.2.0',
          source: { kind: 'unknown', reason: 'x' },
          versions: [],
          items: [],
          notices: [],
        },
      ],
      65_536,
    );
    expect(md).toBe(
      '### Release notes\n\n**No release notes**\n- `example.org/a` v1.0.0 → v1.1.0: source is not on GitHub: [gitlab.com/e/a](https://gitlab.com/e/a)\n- `corp.internal/b` v0.1.0 → v0.2.0: source repository unknown',
    );
    expect(renderReleaseNotes([], 1000, { heading: false })).toBe('_No modules to report._');
  });

  it('always fits the budget, whatever it is', () => {
    const notes = manyModules();
    const full = renderReleaseNotes(notes, 10_000_000);
    for (const budget of [200, 1000, 3000, 8000, 20_000, 50_000, 65_536, full.length - 1]) {
      const md = renderReleaseNotes(notes, budget);
      expect(md.length).toBeLessThanOrEqual(budget);
      balanced(md);
    }
    expect(renderReleaseNotes(notes, full.length)).toBe(full);
  });

  it('gives way in order: raw notes first, then Other, never Breaking or Security', () => {
    const notes = manyModules();
    const full = renderReleaseNotes(notes, 10_000_000);
    const withoutRaw = renderReleaseNotes(notes, full.length - 1);
    expect(withoutRaw).toMatch(/_Shortened to fit the pull request: raw release notes left out for \d+ modules?\._$/);
    expect(withoutRaw).toContain('**Other**\n');

    const allRawGone = notes.map((n) => ({ ...n, versions: n.versions.map((v) => ({ ...v, body: '' })) }));
    const noRawLength = renderReleaseNotes(allRawGone, 10_000_000).length;
    const withoutOther = renderReleaseNotes(notes, noRawLength - 50);
    expect(withoutOther).not.toContain('<details>');
    expect(withoutOther).toMatch(/\*\*Other\*\*: \d+ changes?, left out to fit\./);
    expect(withoutOther).toContain('"Other" left out for');

    // Features and Fixes go before a single breaking or security bullet is shortened.
    const keyItems = notes.flatMap((n) => n.items.filter((i) => i.class === 'breaking' || i.class === 'security'));
    let budget = noRawLength;
    let md = renderReleaseNotes(notes, budget);
    while (!md.includes('breaking and security items shortened')) {
      expect(md).toContain('**⚠️ Breaking changes**');
      const plain = unlink(md);
      for (const item of keyItems) expect(plain).toContain(unlink(item.text).slice(0, 40));
      budget -= 200;
      md = renderReleaseNotes(notes, budget);
    }
    expect(md).toContain('features and fixes only counted');
    expect(md).toMatch(/\*\*Features\*\*: \d+ changes? — \[release notes\]/);
    // Even then every module still shows its Breaking changes and Security headings.
    for (const n of notes) {
      const section = md.slice(md.indexOf(`\`${n.module}\``)).split('\n#### ')[0]!;
      if (n.items.some((i) => i.class === 'breaking')) expect(section).toContain('**⚠️ Breaking changes**');
      if (n.items.some((i) => i.class === 'security')) expect(section).toContain('**🔒 Security**');
    }
  });

  it('shortens breaking and security bullets before counting them, and always counts', () => {
    const breaking = Array.from({ length: 12 }, (_, i) => ({
      class: 'breaking' as const,
      text: `Breaking change number ${i} ${'with a long explanation '.repeat(8)}`,
      versions: ['v2.0.0'],
      advisories: [],
    }));
    const n = githubNotes('github.com/acme/big', 'acme', 'big', [], { items: breaking });
    const md = renderReleaseNotes([n], 1500);
    expect(md.length).toBeLessThanOrEqual(1500);
    expect(md).toMatch(/- …and \d+ more/);
    expect(md).toContain('Breaking change number 0');
  });

  it('reduces the last modules to one line, with their counts, only when nothing else is left', () => {
    const notes = Array.from({ length: 60 }, (_, i) =>
      githubNotes(`github.com/acme/mod${i}`, 'acme', `mod${i}`, [
        { version: 'v1.1.0', body: '### Breaking\n- Remove `A`\n### Security\n- Fix CVE-2024-0001' },
      ]),
    );
    const md = renderReleaseNotes(notes, 12_000);
    expect(md.length).toBeLessThanOrEqual(12_000);
    expect(md).toContain('#### `github.com/acme/mod0`');
    expect(md).toContain('**More modules** (shortened to fit)');
    expect(md).toMatch(
      /- `github\.com\/acme\/mod59` v1\.0\.0 → v1\.1\.0 \(\[compare\]\([^)]+\)\): 1 breaking change, 1 security fix/,
    );
    expect(md).toContain('reduced to one line');

    // With less room still, the last ones are only counted — breaking and security included.
    const tiny = renderReleaseNotes(notes, 3000);
    expect(tiny.length).toBeLessThanOrEqual(3000);
    expect(tiny).toMatch(/- …and \d+ more modules \(\d+ breaking changes, \d+ security fixes\)/);
    expect(tiny).toContain('only counted');
  });

  it('cuts enormous raw notes and keeps the markdown well-formed', () => {
    const huge = `## Notes\n\`\`\`\n${'code line\n'.repeat(5000)}\`\`\`\n${'- fix: thing\n'.repeat(3000)}`;
    const md = renderReleaseNotes(
      [githubNotes('github.com/acme/huge', 'acme', 'huge', [{ version: 'v1.1.0', body: huge }])],
      65_536,
    );
    expect(md.length).toBeLessThan(30_000);
    expect(md).toContain('_…cut here; [read the rest](https://github.com/acme/huge/releases/tag/v1.1.0)._');
    balanced(md);
  });
});

describe('highlights', () => {
  it('lifts breaking and security items with where to read more', () => {
    const n = githubNotes('github.com/acme/widget', 'acme', 'widget', [
      { version: 'v1.2.0', body: '- feat!: drop `Legacy`\n- fix: typo' },
      { version: 'v1.1.0', body: '### Security\n- Fix request smuggling (GHSA-4vq8-7jfc-9cvp)' },
    ]);
    const hs = releaseHighlights([n]);
    expect(hs).toEqual([
      expect.objectContaining({
        class: 'breaking',
        text: 'Drop `Legacy`',
        versions: ['v1.2.0'],
        url: 'https://github.com/acme/widget/releases/tag/v1.2.0',
      }),
      expect.objectContaining({
        class: 'security',
        advisories: ['GHSA-4vq8-7jfc-9cvp'],
        versions: ['v1.1.0'],
        url: 'https://github.com/acme/widget/releases/tag/v1.1.0',
      }),
    ]);
    expect(renderHighlights(hs)).toBe(
      '- ⚠️ `github.com/acme/widget` [v1.2.0](https://github.com/acme/widget/releases/tag/v1.2.0): Drop `Legacy`\n' +
        '- 🔒 `github.com/acme/widget` [v1.1.0](https://github.com/acme/widget/releases/tag/v1.1.0): Fix request smuggling (GHSA-4vq8-7jfc-9cvp)',
    );
    expect(renderHighlights(hs, 1)).toContain('- …and 1 more in the release notes below');
    expect(renderHighlights([])).toBe('');
  });
});
