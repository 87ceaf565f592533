import type { Context } from 'probot';
import { enqueueInstallationJob } from '../queues/installation-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { installationPayload, parsePayload } from './payloads.js';

/** Uninstalled: every scheduler of the installation goes. */
export function onInstallationDeleted(deps: HandlerDeps) {
  return async (context: Context<'installation.deleted'>): Promise<void> => {
    const p = parsePayload(installationPayload, 'installation.deleted', context.payload);
    await enqueueInstallationJob(
      deps.queues.installation,
      'installation-removed',
      { installationId: p.installation.id },
      context.id,
    );
    deps.metrics.delivery('installation.deleted', 'queued');
  };
}
