/**
 * The body sections other parts of the app own (impact matrix, release notes, commands), as
 * functions publishing calls; pipeline/sections.ts supplies the defaults.
 */
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import type { PullMeta } from './meta.js';

export interface ReleaseNotesPart {
  section: string;
  /** A markdown list of breaking and security items for the summary; empty when none. */
  highlights: string;
}

export type ReleaseNotesRenderer = (
  meta: PullMeta,
  ctx: { github: GitHubClient; log: Logger; budget: number },
) => Promise<ReleaseNotesPart>;

export interface SectionRenderers {
  impact(meta: PullMeta): string;
  releaseNotes: ReleaseNotesRenderer;
  commands(): Promise<string>;
}
