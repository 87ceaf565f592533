/**
 * The data model of release notes: where a module's source lives, what its upstream said about
 * the versions a pull request brings in, and that text sorted into the five classes a reviewer
 * reads first.
 */

/** A module whose repository is on GitHub. */
export interface GitHubSource {
  kind: 'github';
  owner: string;
  repo: string;
  /** `https://github.com/<owner>/<repo>`. */
  url: string;
  /**
   * Directory of the module inside the repository, without a major-version element (Go's
   * "code dir"): "" at the root, `sub/dir` for `github.com/o/r/sub/dir/v2`.
   */
  subdir: string;
  /** What precedes `vX.Y.Z` in the module's tags: "" or `sub/dir/`. */
  tagPrefix: string;
  /** How the location was found. */
  via: SourceVia;
}

/** A module whose repository is known but not on GitHub (a plain link, no notes). */
export interface OtherSource {
  kind: 'other';
  /** The repository URL (https), as the proxy's Origin or the go-import tag gave it. */
  url: string;
  via: SourceVia;
}

/** Nothing says where the module's source is. */
export interface UnknownSource {
  kind: 'unknown';
  reason: string;
}

export type SourceVia = 'path' | 'origin' | 'known-host' | 'go-import' | 'go-source';
export type SourceLocation = GitHubSource | OtherSource | UnknownSource;

export type NoteClass = 'breaking' | 'security' | 'features' | 'fixes' | 'other';
export const NOTE_CLASSES: readonly NoteClass[] = ['breaking', 'security', 'features', 'fixes', 'other'];
export const NOTE_CLASS_TITLES: Record<NoteClass, string> = {
  breaking: 'Breaking changes',
  security: 'Security',
  features: 'Features',
  fixes: 'Fixes',
  other: 'Other',
};

/** One bullet of a summary: sanitised single-line markdown. */
export interface NoteItem {
  class: NoteClass;
  text: string;
  /** The versions whose notes carry it, newest first (more than one after merging duplicates). */
  versions: string[];
  /** CVE-…, GHSA-…, GO-YYYY-NNNN ids it names. */
  advisories: string[];
  /** A deprecation notice (kept in Other unless a heading says otherwise). */
  deprecation?: boolean;
}

/** Where one version's raw notes came from. */
export type NotesOrigin = 'release' | 'changelog' | 'commits' | 'none';

/** One version in (from, to]. */
export interface VersionNotes {
  version: string;
  tag: string;
  /** The release page, or the changelog file at the tag, or the tag's tree. */
  url?: string;
  origin: NotesOrigin;
  /** Sanitised markdown of this version's notes; "" when there are none. */
  body: string;
  /** For changelog sections: the file it came from (`CHANGELOG.md`, `sub/CHANGES.md`). */
  file?: string;
}

export interface ModuleNotes {
  module: string;
  from: string;
  to: string;
  source: SourceLocation;
  /** Every release in (from, to], newest first; empty for sources off GitHub. */
  versions: VersionNotes[];
  /** The classified bullets, duplicates merged, in reading order within each class. */
  items: NoteItem[];
  /** `https://github.com/o/r/compare/base...head` (a commit hash for a pseudo-version). */
  compareUrl?: string;
  /** Commits between the two refs, when the compare API was asked. */
  commits?: number;
  /** For a move to a new major path: the upstream upgrade guide, when the repository has one. */
  guide?: { path: string; url: string };
  /** Why something is missing ("GitHub's rate limit was reached; …"), said in the module's notes. */
  notices: string[];
}

/** A breaking or security item lifted into the pull request's summary. */
export interface Highlight {
  module: string;
  from: string;
  to: string;
  class: 'breaking' | 'security';
  text: string;
  versions: string[];
  advisories: string[];
  /** Where to read more: the first version's release page or the compare link. */
  url?: string;
}

/** Structured logging, as Probot's (pino) logger provides it. */
export interface NotesLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * Storage for conditional GitHub requests and go-import answers. The default keeps entries in
 * memory; a shared store (Redis) lets replicas and restarts reuse ETags.
 */
export interface NotesCache {
  get(key: string): Promise<CacheEntry | undefined> | CacheEntry | undefined;
  set(key: string, entry: CacheEntry): Promise<void> | void;
}

export interface CacheEntry {
  /** The ETag GitHub sent with `value`; absent for answers that are not conditional. */
  etag?: string;
  /** JSON-serialisable payload. */
  value: unknown;
  /** Milliseconds since the epoch when the entry was stored. */
  storedAt: number;
}
