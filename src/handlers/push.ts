import type { Context } from 'probot';
import { CONFIG_PATH } from '../config/index.js';
import { enqueueReschedule } from '../queues/reschedule-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { parsePayload, pushPayload } from './payloads.js';

/**
 * A push to the default branch that touches the config file reschedules the repository from the
 * config at the pushed commit. A forced push lists only the new commits, so it may have changed
 * the file without showing it: it reschedules too. Everything else is a counted skip.
 */
export function onPush(deps: HandlerDeps) {
  return async (context: Context<'push'>): Promise<void> => {
    const p = parsePayload(pushPayload, 'push', context.payload);
    const skip = (reason: string) => deps.metrics.delivery('push', 'skipped', reason);
    if (p.deleted) return skip('branch-deleted');
    if (p.ref !== `refs/heads/${p.repository.default_branch}`) return skip('not-default-branch');
    const touched = [...p.commits, ...(p.head_commit ? [p.head_commit] : [])].some(
      (c) => c.added.includes(CONFIG_PATH) || c.modified.includes(CONFIG_PATH) || c.removed.includes(CONFIG_PATH),
    );
    if (!touched && !p.forced) return skip('config-untouched');
    const data = {
      installationId: p.installation.id,
      repositoryId: p.repository.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
      sha: p.after,
    };
    await enqueueReschedule(deps.queues.reschedule, data, p.after);
    deps.metrics.delivery('push', 'queued');
  };
}
