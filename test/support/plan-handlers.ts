/** Plan handlers for tests of the app shell, where a scheduled run only needs to arrive. */
import type { PlanHandler } from '../../src/pipeline/plan-handler.js';
import { repoLabel } from '../../src/repo-ref.js';

/** A scheduled run is only recorded. */
export const recordOnlyPlanHandler: PlanHandler = async ({ data, job, log }) => {
  log.info({ scheduler: job.repeatJobKey }, 'plan job received');
  return { repository: repoLabel(data), ran: false };
};
