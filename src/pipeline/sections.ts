/**
 * The body sections other parts of the app own (impact matrix, release notes, commands), as
 * functions publish calls.
 */
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import { renderImpactSection } from '../impact/render-section.js';
import type { PullMeta } from '../pull-request/meta.js';

export interface ReleaseNotesPart {
  section: string;
  /** A markdown list of breaking and security items for the summary; empty when none. */
  highlights: string;
}

export type ReleaseNotesRenderer = (meta: PullMeta, ctx: { github: GitHubClient; log: Logger; budget: number }) => Promise<ReleaseNotesPart>;

export interface SectionRenderers {
  impact(meta: PullMeta): string;
  releaseNotes: ReleaseNotesRenderer;
  commands(): Promise<string>;
}

export const defaultSections: SectionRenderers = {
  impact: renderImpactSection,
  releaseNotes: async () => ({ section: '### Release notes\n\nNot collected for this PR.', highlights: '' }),
  commands: async () => '### Commands\n\nComment `@gomod-steward help` on this PR for the commands.',
};
