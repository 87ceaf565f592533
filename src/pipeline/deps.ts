/**
 * What the stages need from the running app, injected so tests can supply their own. Every
 * processor factory (run-<stage>.ts) takes the part of `StageDeps` it uses; the runtime (server/)
 * builds one `StageDeps` and hands it to each.
 */
import type { RedisConnection } from '../redis/connection.js';
import type { Logger } from 'probot';
import type { CommandActions } from '../commands/actions.js';
import type { IgnoreRule } from '../config/defaults.js';
import type { ModuleSource } from '../gomod/types.js';
import type { GitHubAuth, GitHubClient } from '../github/app-auth.js';
import type { AppSlug } from '../github/app-slug.js';
import type { QueueSet } from '../queues/queue-set.js';
import type { PlanHandler } from './plan-handler.js';
import type { SectionRenderers } from '../pull-request/section-renderers.js';

/** The parts of the pipeline tests replace (a local module proxy, a local git remote, caches). */
export interface PipelineDeps {
  source: ModuleSource;
  cloneUrl(owner: string, repo: string): string;
  /**
   * Hosts whose modules are repositories of the installation's own GitHub (GITHUB_MODULE_HOSTS):
   * a plan reads those GONOPROXY modules through the API. None: every module goes to `source`.
   */
  githubModuleHosts?: readonly string[];
  /** The app's environment, read by apply for the proxy settings of go. */
  appEnv: Readonly<Record<string, string | undefined>>;
  /** Go caches shared by runs (module cache, build cache). */
  cacheDir?: string;
  workRoot?: string;
  sections?: Partial<SectionRenderers>;
  /** Ignores recorded on GitHub by comment commands. */
  readIgnores?(github: GitHubClient, owner: string, repo: string): Promise<IgnoreRule[]>;
  /** Module dirs with a main package, for `services: null`; without it every affected module counts as a service. */
  withMainPackage?(checkoutDir: string, dirs: readonly string[]): Promise<string[]>;
}

export interface StageDeps {
  auth: GitHubAuth;
  log: Logger;
  /** The queues stages feed (plan → apply → publish; commands → plan, apply). */
  queues: QueueSet;
  /** For the repository locks and the ignore cache. */
  redis: RedisConnection;
  /** The queues' key prefix, which locks and caches share. */
  prefix: string;
  pipeline: PipelineDeps;
  appSlug: AppSlug;
  /** What a plan job does (default: `runPlan`). */
  planHandler: PlanHandler;
  /** What comment commands ask of the pipeline (default: `pipelineActions`). */
  commandActions: CommandActions;
  /** Reconciliations read lost commands back from GitHub (default true; tests that mock GitHub request by request turn it off). */
  recoverCommands?: boolean;
}
