/**
 * A bot PR body is a list of named sections, each between markers, so one part (the impact
 * table, the release notes) can be rewritten in place without re-rendering the rest:
 * `<!-- gomod-steward:section NAME -->…<!-- /gomod-steward:section NAME -->`.
 */
export const SECTION_ORDER = ['summary', 'direct', 'carried', 'impact', 'release-notes', 'commands'] as const;
export type SectionName = (typeof SECTION_ORDER)[number];

const open = (name: SectionName) => `<!-- gomod-steward:section ${name} -->`;
const close = (name: SectionName) => `<!-- /gomod-steward:section ${name} -->`;

export function wrapSection(name: SectionName, text: string): string {
  return `${open(name)}\n${text.replace(/\s*$/, '')}\n${close(name)}`;
}

/** The text of a section without its markers, or undefined when the body lacks it. */
export function readSection(body: string, name: SectionName): string | undefined {
  const range = find(body, name);
  return (
    range &&
    body
      .slice(range.start + open(name).length, range.end)
      .replace(/^\n/, '')
      .replace(/\n$/, '')
  );
}

/**
 * Rewrites one section. A body without that section (edited by hand, or older) gets it inserted
 * before the first section that follows it in SECTION_ORDER, or before the metadata, or at the end.
 */
export function replaceSection(body: string, name: SectionName, text: string): string {
  const range = find(body, name);
  if (range) return body.slice(0, range.start) + wrapSection(name, text) + body.slice(range.end + close(name).length);
  const later = SECTION_ORDER.slice(SECTION_ORDER.indexOf(name) + 1);
  const anchors = [...later.map(open), '<!-- gomod-steward:meta '].map((m) => body.indexOf(m)).filter((i) => i >= 0);
  const at = anchors.length ? Math.min(...anchors) : body.length;
  const before = body.slice(0, at).replace(/\s*$/, '');
  return `${before}${before ? '\n\n' : ''}${wrapSection(name, text)}\n\n${body.slice(at).replace(/^\s*/, '')}`.replace(
    /\s*$/,
    '\n',
  );
}

function find(body: string, name: SectionName): { start: number; end: number } | undefined {
  const start = body.indexOf(open(name));
  if (start < 0) return undefined;
  const end = body.indexOf(close(name), start);
  return end < 0 ? undefined : { start, end };
}
