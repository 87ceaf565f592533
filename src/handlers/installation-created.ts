import type { Context } from 'probot';
import { enqueueInstallationJob } from '../queues/installation-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { installationPayload, ownerAndName, parsePayload } from './payloads.js';

/** A new installation: schedule every repository it was given (the payload lists them). */
export function onInstallationCreated(deps: HandlerDeps) {
  return async (context: Context<'installation.created'>): Promise<void> => {
    const p = parsePayload(installationPayload, 'installation.created', context.payload);
    const repositories = p.repositories ? p.repositories.map(ownerAndName) : null;
    await enqueueInstallationJob(
      deps.queues.installation,
      'repositories-added',
      { installationId: p.installation.id, repositories },
      context.id,
    );
    deps.metrics.delivery('installation.created', 'queued');
  };
}
