/**
 * Sections of a changelog file by version. A section starts at a heading that names a version —
 * `## [1.2.3] - 2024-01-01` (Keep a Changelog), `## v1.2.3`, `# 1.2.3 (2024-01-01)`,
 * `## Release 1.2.3`, `## [v1.2.3](…compare…)`, `## sub/dir/v1.2.3`, or several at once as
 * OpenTelemetry writes them (`## [1.24.0/0.46.0/0.0.1-alpha] 2024-02-23`) — and runs to the next
 * heading of a higher level, or of the same level that names a version or "Unreleased".
 */
import { splitFences } from './sanitize.js';
import { canonical, isValid } from '../gomod/version.js';

export const CHANGELOG_NAMES = /^(?:changelog|changes|release[-_]?notes|history)\.(?:md|markdown)$/i;
/** Preference among several matching files in one directory. */
const NAME_ORDER = ['changelog', 'changes', 'release_notes', 'release-notes', 'releasenotes', 'history'];

export function preferChangelog(names: string[]): string | undefined {
  const matches = names.filter((n) => CHANGELOG_NAMES.test(n));
  const rank = (n: string) => {
    const i = NAME_ORDER.indexOf(n.toLowerCase().replace(/\.(md|markdown)$/, ''));
    return i < 0 ? NAME_ORDER.length : i;
  };
  return matches.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
}

const VERSION_TOKEN = String.raw`v?(\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)`;
const HEADING_VERSIONS = new RegExp(
  String.raw`^((?:(?!v?\d)[\w.-]+\/)*)${VERSION_TOKEN}((?:\s*\/\s*${VERSION_TOKEN})*)(?![\w.])`,
  'i',
);

/** `v1.2.0` for `1.2`, `v1.2.3-rc.1` for `1.2.3-rc.1`; "" when it is not a version. */
function asVersion(token: string): string {
  const v = canonical(`v${token.replace(/^v/i, '')}`);
  return v && isValid(v) ? v : '';
}

/**
 * The versions a heading names, for a module whose tags carry `tagPrefix`. A heading naming
 * another module's prefix (`## other/v1.2.0`) names none of ours.
 */
export function headingVersions(heading: string, tagPrefix: string): string[] {
  let h = heading.trim().replace(/^[[(*_\s]+/, '');
  h = h.replace(/^(?:release|version|ver\.?)\s+/i, '').replace(/^[[(*_\s]+/, '');
  const m = HEADING_VERSIONS.exec(h);
  if (!m) return [];
  const prefix = m[1] ?? '';
  if (prefix && prefix !== tagPrefix) return [];
  const out = [asVersion(m[2]!)];
  if (m[3]) for (const more of m[3].matchAll(new RegExp(VERSION_TOKEN, 'gi'))) out.push(asVersion(more[1]!));
  return [...new Set(out.filter(Boolean))];
}

export interface ChangelogSection {
  versions: string[];
  heading: string;
  /** The section's text without its heading line. */
  body: string;
}

/** Every version section of a changelog, in file order. */
export function changelogSections(text: string, tagPrefix: string): ChangelogSection[] {
  const md = text.replace(/\r\n?/g, '\n');
  // Headings inside code blocks do not count: blank out fenced text while finding them.
  const masked = splitFences(md)
    .segments.map((s) => (s.code ? s.text.replace(/[^\n]/g, ' ') : s.text))
    .join('');
  const lines = md.split('\n');
  const maskedLines = masked.split('\n');
  interface H {
    line: number;
    /** Lines the heading itself occupies (2 for setext). */
    span: number;
    level: number;
    text: string;
    versions: string[];
    unreleased: boolean;
  }
  const headings: H[] = [];
  for (let i = 0; i < maskedLines.length; i++) {
    const l = maskedLines[i]!;
    const atx = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(l);
    let level = 0;
    let title = '';
    let span = 1;
    let start = i;
    if (atx) {
      level = atx[1]!.length;
      title = atx[2]!;
    } else if (
      i > 0 &&
      /^ {0,3}(=+|-+)\s*$/.test(l) &&
      maskedLines[i - 1]!.trim() !== '' &&
      (i < 2 || maskedLines[i - 2]!.trim() === '')
    ) {
      level = l.trim()[0] === '=' ? 1 : 2;
      title = maskedLines[i - 1]!.trim();
      span = 2;
      start = i - 1;
    } else {
      continue;
    }
    headings.push({
      line: start,
      span,
      level,
      text: title,
      versions: headingVersions(title, tagPrefix),
      unreleased: /^\W*unreleased\b/i.test(title),
    });
  }
  const sections: ChangelogSection[] = [];
  headings.forEach((h, k) => {
    if (!h.versions.length) return;
    let end = lines.length;
    for (const next of headings.slice(k + 1)) {
      if (
        next.level < h.level ||
        (next.level === h.level && (next.versions.length > 0 || next.unreleased || isForeignVersion(next.text)))
      ) {
        end = next.line;
        break;
      }
    }
    sections.push({
      versions: h.versions,
      heading: h.text,
      body: lines
        .slice(h.line + h.span, end)
        .join('\n')
        .trim(),
    });
  });
  return sections;
}

/** A heading naming some other module's version (`## other/v1.2.0`) still ends a section. */
function isForeignVersion(text: string): boolean {
  return HEADING_VERSIONS.test(
    text
      .trim()
      .replace(/^[[(*_\s]+/, '')
      .replace(/^(?:release|version)\s+/i, ''),
  );
}

/** The section text for each wanted version (compared without build metadata). */
export function sectionsFor(sections: ChangelogSection[], versions: string[]): Map<string, ChangelogSection> {
  const want = new Map(versions.map((v) => [canonical(v), v]));
  const out = new Map<string, ChangelogSection>();
  for (const s of sections) {
    for (const v of s.versions) {
      const ours = want.get(v);
      if (ours && !out.has(ours)) out.set(ours, s);
    }
  }
  return out;
}
