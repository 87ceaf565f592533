/**
 * The body sections other parts of the app own (impact matrix, release notes, commands), as
 * functions publish calls. The defaults say plainly what is not there yet.
 */
import { renderImpactSection } from '../impact/render-section.js';
import type { PullMeta } from '../pull-request/meta.js';

export interface ReleaseNotesPart {
  section: string;
  highlights: string[];
}

export interface SectionRenderers {
  impact(meta: PullMeta): string;
  releaseNotes(meta: PullMeta): Promise<ReleaseNotesPart>;
  commands(): string;
}

export const defaultSections: SectionRenderers = {
  impact: renderImpactSection,
  releaseNotes: async () => ({ section: '### Release notes\n\nNot collected for this PR.', highlights: [] }),
  commands: () => '### Commands\n\nComment `@gomod-steward help` on this PR for the commands.',
};
