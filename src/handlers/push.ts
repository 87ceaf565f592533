import type { Context } from 'probot';
import { CONFIG_PATH } from '../config/index.js';
import { enqueueGovernance } from '../queues/governance-queue.js';
import { enqueueReschedule } from '../queues/reschedule-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { isModuleFile } from '../workspace/paths.js';
import { parsePayload, pushParent, pushPayload } from './payloads.js';

/**
 * A push to the default branch that touches the config file reschedules the repository from the
 * config at the pushed commit; one that touches go.mod, go.sum or go.work gets the governance
 * check run on its head. A forced push lists only the new commits, so it may have changed either
 * without showing it: it does both. Everything else is a counted skip.
 */
export function onPush(deps: HandlerDeps) {
  return async (context: Context<'push'>): Promise<void> => {
    const p = parsePayload(pushPayload, 'push', context.payload);
    const skip = (reason: string) => deps.metrics.delivery('push', 'skipped', reason);
    if (p.deleted) return skip('branch-deleted');
    if (p.ref !== `refs/heads/${p.repository.default_branch}`) return skip('not-default-branch');
    const files = [...p.commits, ...(p.head_commit ? [p.head_commit] : [])].flatMap((c) => [
      ...c.added,
      ...c.modified,
      ...c.removed,
    ]);
    const config = p.forced || files.includes(CONFIG_PATH);
    const modules = p.forced || files.some(isModuleFile);
    if (!config && !modules) return skip('no-watched-file');
    const ref = {
      installationId: p.installation.id,
      repositoryId: p.repository.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
    };
    if (config) await enqueueReschedule(deps.queues.reschedule, { ...ref, sha: p.after }, p.after);
    if (modules) {
      const baseSha = pushParent(p.before);
      await enqueueGovernance(deps.queues.governance, { ...ref, headSha: p.after, baseSha, pullNumber: null });
    }
    deps.metrics.delivery('push', 'queued');
  };
}
