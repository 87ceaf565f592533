/** What the pipeline's stages need from the running app, injected so tests can supply their own. */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { IgnoreRule } from '../config/defaults.js';
import type { ModuleSource } from '../gomod/types.js';
import type { GitHubClient } from '../github/app-auth.js';
import type { SectionRenderers } from './sections.js';

export interface PipelineDeps {
  source: ModuleSource;
  applyQueue: Queue;
  publishQueue: Queue;
  /** For the per-repository lock. */
  redis: Redis;
  prefix: string;
  cloneUrl(owner: string, repo: string): string;
  /** The app's environment, read by apply for the proxy settings of go. */
  appEnv: Readonly<Record<string, string | undefined>>;
  /** Go caches shared by runs (module cache, build cache). */
  cacheDir?: string;
  workRoot?: string;
  sections?: Partial<SectionRenderers>;
  /** Ignores recorded on GitHub by comment commands; only read when something is due. */
  readIgnores?(github: GitHubClient, owner: string, repo: string): Promise<IgnoreRule[]>;
  /** Module dirs with a main package, for `services: null`; without it every affected module counts as a service. */
  mainModules?(checkoutDir: string, dirs: readonly string[]): Promise<string[]>;
}
