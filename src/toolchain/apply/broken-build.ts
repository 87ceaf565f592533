/**
 * A module that no longer builds after a major move rewrote its imports. Its change is kept (the
 * PR is still opened, as a draft labelled `breaking`) and Go's first lines of compiler errors say
 * what the upgrade asks of the code.
 */
import { z } from 'zod';

/** Lines of compiler output kept: enough to see what broke, short enough for a PR body. */
export const BROKEN_BUILD_LINES = 30;

export const brokenBuildSchema = z.object({
  dir: z.string(),
  /** The new module paths moved to in this dir. */
  modules: z.array(z.string()),
  /** The first lines of `go build ./...`, repository-relative. */
  errors: z.string(),
});
export type BrokenBuild = z.infer<typeof brokenBuildSchema>;

export function firstLines(text: string, n = BROKEN_BUILD_LINES): string {
  return text.replace(/\s+$/, '').split('\n').slice(0, n).join('\n');
}
