/**
 * What comment commands ask of the pipeline. `rebase` and `recreate` rebuild the PR's branch on
 * the current base with exactly the versions the PR already proposes (its hidden metadata), so
 * no new version slips in; `recreate` also discards commits others pushed. The job ids carry the
 * comment id, so a retried command job queues nothing twice.
 */
import { CommandUnavailableError, type CommandActions, type CommandTarget } from '../commands/actions.js';
import { branchTip } from '../github/branch-tips.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { rerunImpact } from '../impact/start-impact.js';
import { enqueueApply } from '../queues/apply-queue.js';
import { enqueueGoLine } from '../queues/go-line-job.js';
import { enqueuePlan } from '../queues/plan-queue.js';
import { withLock } from '../redis/lock.js';
import { repoLockKey } from '../redis/repo-lock.js';
import type { StageDeps } from './deps.js';
import { securityLabels } from './security-labels.js';
import { SECURITY_GROUP } from '../pull-request/branch.js';
import { enqueueSecurityCheck } from '../queues/security-scheduler.js';

export function pipelineActions(deps: Pick<StageDeps, 'auth' | 'queues' | 'redis' | 'prefix' | 'log'>): CommandActions {
  const rebuild = async (t: CommandTarget, force: boolean): Promise<void> => {
    const github = await deps.auth.installation(t.ref.installationId);
    const { owner, repo } = t.ref;
    const read = await readRepoConfig(github, { owner, repo });
    if (read.kind === 'invalid')
      throw new CommandUnavailableError(
        `\`.github/gomod-steward.yml\` is invalid (${read.error.issues.length} problem(s)); fix it first, the \`gomod-steward / config\` check says where.`,
      );
    if (t.meta.goLine) {
      // The go-line PR proposes no versions: rebuilding it is raising the same line on the new base.
      const reason = `${force ? 'recreate' : 'rebase'}-${t.commentId}`;
      const jobId = await enqueueGoLine(deps.queues.apply, t.ref, t.meta.goLine.go, t.pull.number, reason, force);
      deps.log.info({ pr: t.pull.number, jobId, force }, 'go-line rebuild queued by a comment command');
      return;
    }
    const jobId = await enqueueApply(deps.queues.apply, {
      ref: t.ref,
      base: t.pull.baseRef,
      baseSha: await branchTip(github, owner, repo, t.pull.baseRef),
      group: t.meta.group,
      force,
      plan: {
        version: 1,
        root: '.',
        modules: [],
        updates: t.meta.updates,
        carried: [],
        affected: [],
        skipped: [],
        warnings: [],
        ...(t.meta.vulnerabilities ? { vulnerabilities: t.meta.vulnerabilities } : {}),
      },
      config: securityLabels(read.config, t.meta.group),
      reason: `${force ? 'recreate' : 'rebase'}-${t.commentId}`,
    });
    deps.log.info({ pr: t.pull.number, jobId, force }, 'rebuild queued by a comment command');
  };
  return {
    rebase: async (t) => {
      await rebuild(t, false);
      return {
        message: `Rebuilding this pull request on the current \`${t.pull.baseRef}\` with the same versions; commits someone else pushed to the branch stop it (comment \`recreate\` to discard them).`,
      };
    },
    recreate: async (t) => {
      await rebuild(t, true);
      return {
        message: `Recreating this pull request from scratch on the current \`${t.pull.baseRef}\` with the same versions; other commits on the branch are discarded.`,
      };
    },
    rerunImpact: async (t) => {
      const github = await deps.auth.installation(t.ref.installationId);
      // Under the repository lock, as publish starts a matrix: the run's report waits for the record of it.
      const key = repoLockKey(deps.prefix, t.ref.repositoryId);
      const r = await withLock(
        deps.redis,
        key,
        () =>
          rerunImpact(github, { owner: t.ref.owner, repo: t.ref.repo, pullNumber: t.pull.number }, { log: deps.log }),
        { ttlMs: 120_000, waitMs: 180_000 },
      );
      return {
        message:
          r.outcome === 'dispatched'
            ? `The impact matrix runs again for ${r.dispatches === 1 ? 'one dispatch' : `${r.dispatches} dispatches`}; the \`gomod-steward / impact\` check follows it.`
            : `Impact: ${r.outcome.replace(/-/g, ' ')} — the \`gomod-steward / impact\` check says more.`,
      };
    },
    replan: async (ref, reason, group) => {
      if (group === SECURITY_GROUP) await enqueueSecurityCheck(deps.queues.plan, ref, reason);
      else await enqueuePlan(deps.queues.plan, ref, reason);
      return { message: 'A new run is queued: the pull request is rebuilt without what was ignored.' };
    },
  };
}
