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

/**
 * `github`: the client for github.com-hosted modules when it is not the installation's (an app on
 * GitHub Enterprise Server); by default the installation's client reads them.
 */
export function releaseNotesPart(
  opts: Pick<ReleaseNotesDeps, 'proxy' | 'cache' | 'fetch'> & { github?: ReleaseNotesDeps['github'] } = {},
): ReleaseNotesRenderer {
  return async (meta, ctx) => {
    // One entry per module: from the oldest version any module dir required, so no release is left out.
    // A move to a new major path: the new path's releases, and its upgrade guide.
    const updates = meta.updates.map((u) => ({
      module: u.newPath ?? u.module,
      from: u.dirs.map((d) => d.from).sort(compare)[0] ?? u.to,
      to: u.to,
      ...(u.newPath ? { newMajor: true } : {}),
    }));
    const notes = await collectReleaseNotes({ ...opts, github: opts.github ?? ctx.github, log: ctx.log }, updates);
    return { section: renderReleaseNotes(notes, ctx.budget), highlights: renderHighlights(releaseHighlights(notes)) };
  };
}
