/**
 * The `publish` stage: the group's commit and PR (pull-request/publish-pull.ts), then the impact
 * matrix started on the PR's new head. Also after a retry that found the PR already published:
 * the matrix may not have started.
 */
import { jobLog } from './job-log.js';
import type { Processor } from 'bullmq';
import { startImpact } from '../impact/start-impact.js';
import { publishPull, type PublishOutcome } from '../pull-request/publish-pull.js';
import { parseJobData } from '../queues/parse-job-data.js';
import { enqueuePlan } from '../queues/plan-queue.js';
import { PUBLISH_QUEUE, publishJobSchema, type PublishJobData } from '../queues/publish-queue.js';

import type { StageDeps } from './deps.js';
import { defaultSections } from './sections.js';

export function createPublishProcessor(
  deps: Pick<StageDeps, 'auth' | 'log' | 'pipeline'> & Partial<Pick<StageDeps, 'queues'>>,
): Processor<PublishJobData, PublishOutcome> {
  return async (job) => {
    const data = parseJobData(publishJobSchema, job.data, PUBLISH_QUEUE);
    const log = jobLog(deps.log, PUBLISH_QUEUE, job, data, { group: data.group });
    const github = await deps.auth.installation(data.installationId);
    const { publish: config, entries, updates, carried, affected, services, failed, skipped, force } = data;
    const outcome = await publishPull({
      github,
      owner: data.owner,
      repo: data.repo,
      base: data.base,
      baseSha: data.baseSha,
      group: data.group,
      entries,
      updates,
      carried,
      affected,
      services,
      failed,
      skipped,
      ...(data.vulnerabilities ? { vulnerabilities: data.vulnerabilities } : {}),
      ...(data.breaking?.length ? { breaking: data.breaking } : {}),
      config,
      force,
      sections: { ...defaultSections, ...deps.pipeline.sections },
      log,
    });
    if (outcome.kind === 'published' && outcome.meta.impact?.headSha !== outcome.commit) {
      const impact = await startImpact(github, { owner: data.owner, repo: data.repo, pullNumber: outcome.pr }, { log });
      log.info({ pr: outcome.pr, impact: impact.outcome, checkRunId: impact.checkRunId }, 'impact matrix started');
    }
    // The dashboard was written before this PR existed: a plan-only run rewrites it (run-plan.ts).
    if (deps.queues) {
      const { installationId, repositoryId, owner, repo } = data;
      await enqueuePlan(
        deps.queues.plan,
        { installationId, repositoryId, owner, repo, refresh: true },
        `dashboard-${job.id}`,
      );
    }
    return outcome;
  };
}
