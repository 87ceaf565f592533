import { describe, expect, it } from '@jest/globals';
import {
  advisoryIds,
  extractItems,
  headingClass,
  mergeItems,
  NOTE_CLASSES,
  type NoteItem,
} from '../../../src/release-notes/index.js';
import { BODIES } from './bodies.js';

const REPO = { owner: 'acme', repo: 'widget' };

describe('release-note bodies in real projects’ styles', () => {
  it('has at least 25 of them', () => {
    expect(BODIES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(BODIES.map((b) => [b.name, b] as const))('%s', (_name, b) => {
    const started = Date.now();
    const items = extractItems(b.body, 'v1.3.0', REPO);
    expect(Date.now() - started).toBeLessThan(2000);
    const describeItems = () => items.map((i) => `${i.class}: ${i.text}`).join('\n');
    for (const [cls, wanted] of Object.entries(b.expect)) {
      for (const w of wanted ?? []) {
        const hit = items.some((i) => i.class === cls && i.text.includes(w));
        if (!hit) throw new Error(`no ${cls} bullet contains ${JSON.stringify(w)}; bullets:\n${describeItems()}`);
      }
    }
    for (const [cls, n] of Object.entries(b.counts ?? {})) {
      const got = items.filter((i) => i.class === cls).length;
      if (got !== n) throw new Error(`expected ${n} ${cls} bullets, got ${got}:\n${describeItems()}`);
    }
    for (const a of b.absent ?? []) {
      const bad = items.find((i) => i.text.includes(a));
      if (bad) throw new Error(`bullet ${JSON.stringify(bad.text)} contains ${JSON.stringify(a)}`);
    }
    for (const id of b.advisories ?? []) expect(items.flatMap((i) => i.advisories)).toContain(id);
    for (const i of items) {
      // One line, no raw HTML tags, no live mentions.
      expect(i.text).not.toMatch(/\n/);
      expect(i.text).not.toMatch(/<\/?[a-z]+[\s>]/i);
      expect(i.text.replace(/`[^`]*`/g, '')).not.toMatch(/(^|\s)@[A-Za-z]/);
      expect(NOTE_CLASSES).toContain(i.class);
      expect(i.versions).toEqual(['v1.3.0']);
    }
  });

  it('bounds the bullets taken from an enormous body', () => {
    const body = BODIES.find((b) => b.name.startsWith('enormous'))!.body;
    expect(body.length).toBeGreaterThan(300_000);
    const items = extractItems(body, 'v2.0.0', REPO);
    expect(items.length).toBeLessThanOrEqual(300);
    expect(items.every((i) => i.text.length <= 500)).toBe(true);
  });
});

describe('headingClass', () => {
  it.each([
    ["What's Changed", null],
    ['Breaking Changes 🛠', 'breaking'],
    ['⚠ BREAKING CHANGES', 'breaking'],
    [':warning: Breaking Changes', 'breaking'],
    ['Removed', 'breaking'],
    ['Security', 'security'],
    ['Deprecated', 'deprecated'],
    ['Added', 'features'],
    ['🚀 Features', 'features'],
    ['Enhancements', 'features'],
    ['Fixed', 'fixes'],
    ['🐛 Bug Fixes', 'fixes'],
    ['Bug or Regression', 'fixes'],
    ['Changed', 'other'],
    ['🧰 Maintenance', 'other'],
    ['Dependencies', 'other'],
    ['New Contributors', 'skip'],
    ['Checksums', 'skip'],
    ['Docker images', 'skip'],
    ['v1.2.3', null],
    ['Changelog', null],
  ])('%s → %s', (heading, cls) => {
    expect(headingClass(heading)).toBe(cls);
  });
});

describe('advisory ids', () => {
  it('finds CVE, GHSA and Go vulnerability ids, normalised', () => {
    expect(advisoryIds('fixes cve-2024-24786, GHSA-8R3F-844C-MC37 and GO-2024-2611; not CVE-24-1')).toEqual([
      'CVE-2024-24786',
      'GHSA-8r3f-844c-mc37',
      'GO-2024-2611',
    ]);
  });
});

describe('mergeItems', () => {
  const item = (cls: NoteItem['class'], text: string, version: string, advisories: string[] = []): NoteItem => ({
    class: cls,
    text,
    versions: [version],
    advisories,
  });

  it('merges the same change named in several versions, keeping the strongest class', () => {
    const merged = mergeItems([
      item('features', 'Add `WithRetry` option ([#12](https://redirect.github.com/acme/widget/issues/12))', 'v1.3.0'),
      item('other', 'add WithRetry option (#12)', 'v1.3.0-rc.1'),
      item('breaking', 'Add withretry option.', 'v1.2.9'),
      item('fixes', 'Something else', 'v1.3.0'),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ class: 'breaking', versions: ['v1.3.0', 'v1.3.0-rc.1', 'v1.2.9'] });
  });

  it('merges security items that name the same advisories', () => {
    const merged = mergeItems([
      item('security', 'http2: limit CONTINUATION frames (CVE-2023-45288)', 'v0.23.0', ['CVE-2023-45288']),
      item('security', 'Fix for CVE-2023-45288 in the HTTP/2 server', 'v0.22.1', ['CVE-2023-45288']),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.versions).toEqual(['v0.23.0', 'v0.22.1']);
  });

  it('merges duplicates across versions of one module when extracted from their notes', () => {
    const a = extractItems('- fix: close idle connections (#7)', 'v1.1.1', REPO);
    const b = extractItems('### Fixed\n- Close idle connections (#7)', 'v1.2.0', REPO);
    const merged = mergeItems([...b, ...a]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ class: 'fixes', versions: ['v1.2.0', 'v1.1.1'] });
  });
});
