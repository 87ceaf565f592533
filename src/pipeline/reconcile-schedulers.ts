/**
 * Makes the repository schedulers match what GitHub reports: the installations of the app and the
 * repositories each can reach. Missing schedulers are (re)built through the reschedule queue, so
 * they get the repository's own config; stale ones are removed; a renamed repository's template
 * is re-pointed. Run on worker start-up and daily, it heals a flushed or diverged Redis.
 *
 * An installation whose repositories cannot be listed keeps its schedulers untouched, the others
 * are still reconciled, and the run then fails so BullMQ retries it.
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'probot';
import { StewardError } from '../errors.js';
import type { GitHubAuth } from '../github/app-auth.js';
import { listInstallationRepos, listInstallations, type InstalledRepo } from '../github/list-installations.js';
import {
  listRepoSchedulers,
  removeRepoScheduler,
  repoSchedulerId,
  upsertWithPattern,
} from '../queues/repo-schedulers.js';
import { securitySchedulerId, securitySchedulerIds } from '../queues/security-scheduler.js';
import { rescheduleJob } from '../queues/reschedule-queue.js';

export interface ReconcileDeps {
  planQueue: Queue;
  rescheduleQueue: Queue;
  auth: GitHubAuth;
  log: Logger;
}

export interface ReconcileResult {
  installations: number;
  repositories: number;
  missing: number;
  stale: number;
  renamed: number;
}

export class ReconcileError extends StewardError {
  readonly code = 'reconcile-incomplete';
  constructor(readonly failed: { installationId: number; error: string }[]) {
    super(
      `reconciliation incomplete: could not list the repositories of installation(s) ${failed.map((f) => `${f.installationId} (${f.error})`).join(', ')}`,
    );
  }
}

const BULK = 500;

/**
 * `listed`, when given, receives each active installation's repositories as GitHub listed them,
 * for work that follows in the same reconciliation (commands read back) without listing again.
 */
export async function reconcileSchedulers(
  deps: ReconcileDeps,
  runId: string,
  listed?: Map<number, InstalledRepo[]>,
): Promise<ReconcileResult> {
  const installations = await listInstallations(await deps.auth.app());
  const active = installations.filter((i) => !i.suspended);
  const expected = new Map<string, InstalledRepo & { installationId: number }>();
  const unknown = new Set<number>();
  const failed: { installationId: number; error: string }[] = [];
  for (const inst of active) {
    try {
      const repos = await listInstallationRepos(await deps.auth.installation(inst.id));
      listed?.set(inst.id, repos);
      for (const repo of repos) expected.set(repoSchedulerId(inst.id, repo.id), { ...repo, installationId: inst.id });
    } catch (err) {
      unknown.add(inst.id);
      failed.push({ installationId: inst.id, error: (err as Error).message });
    }
  }

  const existing = await listRepoSchedulers(deps.planQueue);
  const have = new Set(existing.map((s) => s.id));
  const stale = existing.filter((s) => !expected.has(s.id) && !unknown.has(s.installationId));
  await Promise.all(stale.map((s) => removeRepoScheduler(deps.planQueue, s.installationId, s.repositoryId)));

  const renamed = existing.flatMap((s) => {
    const want = expected.get(s.id);
    const moved = want && s.data && s.pattern && (s.data.owner !== want.owner || s.data.repo !== want.name);
    return moved
      ? [
          {
            ref: { installationId: s.installationId, repositoryId: s.repositoryId, owner: want.owner, repo: want.name },
            pattern: s.pattern as string,
            tz: s.tz ?? 'UTC',
          },
        ]
      : [];
  });
  for (const r of renamed) await upsertWithPattern(deps.planQueue, r.ref, r.pattern, r.tz);

  // A repository scheduled before security checks existed gets its security scheduler the same way.
  const security = await securitySchedulerIds(deps.planQueue);
  const missing = [...expected.entries()]
    .filter(([id, r]) => !have.has(id) || !security.has(securitySchedulerId(r.installationId, r.id)))
    .map(([, r]) => r);
  for (let i = 0; i < missing.length; i += BULK) {
    await deps.rescheduleQueue.addBulk(
      missing
        .slice(i, i + BULK)
        .map((r) =>
          rescheduleJob(
            { installationId: r.installationId, repositoryId: r.id, owner: r.owner, repo: r.name, sha: null },
            runId,
          ),
        ),
    );
  }

  const result = {
    installations: active.length,
    repositories: expected.size,
    missing: missing.length,
    stale: stale.length,
    renamed: renamed.length,
  };
  deps.log.info(result, 'schedulers reconciled');
  if (failed.length) throw new ReconcileError(failed);
  return result;
}
