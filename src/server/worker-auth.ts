/**
 * The installation clients a worker uses: each installation pauses itself before its primary rate
 * limit runs out (primary-limit.ts), and its writes keep GitHub's spacing across every worker
 * process (write-spacing.ts).
 */
import type { Logger, Probot } from 'probot';
import { probotAuth, type GitHubAuth } from '../github/app-auth.js';
import type { RedisConnection } from '../redis/connection.js';
import { watchPrimaryLimit } from './primary-limit.js';
import { spaceWrites } from './write-spacing.js';

export function workerAuth(probot: Probot, deps: { redis: RedisConnection; prefix: string; log: Logger }): GitHubAuth {
  return spaceWrites(watchPrimaryLimit(probotAuth(probot), deps), deps);
}
