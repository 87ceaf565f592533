/**
 * Release notes as the markdown of the pull request's "Release notes" section, within a
 * character budget. Per module: a title, where the notes came from and the compare link, the
 * bullets by class (at most N per class, "and M more"), and the raw notes under `<details>`.
 *
 * When the whole does not fit, it gives way in this order, and says so at the end:
 * raw notes (largest first), then Other (largest first), then fewer Features and Fixes, then
 * shorter Breaking and Security bullets and fewer of them with "and M more" — their count is
 * always shown. Only when even that does not fit do the last modules shrink to one line each
 * (still counting their breaking and security items).
 */
import { inlineSafe, mapInline, splitFences, truncateInline } from './sanitize.js';
import { inlineSanitize, itemsOf } from './classify.js';
import {
  NOTE_CLASSES,
  NOTE_CLASS_TITLES,
  type Highlight,
  type ModuleNotes,
  type NoteClass,
  type NoteItem,
  type VersionNotes,
} from './types.js';

export interface RenderOptions {
  /** A heading line above the section; false for none. Default `### Release notes`. */
  heading?: string | false;
  /** Bullets shown per class before "and M more". */
  maxPerClass?: Partial<Record<NoteClass, number>>;
  /** Characters of one bullet. Default 200. */
  itemChars?: number;
  /** Characters of one version's raw notes. Default 6000. */
  rawCharsPerVersion?: number;
  /** Characters of one module's raw notes. Default 20000. */
  rawCharsPerModule?: number;
}

const DEFAULT_CAPS: Record<NoteClass, number> = { breaking: 10, security: 10, features: 5, fixes: 5, other: 3 };
const CLASS_MARK: Record<NoteClass, string> = { breaking: '⚠️ ', security: '🔒 ', features: '', fixes: '', other: '' };

interface State {
  raw: boolean;
  other: boolean;
  caps: Record<NoteClass, number>;
  itemChars: number;
  /** Bullet length for Breaking and Security (they shorten last). */
  keyItemChars: number;
  /** Reduced to one line. */
  oneLine: boolean;
}

const code = (s: string) => {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function advisoryUrl(id: string): string {
  if (id.startsWith('GHSA')) return `https://github.com/advisories/${id}`;
  if (id.startsWith('GO-')) return `https://pkg.go.dev/vuln/${id}`;
  return `https://www.cve.org/CVERecord?id=${id}`;
}

function versionUrl(n: ModuleNotes, version: string | undefined): string | undefined {
  return (version && n.versions.find((v) => v.version === version)?.url) || n.compareUrl;
}

/** Advisory ids in a bullet's prose linked to their records (not inside code, links or URLs). */
function linkAdvisories(text: string): string {
  return mapInline(text, (p) =>
    p.replace(
      /(?<![\w/[=.-])(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d{4,})(?![\w\]-])/g,
      (id: string) => `[${id}](${advisoryUrl(id)})`,
    ),
  );
}

function bullet(item: NoteItem, max: number, showVersion: boolean): string {
  let text = linkAdvisories(truncateInline(item.text, max));
  const missing = item.advisories.filter((a) => !item.text.includes(a));
  if (missing.length) text += ` (${missing.map((a) => `[${a}](${advisoryUrl(a)})`).join(', ')})`;
  if (showVersion && item.versions.length) text += ` · ${item.versions.map(code).join(', ')}`;
  if (item.deprecation && !/deprecat/i.test(item.text)) text = `Deprecated: ${text}`;
  return `- ${text}`;
}

/** `gitlab.com/x/y` for `https://gitlab.com/x/y`. */
const shortUrl = (url: string) => url.replace(/^https?:\/\//, '');

function sourceLine(n: ModuleNotes): string {
  const s = n.source;
  if (s.kind !== 'github') return '';
  const parts = [`[${s.owner}/${s.repo}](${s.url}${s.subdir ? `/tree/HEAD/${s.subdir}` : ''})`];
  if (n.compareUrl) {
    const commits = n.commits !== undefined ? ` (${plural(n.commits, 'commit')})` : '';
    parts.push(`[compare](${n.compareUrl})${commits}`);
  }
  const origins = new Set(n.versions.map((v) => v.origin));
  const from: string[] = [];
  if (origins.has('release')) from.push('GitHub Releases');
  const files = [...new Set(n.versions.filter((v) => v.origin === 'changelog').map((v) => v.file))];
  for (const f of files) if (f) from.push(code(f));
  if (origins.has('commits')) from.push('commit messages');
  if (from.length) parts.push(`notes from ${from.join(' and ')}`);
  else parts.push('no release notes found');
  const count = n.versions.filter((v) => v.origin !== 'commits').length;
  if (count > 1) parts.push(plural(count, 'release'));
  return parts.join(' · ');
}

/** Cuts markdown at a line boundary and closes a fence the cut left open. */
export function truncateMarkdown(md: string, max: number): { text: string; cut: boolean } {
  if (md.length <= max) return { text: md, cut: false };
  let cut = md.lastIndexOf('\n', max);
  if (cut < max / 2) cut = max;
  let text = md.slice(0, cut).replace(/\s+$/, '');
  const { unclosedFence } = splitFences(text);
  if (unclosedFence) text += `\n${unclosedFence}`;
  // An HTML entity or a link cut in half is harmless; an open comment cannot occur (stripped).
  return { text, cut: true };
}

function rawNotes(
  n: ModuleNotes,
  opts: Required<Pick<RenderOptions, 'rawCharsPerVersion' | 'rawCharsPerModule'>>,
): string {
  const withBody = n.versions.filter((v) => v.body);
  if (!withBody.length) return '';
  const parts: string[] = [];
  let used = 0;
  let omitted: VersionNotes[] = [];
  for (const [i, v] of withBody.entries()) {
    if (used >= opts.rawCharsPerModule) {
      omitted = withBody.slice(i);
      break;
    }
    const { text, cut } = truncateMarkdown(v.body, Math.min(opts.rawCharsPerVersion, opts.rawCharsPerModule - used));
    const title =
      v.origin === 'commits'
        ? `**Commits** ([compare](${v.url}))`
        : `**${v.url ? `[${v.version}](${v.url})` : v.version}**`;
    const more = cut ? `\n\n_…cut here; [read the rest](${v.url ?? n.compareUrl ?? ''})._` : '';
    parts.push(`${title}\n\n${text}${more}`);
    used += text.length;
  }
  if (omitted.length)
    parts.push(`_Also: ${omitted.map((v) => (v.url ? `[${v.version}](${v.url})` : v.version)).join(', ')}._`);
  const named = withBody.filter((v) => v.origin !== 'commits').map((v) => v.version);
  const listed = named.length > 4 ? `${named.slice(0, 3).join(', ')} and ${named.length - 3} more` : named.join(', ');
  const label = named.length ? `Release notes: ${listed}` : 'Commits';
  return `<details>\n<summary>${escapeSummary(label)}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}

const escapeSummary = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function title(n: ModuleNotes): string {
  return `#### ${code(n.module)} ${n.from} → ${n.to}`;
}

const COUNT_NOUNS: Record<NoteClass, [string, string]> = {
  breaking: ['breaking change', 'breaking changes'],
  security: ['security fix', 'security fixes'],
  features: ['feature', 'features'],
  fixes: ['fix', 'fixes'],
  other: ['other change', 'other changes'],
};

function countItems(items: NoteItem[], classes: readonly NoteClass[] = NOTE_CLASSES): string {
  return classes
    .map((c) => [c, items.filter((i) => i.class === c).length] as const)
    .filter(([, k]) => k > 0)
    .map(([c, k]) => plural(k, ...COUNT_NOUNS[c]))
    .join(', ');
}

function renderModule(n: ModuleNotes, st: State, opts: ResolvedOptions): string {
  if (st.oneLine) {
    const counts = countItems(n.items);
    const guide = n.guide ? ` ([upgrade guide](${n.guide.url}))` : '';
    return `- ${code(n.module)} ${n.from} → ${n.to}${n.compareUrl ? ` ([compare](${n.compareUrl}))` : ''}${guide}${counts ? `: ${counts}` : ''}`;
  }
  const out: string[] = [title(n), sourceLine(n)];
  if (n.guide) out.push(`**Upgrade guide:** [${code(n.guide.path)}](${n.guide.url})`);
  // Notices may quote an error message, which may quote upstream text.
  for (const notice of n.notices) out.push(`_${inlineSafe(inlineSanitize(notice, null), 400)}_`);
  const multiVersion = n.versions.filter((v) => v.origin !== 'commits').length > 1;
  for (const cls of NOTE_CLASSES) {
    const items = itemsOf(n.items, cls);
    if (!items.length) continue;
    const head = `**${CLASS_MARK[cls]}${NOTE_CLASS_TITLES[cls]}**`;
    if (cls === 'other' && !st.other) {
      out.push(`${head}: ${plural(items.length, 'change')}, left out to fit.`);
      continue;
    }
    const cap = st.caps[cls];
    const key = cls === 'breaking' || cls === 'security';
    const shown = items.slice(0, cap);
    const lines = shown.map((i) => bullet(i, key ? st.keyItemChars : st.itemChars, key && multiVersion));
    const rest = items.length - shown.length;
    const more = notesUrl(n);
    if (rest > 0) lines.push(`- …and ${rest} more${more ? ` ([release notes](${more}))` : ''}`);
    out.push(
      shown.length
        ? `${head}\n${lines.join('\n')}`
        : `${head}: ${plural(items.length, 'change')}${more ? ` — [release notes](${more})` : ''}.`,
    );
  }
  if (st.raw) {
    const raw = rawNotes(n, opts);
    if (raw) out.push(raw);
  }
  return out.filter(Boolean).join('\n\n');
}

/** Where "and M more" points: the newest version's notes, else the comparison. */
const notesUrl = (n: ModuleNotes) => versionUrl(n, n.versions[0]?.version);

function plainLine(n: ModuleNotes): string {
  const s = n.source;
  const what =
    s.kind === 'other'
      ? `source is not on GitHub: [${shortUrl(s.url)}](${s.url})`
      : s.kind === 'unknown'
        ? 'source repository unknown'
        : '';
  return `- ${code(n.module)} ${n.from} → ${n.to}: ${what}`;
}

interface ResolvedOptions {
  heading: string | false;
  caps: Record<NoteClass, number>;
  itemChars: number;
  rawCharsPerVersion: number;
  rawCharsPerModule: number;
}

function resolveOptions(o: RenderOptions): ResolvedOptions {
  return {
    heading: o.heading === undefined ? '### Release notes' : o.heading,
    caps: { ...DEFAULT_CAPS, ...o.maxPerClass },
    itemChars: o.itemChars ?? 200,
    rawCharsPerVersion: o.rawCharsPerVersion ?? 6000,
    rawCharsPerModule: o.rawCharsPerModule ?? 20_000,
  };
}

/**
 * The "Release notes" section for `notes`, at most `budgetChars` characters (JavaScript string
 * length, which is what GitHub's 65,536-character body limit counts).
 */
export function renderReleaseNotes(notes: ModuleNotes[], budgetChars: number, options: RenderOptions = {}): string {
  const opts = resolveOptions(options);
  const onGitHub = notes.filter((n) => n.source.kind === 'github');
  const plain = notes.filter((n) => n.source.kind !== 'github');
  const states: State[] = onGitHub.map(() => ({
    raw: true,
    other: true,
    caps: { ...opts.caps },
    itemChars: opts.itemChars,
    keyItemChars: Math.max(opts.itemChars, 300),
    oneLine: false,
  }));
  const rendered = onGitHub.map((n, i) => renderModule(n, states[i]!, opts));
  /** What was given up, by step, for the closing line. */
  const done = new Map<string, string>();
  let plainShown = plain.length;
  /** One-line modules listed; the rest are summed up in one line. */
  let shortShown = Infinity;

  const assemble = (): string => {
    const parts: string[] = [];
    if (opts.heading) parts.push(opts.heading);
    if (!notes.length) parts.push('_No modules to report._');
    const full = rendered.filter((_, i) => !states[i]!.oneLine);
    const shortIdx = rendered.map((_, i) => i).filter((i) => states[i]!.oneLine);
    parts.push(...full);
    if (shortIdx.length) {
      const lines = shortIdx.slice(0, shortShown).map((i) => rendered[i]!);
      const hidden = shortIdx.slice(shortShown).map((i) => onGitHub[i]!);
      if (hidden.length) {
        const key = countItems(
          hidden.flatMap((n) => n.items),
          ['breaking', 'security'],
        );
        lines.push(`- …and ${plural(hidden.length, 'more module')}${key ? ` (${key})` : ''}`);
      }
      parts.push(`**More modules** (shortened to fit)\n${lines.join('\n')}`);
    }
    if (plain.length) {
      const lines = plain.slice(0, plainShown).map(plainLine);
      if (plainShown < plain.length) lines.push(`- …and ${plain.length - plainShown} more`);
      parts.push(`**No release notes**\n${lines.join('\n')}`);
    }
    if (done.size) parts.push(`_Shortened to fit the pull request: ${[...done.values()].join('; ')}._`);
    return parts.join('\n\n');
  };
  const rerender = (i: number) => {
    rendered[i] = renderModule(onGitHub[i]!, states[i]!, opts);
  };
  const fits = () => assemble().length <= budgetChars;

  // 1. Raw notes, largest first.
  if (!fits()) {
    const order = onGitHub
      .map((n, i) => [i, n.versions.reduce((a, v) => a + v.body.length, 0)] as const)
      .filter(([, size]) => size > 0)
      .sort((a, b) => b[1] - a[1]);
    let dropped = 0;
    for (const [i] of order) {
      states[i]!.raw = false;
      rerender(i);
      dropped++;
      done.set('raw', `raw release notes left out for ${plural(dropped, 'module')}`);
      if (fits()) break;
    }
  }
  // 2. Other, largest first.
  if (!fits()) {
    const order = onGitHub
      .map((n, i) => [i, n.items.filter((it) => it.class === 'other').length] as const)
      .filter(([, k]) => k > 0)
      .sort((a, b) => b[1] - a[1]);
    let dropped = 0;
    for (const [i] of order) {
      states[i]!.other = false;
      rerender(i);
      dropped++;
      done.set('other', `"Other" left out for ${plural(dropped, 'module')}`);
      if (fits()) break;
    }
  }
  // 3. Fewer Features and Fixes, everywhere at once.
  for (const cap of [3, 1, 0]) {
    if (fits()) break;
    for (const [i, st] of states.entries()) {
      st.caps.features = Math.min(st.caps.features, cap);
      st.caps.fixes = Math.min(st.caps.fixes, cap);
      st.itemChars = Math.min(st.itemChars, 120);
      rerender(i);
    }
    done.set(
      'features',
      cap ? `at most ${cap} features and ${cap} fixes per module` : 'features and fixes only counted',
    );
  }
  // 4. Breaking and Security: shorter, then fewer (counted).
  for (const [chars, cap] of [
    [160, 10],
    [100, 5],
    [100, 3],
    [80, 1],
  ] as const) {
    if (fits()) break;
    for (const [i, st] of states.entries()) {
      st.keyItemChars = Math.min(st.keyItemChars, chars);
      st.caps.breaking = Math.min(st.caps.breaking, cap);
      st.caps.security = Math.min(st.caps.security, cap);
      rerender(i);
    }
    done.set(
      'key',
      `breaking and security items shortened${cap < 10 ? `, at most ${cap} of each per module (all counted)` : ''}`,
    );
  }
  // 5. Last modules to one line each, then fewer plain lines.
  for (let i = states.length - 1; i >= 0 && !fits(); i--) {
    states[i]!.oneLine = true;
    rerender(i);
    done.set('one-line', `${plural(states.filter((s) => s.oneLine).length, 'module')} reduced to one line`);
  }
  while (!fits() && plainShown > 0) {
    plainShown--;
    done.set('plain', `${plural(plain.length - plainShown, 'module')} without notes not listed`);
  }
  const oneLiners = states.filter((s) => s.oneLine).length;
  if (oneLiners && !fits()) {
    shortShown = oneLiners;
    while (!fits() && shortShown > 0) {
      shortShown--;
      done.set('hidden', `${plural(oneLiners - shortShown, 'module')} only counted`);
    }
  }
  let text = assemble();
  if (text.length > budgetChars) {
    // Nothing left to give: cut, keeping the section well-formed.
    const marker = '\n\n_Release notes cut to fit the pull request._';
    text = truncateMarkdown(text, Math.max(0, budgetChars - marker.length)).text;
    text = closeDetails(text) + marker;
    text = text.slice(0, budgetChars);
  }
  return text;
}

/** A cut inside `<details>` closes it. */
function closeDetails(md: string): string {
  const open = (md.match(/<details>/g) ?? []).length;
  const close = (md.match(/<\/details>/g) ?? []).length;
  return open > close ? `${md}\n\n</details>` : md;
}

// ---------------------------------------------------------------------------------------------

/** Breaking and security items, to lift into the pull request's summary. */
export function releaseHighlights(notes: ModuleNotes[]): Highlight[] {
  const out: Highlight[] = [];
  for (const n of notes) {
    for (const cls of ['breaking', 'security'] as const) {
      for (const item of itemsOf(n.items, cls)) {
        const h: Highlight = {
          module: n.module,
          from: n.from,
          to: n.to,
          class: cls,
          text: item.text,
          versions: [...item.versions],
          advisories: [...item.advisories],
        };
        const u = versionUrl(n, item.versions[0]);
        if (u) h.url = u;
        out.push(h);
      }
    }
  }
  return out;
}

/**
 * Highlights as a short markdown list for the summary: at most `max` lines (breaking first),
 * then "and N more" pointing at the release notes section.
 */
export function renderHighlights(highlights: Highlight[], max = 10, itemChars = 160): string {
  if (!highlights.length) return '';
  const sorted = [...highlights].sort((a, b) => Number(a.class === 'security') - Number(b.class === 'security'));
  const lines = sorted.slice(0, max).map((h) => {
    const where = h.url ? `[${h.versions[0] ?? h.to}](${h.url})` : (h.versions[0] ?? h.to);
    const ids = h.advisories.filter((a) => !h.text.includes(a));
    return `- ${CLASS_MARK[h.class]}${code(h.module)} ${where}: ${truncateInline(h.text, itemChars)}${ids.length ? ` (${ids.join(', ')})` : ''}`;
  });
  if (sorted.length > max) lines.push(`- …and ${sorted.length - max} more in the release notes below`);
  return lines.join('\n');
}
