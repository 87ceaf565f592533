import type { Context } from 'probot';
import { enqueueInstallationJob } from '../queues/installation-queue.js';
import type { HandlerDeps } from './handler-deps.js';
import { installationPayload, parsePayload } from './payloads.js';

/** A suspended installation cannot be acted for: its schedulers go until it is unsuspended. */
export function onInstallationSuspend(deps: HandlerDeps) {
  return async (context: Context<'installation.suspend'>): Promise<void> => {
    const p = parsePayload(installationPayload, 'installation.suspend', context.payload);
    await enqueueInstallationJob(
      deps.queues.installation,
      'installation-removed',
      { installationId: p.installation.id },
      context.id,
    );
    deps.metrics.delivery('installation.suspend', 'queued');
  };
}

/** Unsuspended: the payload does not list repositories, so the worker asks GitHub for them. */
export function onInstallationUnsuspend(deps: HandlerDeps) {
  return async (context: Context<'installation.unsuspend'>): Promise<void> => {
    const p = parsePayload(installationPayload, 'installation.unsuspend', context.payload);
    await enqueueInstallationJob(
      deps.queues.installation,
      'repositories-added',
      { installationId: p.installation.id, repositories: null },
      context.id,
    );
    deps.metrics.delivery('installation.unsuspend', 'queued');
  };
}
