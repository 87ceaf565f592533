/** The default renderers of the body sections other parts of the app own; the runtime replaces some. */
import { renderImpactSection } from '../impact/render-section.js';
import type { SectionRenderers } from '../pull-request/section-renderers.js';

export const defaultSections: SectionRenderers = {
  impact: renderImpactSection,
  releaseNotes: async () => ({ section: '### Release notes\n\nNot collected for this PR.', highlights: '' }),
  commands: async () => '### Commands\n\nComment `@gomod-steward help` on this PR for the commands.',
};
