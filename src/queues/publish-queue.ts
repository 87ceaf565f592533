/** The `publish` queue: commit and pull request for one group, queued by its apply job. */
import type { Processor } from 'bullmq';
import { startImpact } from '../impact/start-impact.js';
import { publishJobSchema, type PublishJobData } from '../pipeline/job-data.js';
import { publishStep, type PublishOutcome } from '../pipeline/publish-step.js';
import type { StageProcessorDeps } from './apply-queue.js';
import { parseJobData } from './parse-job-data.js';
import { repoLabel } from '../repo-ref.js';
import { repoLockKey, withRepoLock } from '../redis/repo-lock.js';

export const PUBLISH_QUEUE = 'publish';

export function createPublishProcessor(deps: StageProcessorDeps): Processor<PublishJobData, PublishOutcome> {
  return async (job, token) => {
    const data = parseJobData(publishJobSchema, job.data, PUBLISH_QUEUE);
    const log = deps.log.child({ queue: PUBLISH_QUEUE, jobId: job.id, repo: repoLabel(data), group: data.group });
    return withRepoLock(deps.pipeline.redis, repoLockKey(deps.pipeline.prefix, data.repositoryId), job, token, async () => {
      const github = await deps.auth.installation(data.installationId);
      const outcome = await publishStep({
        github,
        owner: data.owner,
        repo: data.repo,
        base: data.base,
        baseSha: data.baseSha,
        group: data.group,
        entries: data.entries,
        updates: data.updates,
        carried: data.carried,
        affected: data.affected,
        services: data.services,
        failed: data.failed,
        skipped: data.skipped,
        config: data.publish,
        ...(data.force ? { force: true } : {}),
        ...(deps.pipeline.sections ? { sections: deps.pipeline.sections } : {}),
        log,
      });
      // Also after a retry that found the PR already published: the matrix may not have started.
      if (outcome.kind === 'published' && outcome.meta.impact?.headSha !== outcome.commit) {
        const impact = await startImpact(github, { owner: data.owner, repo: data.repo, pullNumber: outcome.pr }, { log });
        log.info({ pr: outcome.pr, impact: impact.outcome, checkRunId: impact.checkRunId }, 'impact matrix started');
      }
      return outcome;
    });
  };
}
