import type { Context } from 'probot';
import { z } from 'zod';
import { tickedBoxes } from '../ignores/dashboard-boxes.js';
import { DASHBOARD_TITLE } from '../ignores/dashboard-state.js';
import { enqueueDashboardEdit } from '../queues/dashboard-edit-job.js';
import type { HandlerDeps } from './handler-deps.js';
import { isBotAccount, parsePayload } from './payloads.js';

const id = z.number().int().positive();

export const issuesEditedPayload = z.object({
  installation: z.object({ id }),
  issue: z.object({ number: id, title: z.string(), body: z.string().nullable() }),
  sender: z.object({
    login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(?:\[bot\])?$/, { error: 'a GitHub login' }),
    type: z.string(),
  }),
  repository: z.object({ id, name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
});

/**
 * An edit of the dashboard issue that ticks a box: queue it for the command worker, which checks
 * that the issue is the app's, who ticked and whether they may. Edits by bots (the app rewriting
 * its own dashboard) and edits that tick nothing are dropped here.
 */
export function onIssuesEdited(deps: HandlerDeps) {
  return async (context: Context<'issues.edited'>): Promise<void> => {
    const p = parsePayload(issuesEditedPayload, 'issues.edited', context.payload);
    const skip = (reason: string) => deps.metrics.delivery('issues.edited', 'skipped', reason);
    if (p.issue.title !== DASHBOARD_TITLE) return skip('not-the-dashboard');
    if (isBotAccount(p.sender)) return skip('bot-author');
    if (!tickedBoxes(p.issue.body ?? '').length) return skip('nothing-ticked');
    await enqueueDashboardEdit(deps.queues.command, {
      installationId: p.installation.id,
      repositoryId: p.repository.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
      issueNumber: p.issue.number,
      sender: p.sender.login,
      deliveryId: context.id,
    });
    deps.metrics.delivery('issues.edited', 'queued');
  };
}
