/** What `apply` takes and gives back. The result is the plan's shape, measured instead of predicted. */
import type { StewardConfig } from '../../config/schema.js';
import type { CarriedChange, Plan, PlanUpdate } from '../../planner/plan-schema.js';
import type { GoEnv } from '../go-env-names.js';
import type { GitHeader } from '../job-credentials.js';
import type { BrokenBuild } from './broken-build.js';

export interface ApplyOptions {
  /** Only the go-directive policy matters here; the plan already applied the rest. */
  config: Pick<StewardConfig, 'goDirective'>;
  /** The app's environment: proxy settings and PATH are read from it, never copied. Default process.env. */
  appEnv?: Readonly<Record<string, string | undefined>>;
  /**
   * Headers the git that go runs sends, each scoped to one URL prefix (the installation token
   * for the app's own GitHub host): written to a job-private gitconfig, never to the environment.
   */
  gitHeaders?: readonly GitHeader[];
  /** Private Go caches and HOME (see resolveGoEnv); default: share the user's. */
  cacheDir?: string;
  /** Values no go child may see; PRIVATE_KEY, WEBHOOK_SECRET and GITHUB_TOKEN of appEnv are always added. */
  secrets?: readonly (string | undefined)[];
  /** Per go command. Default 10 minutes. */
  timeoutMs?: number;
  /** Per stream of a go command. Default 8 MiB. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  /** Called after every go command, in order (benchmarks replay them, logs record them). */
  onCommand?: (command: GoCommandRecord) => void;
  /** Awaited before every go command (a benchmark records the files each command starts from). */
  beforeCommand?: (cwd: string, args: readonly string[]) => Promise<void>;
}

export interface GoCommandRecord {
  args: readonly string[];
  /** Absolute working directory. */
  cwd: string;
  env: GoEnv;
  durationMs: number;
  ok: boolean;
  /** Set when the program was not `go` (the toolchain's gofmt, after a major move rewrote imports). */
  executable?: string;
}

/** A module (or "." for the workspace) whose change could not be made; its files are back to their original bytes. */
export interface FailedModule {
  dir: string;
  /** The typed error's code, e.g. `go-module-not-found`, `go-checksum-mismatch`, `go-mod-syntax`. */
  kind: string;
  /** Go's own message (the lines of its stderr that say what went wrong). */
  error: string;
  /** The command that failed, when a go command did. */
  command?: string;
}

export interface ApplyResult extends Plan {
  /** Repository-relative paths of the files apply changed, sorted. */
  files: string[];
  failed: FailedModule[];
  /** What the plan said before Go was asked; `updates`, `carried` and `affected` above are what happened. */
  predicted: { updates: PlanUpdate[]; carried: CarriedChange[]; affected: string[] };
  /** Modules a major move left unable to build (`go build ./...`); absent when every one builds. */
  breaking?: BrokenBuild[];
}
