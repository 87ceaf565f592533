/**
 * Release notes for upgrade pull requests: where each module's source is, what its upstream
 * said about the versions a bump brings in, sorted into Breaking changes / Security / Features /
 * Fixes / Other, made safe, and rendered within a character budget.
 *
 * GitHub is reached only through the Octokit passed in; the module proxy and `fetch` are
 * optional and injected too.
 */
export {
  collectReleaseNotes,
  isUsefulBody,
  rateLimitNotice,
  type ModuleUpdate,
  type ReleaseNotesDeps,
} from './collect.js';
export {
  releaseHighlights,
  renderHighlights,
  renderReleaseNotes,
  truncateMarkdown,
  type RenderOptions,
} from './render.js';
export {
  codeDir,
  createSourceResolver,
  githubFromPath,
  knownHostSource,
  moduleSource,
  parseGitHubUrl,
  parseGoGetMeta,
  sourceFromGoGet,
  type NotesProxy,
  type SourceDeps,
  type SourceResolver,
} from './source.js';
export { compareRefs, refFor, releasesBetween, tagFor, versionFromTag } from './tags.js';
export { advisoryIds, classifyLine, extractItems, headingClass, mergeItems } from './classify.js';
export { changelogSections, headingVersions, sectionsFor } from './changelog.js';
export { createGitHubReader, type GitHubReader, type NotesOctokit, type Release } from './github-api.js';
export { rateLimitOf, RateLimitedError } from '../github/rate-limit.js';
export { createMemoryNotesCache } from './cache.js';
export {
  REDIRECT_HOST,
  inlineSafe,
  linkIssueRefs,
  neutraliseMentions,
  sanitizeMarkdown,
  stripHtml,
} from './sanitize.js';
export {
  NOTE_CLASSES,
  NOTE_CLASS_TITLES,
  type CacheEntry,
  type GitHubSource,
  type Highlight,
  type ModuleNotes,
  type NoteClass,
  type NoteItem,
  type NotesCache,
  type NotesLogger,
  type NotesOrigin,
  type OtherSource,
  type SourceLocation,
  type UnknownSource,
  type VersionNotes,
} from './types.js';
