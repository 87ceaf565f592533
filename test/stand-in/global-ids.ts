/**
 * GitHub's comment, check run, workflow run and job ids are unique across all repositories, and
 * the app relies on that (a command job is keyed by its comment id alone). The stand-in draws
 * them from one sequence per kind for the whole process.
 */
const next = { comment: 9_000_000, checkRun: 5_000, run: 700_000, job: 40_000_000 };

export function nextGlobalId(kind: keyof typeof next): number {
  return ++next[kind];
}
