/**
 * Release notes → bullets in five classes. What decides a bullet's class, strongest first:
 *
 * 1. Explicit markers in its own text: `BREAKING CHANGE`, a conventional-commit `!:`, a ⚠
 *    prefix, "backwards incompatible", a minimum-Go bump → Breaking; an advisory id (CVE-…,
 *    GHSA-…, GO-YYYY-NNNN) or a vulnerability → Security.
 * 2. The heading (or bold line, or "Category:" parent bullet) it sits under: Keep a Changelog's
 *    Added/Changed/Deprecated/Removed/Fixed/Security, GitHub's and goreleaser's groups, prose
 *    headings such as "Bug fixes" or "New features".
 * 3. A conventional-commit type (`feat`, `fix(scope)`, `chore`…) or kubebuilder's emoji prefix
 *    (✨ 🐛 📖 🌱 ⚠).
 * 4. Its first word ("Add…", "Fix…") and bug words (panic, crash, race, leak).
 * 5. Otherwise Other. Deprecations land in Other, flagged; removals of API or support are
 *    Breaking.
 *
 * Sections that are not changes (New Contributors, checksums, install instructions) are skipped.
 */
import {
  REDIRECT_HOST,
  inlineSafe,
  linkIssueRefs,
  mapInline,
  neutraliseMentions,
  redirectIssueLinks,
  splitFences,
  stripHtmlBlocks,
  stripHtmlInline,
  type RepoRef,
} from './sanitize.js';
import type { NoteClass, NoteItem } from './types.js';

/** Upstream text beyond this is not parsed (the raw notes still show a truncated copy). */
export const MAX_PARSE_CHARS = 200_000;
/** Bullets taken from one version's notes. */
export const MAX_ITEMS_PER_VERSION = 300;
/** Characters kept of one bullet's text (the renderer cuts shorter). */
export const MAX_ITEM_CHARS = 500;

const CLASS_RANK: Record<NoteClass, number> = { breaking: 0, security: 1, features: 2, fixes: 3, other: 4 };

type HeadingKind = NoteClass | 'skip' | 'deprecated' | null;

// ---------------------------------------------------------------------------------------------
// Headings

const stripDecoration = (s: string) =>
  s
    .replace(/:[a-z_]+:/g, ' ')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, ' ')
    .replace(/[*_`~[\]()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** The class a heading gives to what is under it; null when it says nothing (a version, "What's Changed"). */
export function headingClass(raw: string): HeadingKind {
  // kubebuilder-style emoji headings first: they carry the meaning.
  if (/^\s*(?:⚠|:warning:)/u.test(raw)) return 'breaking';
  const h = stripDecoration(raw).replace(/:$/, '').trim();
  if (h === '') return null;
  if (
    /^(new )?contributors?\b|first.time contributors|thank|acknowledg|full changelog|checksums?|sha256|docker( images?)?$|container images?|installation|^install|^assets|^downloads?|sponsors?|artifacts|signatures?|^binaries|^(go )?packages?$|^upgrading$|^how to (install|upgrade)/.test(
      h,
    )
  ) {
    return 'skip';
  }
  if (
    /^what'?s changed$|^changelog$|^change ?log$|^changes$|^release notes|^summary$|^overview$|^notes$|^commits$|^pull requests$|^merged pull requests$|^highlights$|^unreleased$/.test(
      h,
    )
  ) {
    return null;
  }
  if (/breaking|incompatib|\bremoved\b|\bremovals?\b|migration guide|action required|upgrade notes/.test(h))
    return 'breaking';
  if (/security|vulnerab|\bcves?\b/.test(h)) return 'security';
  if (/deprecat/.test(h)) return 'deprecated';
  if (/\bfix|\bbug|patches|corrections?|regressions?/.test(h)) return 'fixes';
  if (/feature|\badded\b|^add\b|\bnew\b|enhancement|improvement|what'?s new|^api$|^additions?$/.test(h))
    return 'features';
  if (
    /other|chore|maintenance|\bdocs?\b|documentation|dependenc|\bdeps\b|refactor|perf|performance|\bbuild\b|\bci\b|\btests?\b|testing|internal|misc|changed|\bchanges?\b|updates?|tooling|infrastructure|cleanup/.test(
      h,
    )
  )
    return 'other';
  return null;
}

// ---------------------------------------------------------------------------------------------
// One bullet's text

const ADVISORY_RE = /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d{4,})\b/gi;

export function advisoryIds(text: string): string[] {
  return [...new Set([...text.matchAll(ADVISORY_RE)].map((m) => normaliseAdvisory(m[1]!)))];
}

function normaliseAdvisory(id: string): string {
  return /^ghsa/i.test(id) ? `GHSA${id.slice(4).toLowerCase()}` : id.toUpperCase();
}

const CONVENTIONAL_TYPES: Record<string, NoteClass> = {
  feat: 'features',
  feature: 'features',
  features: 'features',
  fix: 'fixes',
  fixes: 'fixes',
  bugfix: 'fixes',
  hotfix: 'fixes',
  bug: 'fixes',
  security: 'security',
  sec: 'security',
  perf: 'other',
  refactor: 'other',
  docs: 'other',
  doc: 'other',
  chore: 'other',
  build: 'other',
  ci: 'other',
  test: 'other',
  tests: 'other',
  style: 'other',
  revert: 'other',
  deps: 'other',
  dep: 'other',
  release: 'other',
};

const EMOJI_PREFIXES: [RegExp, NoteClass][] = [
  [/^(?:⚠️?|:warning:)\s*/u, 'breaking'],
  [/^(?:✨|:sparkles:|🚀|:rocket:|🎉|:tada:)\s*/u, 'features'],
  [/^(?:🐛|:bug:|🩹|:adhesive_bandage:|🚑️?|:ambulance:)\s*/u, 'fixes'],
  [/^(?:🔒️?|:lock:|🔐|:closed_lock_with_key:)\s*/u, 'security'],
  [
    /^(?:📖|:book:|🌱|:seedling:|📝|:memo:|⬆️?|:arrow_up:|🔧|:wrench:|♻️?|:recycle:|🏃|:running:|🧹|:broom:)\s*/u,
    'other',
  ],
];

interface Parsed {
  text: string;
  /** From the text's own prefix: conventional type or emoji. */
  prefixClass?: NoteClass;
  /** `!:`, `BREAKING CHANGE:`, ⚠. */
  markedBreaking: boolean;
}

/** The shapes generated notes give a line, reduced to the change itself. */
export function cleanLine(line: string, repo: RepoRef | null): { text: string; pr?: string } {
  let s = line.trim();
  let pr: string | undefined;
  // GitHub's generated notes: "<title> by @a, @b and @c in https://github.com/o/r/pull/12"
  const gen =
    /\s+by\s+@[\w-]+(?:\[bot\])?(?:(?:,\s*|,?\s+and\s+)@[\w-]+(?:\[bot\])?)*\s+in\s+(?:https?:\/\/(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)|#(\d+))\s*$/i.exec(
      s,
    );
  if (gen) {
    s = s.slice(0, gen.index);
    if (gen[4]) pr = `#${gen[4]}`;
    else if (
      repo &&
      gen[1]!.toLowerCase() === repo.owner.toLowerCase() &&
      gen[2]!.toLowerCase() === repo.repo.toLowerCase()
    )
      pr = `#${gen[3]!}`;
    else pr = `${gen[1]!}/${gen[2]!}#${gen[3]!}`;
  }
  // goreleaser and git-log styles: a leading commit hash, bare or linked, maybe with a colon.
  s = s.replace(/^(?:\[`?[0-9a-f]{7,40}`?\]\([^)]*\)|`?[0-9a-f]{7,40}`?)\s*:?\s+/i, '');
  // A trailing "(abc1234)" or "([abc1234](url))" commit reference.
  s = s.replace(/\s*\((?:\[`?[0-9a-f]{7,40}`?\]\([^)]*\)|`?[0-9a-f]{7,40}`?)\)\s*$/i, '');
  // release-drafter: "<title> @author (#12)".
  const drafter = /\s+@[\w-]+(?:\[bot\])?\s+\(#(\d+)\)\s*$/.exec(s);
  if (drafter && !pr) {
    s = s.slice(0, drafter.index);
    pr = `#${drafter[1]!}`;
  }
  // Trailing "by @user" or "(@user)" credit without a PR.
  s = s
    .replace(/\s+(?:by|thanks to|from)\s+@[\w-]+(?:\[bot\])?\s*$/i, '')
    .replace(/\s*\(@[\w-]+(?:\[bot\])?\)\s*$/, '');
  return pr ? { text: s.trim(), pr } : { text: s.trim() };
}

function parsePrefixes(text: string): Parsed {
  let s = text;
  let prefixClass: NoteClass | undefined;
  let markedBreaking = false;
  /** Whether a label was taken off the front (then the rest starts a sentence). */
  let stripped = false;
  // Emphasis around a leading label: "**Breaking:** …", "**feat**: …", release-please's "**scope:** …".
  s = s.replace(
    /^(\*\*|__)([^*_]{1,40}?)(:?)\1(:?)\s*/,
    (_m, _e, label: string, c1: string, c2: string) => `${label}${c1 || c2} `,
  );
  const breaking = /^(?:breaking(?:[ _-]changes?)?|BREAKING)\s*[:-]\s*/i.exec(s);
  if (breaking) {
    markedBreaking = true;
    stripped = true;
    s = s.slice(breaking[0].length);
  }
  for (const [re, cls] of EMOJI_PREFIXES) {
    const m = re.exec(s);
    if (m) {
      prefixClass = cls;
      if (cls === 'breaking') markedBreaking = true;
      s = s.slice(m[0].length);
      break;
    }
  }
  const cc = /^([A-Za-z]+)(?:\(([^()]{1,60})\))?(!)?:\s+/.exec(s);
  const type = cc ? CONVENTIONAL_TYPES[cc[1]!.toLowerCase()] : undefined;
  if (cc && (type !== undefined || cc[3])) {
    if (type) prefixClass ??= type;
    if (cc[3]) markedBreaking = true;
    // The class says "feature", "fix", "security" or "breaking"; other types (docs, chore, ci…)
    // stay as written, since the class Other would lose what they say.
    if (type !== 'other' || cc[3]) {
      s = (cc[2] ? `${cc[2]}: ` : '') + s.slice(cc[0].length);
      stripped = !cc[2];
    }
  }
  s = s.trim();
  // A sentence starts with a capital; "api: …" or "go.mod: …" are labels and stay as written.
  if ((stripped || /^[a-z]+\s/.test(s)) && /^[a-z]/.test(s)) s = s[0]!.toUpperCase() + s.slice(1);
  return { text: s, ...(prefixClass ? { prefixClass } : {}), markedBreaking };
}

const BREAKING_TEXT =
  /(?<!non[- ])\bBREAKING[ _-]?CHANGES?\b|^breaking\b|[([]breaking[)\]]|\bbackwards?[- ]incompatib|\bincompatible change|\bno longer (?:supports?|compatible)\b|\b(?:drops?|dropped|dropping|removes?|removed|removing) support for\b|\bminimum (?:supported )?go version\b|\brequires? go ?1\.\d+|\bgo 1\.\d+ (?:is )?(?:now )?required\b/i;
const REMOVAL_TEXT =
  /^(?:remove[ds]?|removing|drop(?:s|ped)?|dropping|delete[ds]?|deleting)\b.*\b(?:deprecated|support|api|apis|func(?:tion)?s?|methods?|types?|interfaces?|packages?|fields?|options?|flags?|parameters?|arguments?|exported|constants?|variables?|go 1\.\d+)\b/i;
const SECURITY_TEXT =
  /\bvulnerab|\bsecurity (?:fix|issue|problem|advisory|patch|release|update|vulnerability|bug)|\b(?:XSS|SSRF|CSRF|RCE|DoS|denial[ -]of[ -]service|request smuggling|path traversal|privilege escalation)\b/i;
const FEATURE_START =
  /^(?:add|adds|added|adding|introduce[sd]?|introducing|support(?:s|ed)?|new|implement(?:s|ed)?|allow(?:s|ed)?|enable[sd]?|expose[sd]?|provide[sd]?|make .* configurable)\b/i;
const FIX_START =
  /^(?:fix(?:es|ed|ing)?|resolve[sd]?|correct(?:s|ed)?|prevent(?:s|ed)?|handle[sd]?|avoid(?:s|ed)?|repair(?:s|ed)?|work ?around)\b/i;
const BUG_WORDS =
  /\b(?:bug|crash(?:es|ed)?|panic(?:s|ked)?|race (?:condition)?|data race|deadlock|memory leak|leak(?:s|ed|ing)?|regression|nil pointer|segfault)\b/i;
const DEP_BUMP = /^(?:bump|update|upgrade)s?\b.*\b(?:from|to)\b|^(?:deps|dependencies)\b/i;

export interface ClassifyInput {
  text: string;
  /** Text of sub-bullets and continuation lines: scanned for markers, not shown. */
  detail?: string;
  context: HeadingKind;
}

/** Class, deprecation flag, advisories and display text of one raw bullet. */
export function classifyLine(
  input: ClassifyInput,
): { class: NoteClass; text: string; deprecation: boolean; advisories: string[] } | null {
  const parsed = parsePrefixes(input.text);
  const all = `${parsed.text} ${input.detail ?? ''}`;
  const advisories = advisoryIds(all);
  const ctx = input.context === 'skip' ? null : input.context;
  let cls: NoteClass;
  if (parsed.markedBreaking || BREAKING_TEXT.test(parsed.text) || ctx === 'breaking') cls = 'breaking';
  else if (advisories.length || SECURITY_TEXT.test(all) || ctx === 'security' || parsed.prefixClass === 'security')
    cls = 'security';
  else if (REMOVAL_TEXT.test(parsed.text) && ctx !== 'fixes' && ctx !== 'features') cls = 'breaking';
  else if (ctx === 'deprecated') cls = 'other';
  else if (ctx) cls = ctx;
  else if (parsed.prefixClass) cls = parsed.prefixClass;
  else if (DEP_BUMP.test(parsed.text)) cls = 'other';
  else if (FIX_START.test(parsed.text)) cls = 'fixes';
  else if (FEATURE_START.test(parsed.text)) cls = 'features';
  else if (BUG_WORDS.test(parsed.text)) cls = 'fixes';
  else cls = 'other';
  const deprecation = cls === 'other' && (ctx === 'deprecated' || /\bdeprecat/i.test(parsed.text));
  if (parsed.text === '') return null;
  return { class: cls, text: parsed.text, deprecation, advisories };
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface RawItem {
  text: string;
  detail: string;
  indent: number;
  context: HeadingKind;
  /** A bullet like "Bug fixes:" whose children are the real items. */
  category?: HeadingKind;
  isCategory: boolean;
  hasChildren?: boolean;
}

const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;
const HR = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const ATX = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;

const indentOf = (s: string) => s.replace(/\t/g, '    ').length;

/** A short bold line or "Label:" line that works as a heading. */
function pseudoHeading(line: string): string | null {
  const t = line.trim();
  if (t.length > 80) return null;
  const bold = /^(?:\*\*|__)([^*_]+?)(?:\*\*|__)\s*:?$/.exec(t);
  if (bold) return bold[1]!;
  const label = /^([A-Za-z][\w '’&/-]{1,60}):$/.exec(t);
  if (label && headingClass(label[1]!) !== null) return label[1]!;
  return null;
}

function isSkippableLine(t: string): boolean {
  return (
    /^\*{0,2}full changelog\*{0,2}\s*:/i.test(t) ||
    /^\*{0,2}(?:full )?changelog\*{0,2}\s*:\s*\S*compare\//i.test(t) ||
    /^(?:\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\])$/i.test(t) ||
    /^\*{0,2}(?:commits|changes)\*{0,2}\s*:\s*\S*compare\//i.test(t)
  );
}

/** A version title line carries no change ("v1.2.3", "Release 1.2.3 (2024-01-01)"). */
function isVersionTitle(t: string): boolean {
  return /^\W*(?:release|version)?\s*\[?v?\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?\]?(?:\s*[-–(]?\s*\d{4}-\d{2}-\d{2}\)?)?\W*$/i.test(
    t,
  );
}

/**
 * Bullets of one version's notes, classified. `repo` links `#123` and names same-repo PRs.
 * The text of each bullet is sanitised inline markdown (mentions neutralised, refs linked).
 */
export function extractItems(markdown: string, version: string, repo: RepoRef | null): NoteItem[] {
  const body = stripHtmlBlocks(markdown.slice(0, MAX_PARSE_CHARS).replace(/\r\n?/g, '\n'));
  // Fenced code is shown in the raw notes, never turned into bullets.
  const lines = splitFences(body)
    .segments.map((s) => (s.code ? s.text.replace(/[^\n]/g, '') : s.text))
    .join('')
    .split('\n');
  const hasList = lines.some((l) => LIST_ITEM.test(l) && !HR.test(l));

  const headings: HeadingKind[] = []; // by level 1..7 (7: bold/label lines)
  const context = (): HeadingKind => {
    let c: HeadingKind = null;
    for (const h of headings) {
      if (h === undefined) continue;
      if (h === 'skip') return 'skip';
      if (h !== null) c = h;
    }
    return c;
  };
  const setHeading = (level: number, kind: HeadingKind) => {
    headings.length = Math.min(headings.length, level);
    headings[level - 1] = kind;
    for (let i = 0; i < level - 1; i++) if (!(i in headings)) headings[i] = null;
  };

  const out: RawItem[] = [];
  const stack: RawItem[] = [];
  let para: string[] = [];
  let paraContext: HeadingKind = null;
  let prevBlank = true;
  let current: RawItem | undefined;

  const flushPara = () => {
    if (para.length) {
      const text = para.join(' ').trim();
      if (
        text &&
        paraContext !== 'skip' &&
        !THANKS.test(text) &&
        (!hasList || paraContext !== null || strongProse(text))
      ) {
        out.push({ text: firstSentences(text), detail: text, indent: -1, context: paraContext, isCategory: false });
      }
    }
    para = [];
  };

  for (const rawLine of lines) {
    const line = rawLine.replace(/^\s*>\s?/, ''); // block quotes read as text
    const t = line.trim();
    if (t === '') {
      flushPara();
      prevBlank = true;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flushPara();
      stack.length = 0;
      current = undefined;
      const text = atx[2] ?? '';
      setHeading(atx[1]!.length, isVersionTitle(text) ? null : headingClass(text));
      prevBlank = false;
      continue;
    }
    if (/^ {0,3}(=+|-+)\s*$/.test(line) && para.length === 1 && !prevBlank) {
      // Setext heading: the paragraph line above was a heading.
      const text = para[0]!;
      para = [];
      stack.length = 0;
      current = undefined;
      setHeading(line.trim()[0] === '=' ? 1 : 2, isVersionTitle(text) ? null : headingClass(text));
      continue;
    }
    if (HR.test(line)) {
      // A rule sets a footer apart ("Released with GoReleaser"): it ends every section.
      flushPara();
      stack.length = 0;
      current = undefined;
      headings.length = 0;
      prevBlank = false;
      continue;
    }
    if (/^\s*\|/.test(line) || isSkippableLine(t)) {
      flushPara();
      prevBlank = false;
      continue;
    }
    const li = LIST_ITEM.exec(line);
    if (li) {
      flushPara();
      const indent = indentOf(li[1]!);
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const parent = stack[stack.length - 1];
      const text = li[2]!.trim();
      const heading = pseudoHeading(text);
      const ctx = parent ? (parent.isCategory ? (parent.category ?? parent.context) : parent.context) : context();
      const item: RawItem = { text, detail: '', indent, context: ctx, isCategory: false };
      if (heading !== null || /:$/.test(text)) {
        item.isCategory = true;
        const hk = headingClass(heading ?? text.replace(/:$/, ''));
        item.category = hk ?? ctx;
      }
      if (parent) parent.hasChildren = true;
      if (parent && !parent.isCategory) {
        // A sub-bullet of an ordinary bullet is detail of it.
        parent.detail += ` ${text}`;
        current = parent;
      } else {
        out.push(item);
        current = item;
      }
      stack.push(item);
      prevBlank = false;
      continue;
    }
    if (current && (!prevBlank || indentOf(line.match(/^\s*/)![0]) > current.indent)) {
      // Continuation of the bullet (lazy or indented).
      if (!prevBlank && current.detail === '' && current.text.length < 400) current.text += ` ${t}`;
      else current.detail += ` ${t}`;
      prevBlank = false;
      continue;
    }
    // Paragraph text.
    stack.length = 0;
    current = undefined;
    const heading = para.length === 0 ? pseudoHeading(t) : null;
    if (heading !== null) {
      flushPara();
      setHeading(7, headingClass(heading));
      prevBlank = false;
      continue;
    }
    if (para.length === 0) paraContext = context();
    para.push(t);
    prevBlank = false;
  }
  flushPara();

  const items: NoteItem[] = [];
  for (const raw of out) {
    if (items.length >= MAX_ITEMS_PER_VERSION) break;
    if ((raw.isCategory && raw.hasChildren) || raw.context === 'skip') continue;
    const cleaned = cleanLine(raw.text, repo);
    if (
      cleaned.text === '' ||
      isVersionTitle(cleaned.text) ||
      isSkippableLine(cleaned.text) ||
      MERGE_COMMIT.test(cleaned.text)
    )
      continue;
    const c = classifyLine({ text: cleaned.text, detail: raw.detail, context: raw.context });
    if (!c) continue;
    let text = inlineSanitize(c.text, repo);
    if (cleaned.pr) text += ` (${inlineSanitize(cleaned.pr, repo)})`;
    text = inlineSafe(text, MAX_ITEM_CHARS);
    if (!text) continue;
    const item: NoteItem = { class: c.class, text, versions: [version], advisories: c.advisories };
    if (c.deprecation) item.deprecation = true;
    items.push(item);
  }
  return items;
}

const MERGE_COMMIT = /^Merge (?:pull request|branch|remote-tracking branch|tag) /;
const THANKS = /^[\W_]*(?:thanks|thank you|special thanks|kudos|huge thanks|many thanks)\b/i;

/** Prose worth a bullet even among lists: it says breaking, security or deprecated. */
function strongProse(text: string): boolean {
  return (
    BREAKING_TEXT.test(text) || advisoryIds(text).length > 0 || SECURITY_TEXT.test(text) || /\bdeprecat/i.test(text)
  );
}

/** The first sentence or two of a paragraph, for a bullet. */
function firstSentences(text: string): string {
  if (text.length <= 240) return text;
  const m = /^(.{40,240}?[.!?])\s/.exec(text);
  return m ? m[1]! : text;
}

/** Inline safety for one bullet: HTML out, mentions off, references linked upstream. */
export function inlineSanitize(text: string, repo: RepoRef | null): string {
  return mapInline(text, (p) => linkIssueRefs(redirectIssueLinks(neutraliseMentions(stripHtmlInline(p))), repo));
}

// ---------------------------------------------------------------------------------------------
// Merging

/** What makes two bullets the same change: words, without links, refs, case and punctuation. */
export function itemKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(new RegExp(`${REDIRECT_HOST.replace(/[.]/g, '\\.')}\\S*`, 'g'), '')
    .replace(/\(\s*(?:[\w.-]+\/[\w.-]+)?#\d+(?:\s*,\s*(?:[\w.-]+\/[\w.-]+)?#\d+)*\s*\)|(?:[\w.-]+\/[\w.-]+)?#\d+/g, '')
    .replace(/\u200b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Duplicates merged (the same words, or security items naming the same advisories): the
 * strongest class wins, versions and advisories are united. Order: first appearance, with
 * versions given newest first. Within Other, deprecations come first.
 */
export function mergeItems(items: NoteItem[]): NoteItem[] {
  const out: NoteItem[] = [];
  const byKey = new Map<string, NoteItem>();
  const byAdvisories = new Map<string, NoteItem>();
  for (const item of items) {
    const key = itemKey(item.text);
    const advKey = item.advisories.length ? [...item.advisories].sort().join(',') : '';
    const existing = byKey.get(key) ?? (advKey && item.class === 'security' ? byAdvisories.get(advKey) : undefined);
    if (existing) {
      if (CLASS_RANK[item.class] < CLASS_RANK[existing.class]) existing.class = item.class;
      for (const v of item.versions) if (!existing.versions.includes(v)) existing.versions.push(v);
      for (const a of item.advisories) if (!existing.advisories.includes(a)) existing.advisories.push(a);
      if (item.deprecation) existing.deprecation = true;
      continue;
    }
    const copy: NoteItem = { ...item, versions: [...item.versions], advisories: [...item.advisories] };
    out.push(copy);
    if (key) byKey.set(key, copy);
    if (advKey && copy.class === 'security') byAdvisories.set(advKey, copy);
  }
  return out;
}

/** Items of one class in display order (deprecations first in Other). */
export function itemsOf(items: NoteItem[], cls: NoteClass): NoteItem[] {
  const list = items.filter((i) => i.class === cls);
  return cls === 'other' ? [...list.filter((i) => i.deprecation), ...list.filter((i) => !i.deprecation)] : list;
}
