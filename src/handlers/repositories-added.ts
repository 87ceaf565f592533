import type { Context } from 'probot';
import { enqueueInstallationJob } from '../queues/installation-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { installationRepositoriesPayload, ownerAndName, parsePayload } from './payloads.js';

/** Repositories added to an installation: schedule each. */
export function onRepositoriesAdded(deps: HandlerDeps) {
  return async (context: Context<'installation_repositories.added'>): Promise<void> => {
    const p = parsePayload(installationRepositoriesPayload, 'installation_repositories.added', context.payload);
    if (p.repositories_added.length === 0) {
      deps.metrics.delivery('installation_repositories.added', 'skipped', 'no-repositories');
      return;
    }
    const repositories = p.repositories_added.map(ownerAndName);
    await enqueueInstallationJob(
      deps.queues.installation,
      'repositories-added',
      { installationId: p.installation.id, repositories, verify: true },
      context.id,
    );
    deps.metrics.delivery('installation_repositories.added', 'queued');
  };
}
