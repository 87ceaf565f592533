/**
 * The rank of every folder (and top-level file) under src/, as docs/architecture.md draws it.
 * This is the only copy in code: test/unit/architecture/ checks src/ against it and checks that
 * it says what the `rank N` lines of docs/architecture.md say. A folder's key ends in `/`; a
 * top-level file's key is its file name.
 */
export const LAYER_RANKS: Readonly<Record<string, number>> = {
  'errors.ts': 0,

  'gomod/': 1,
  'config/': 1,
  'redis/': 1,
  'env.ts': 1,
  'repo-ref.ts': 1,
  'github-limits.ts': 1,

  'github/': 2,
  'workspace/': 2,

  'planner/': 3,
  'governance/': 3,
  'toolchain/': 3,
  'release-notes/': 3,
  'impact/': 3,
  'pull-request/': 3,
  'commands/': 3,
  'ignores/': 3,
  'dashboard/': 3,

  'queues/': 4,

  'handlers/': 5,
  'pipeline/': 5,

  'main.ts': 6,
  'cli.ts': 6,
  'cli/': 6,
  'server/': 6,
  'app.ts': 6,
};
