/** The Release notes section and the summary's highlights, from src/release-notes. */
import { compare } from '../gomod/version.js';
import {
  collectReleaseNotes,
  releaseHighlights,
  renderHighlights,
  renderReleaseNotes,
  type ReleaseNotesDeps,
} from '../release-notes/index.js';
import type { ReleaseNotesRenderer } from '../pull-request/section-renderers.js';

export function releaseNotesPart(opts: Pick<ReleaseNotesDeps, 'proxy' | 'cache' | 'fetch'> = {}): ReleaseNotesRenderer {
  return async (meta, ctx) => {
    // One entry per module: from the oldest version any module dir required, so no release is left out.
    const updates = meta.updates.map((u) => ({
      module: u.module,
      from: u.dirs.map((d) => d.from).sort(compare)[0] ?? u.to,
      to: u.to,
    }));
    const notes = await collectReleaseNotes({ github: ctx.github, log: ctx.log, ...opts }, updates);
    return { section: renderReleaseNotes(notes, ctx.budget), highlights: renderHighlights(releaseHighlights(notes)) };
  };
}
