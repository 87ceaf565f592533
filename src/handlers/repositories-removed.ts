import type { Context } from 'probot';
import { enqueueInstallationJob } from '../queues/installation-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { installationRepositoriesPayload, parsePayload } from './payloads.js';

/** Repositories removed from an installation: their schedulers go. */
export function onRepositoriesRemoved(deps: HandlerDeps) {
  return async (context: Context<'installation_repositories.removed'>): Promise<void> => {
    const p = parsePayload(installationRepositoriesPayload, 'installation_repositories.removed', context.payload);
    if (p.repositories_removed.length === 0) {
      deps.metrics.delivery('installation_repositories.removed', 'skipped', 'no-repositories');
      return;
    }
    const repositoryIds = p.repositories_removed.map((r) => r.id);
    await enqueueInstallationJob(
      deps.queues.installation,
      'repositories-removed',
      { installationId: p.installation.id, repositoryIds },
      context.id,
    );
    deps.metrics.delivery('installation_repositories.removed', 'queued');
  };
}
