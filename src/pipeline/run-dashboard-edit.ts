/**
 * Ticked boxes on the dashboard issue, read from the issue as it is now. From someone with write
 * access they act — run the repository or one group now, forget an ignore decision (and run, so
 * the update comes back), open the PR raising the go line — and are then unticked. From anyone else they are unticked and the
 * person is answered. A state block broken by a hand edit is refused with a comment and nothing
 * is done: the decisions it held are never half-trusted. Acting first and unticking last keeps a
 * retried job from losing a tick; each action is idempotent (job ids from the delivery id).
 */
import type { Logger } from 'probot';
import type { GitHubClient } from '../github/app-auth.js';
import { mayCommand } from '../github/collaborator-permission.js';
import { getDashboardIssue } from '../github/dashboard-issue.js';
import { commentOnIssue } from '../github/issue-comments.js';
import { tickedBoxes, untickAll, type BoxAction } from '../ignores/dashboard-boxes.js';
import { DASHBOARD_TITLE, DashboardStateError, readState } from '../ignores/dashboard-state.js';
import { rewriteDashboard, updateIgnores, type IgnoreStore } from '../ignores/ignore-store.js';
import type { DashboardEditJobData } from '../queues/dashboard-edit-job.js';
import { enqueuePlan } from '../queues/plan-queue.js';
import { enqueueGoLine } from '../queues/go-line-job.js';
import { runDashboardComment, type DashboardCommentResult } from './dashboard-comment.js';
import type { StageDeps } from './deps.js';

export type DashboardEditResult =
  | { outcome: 'not-the-dashboard' | 'nothing-ticked' | 'refused' | 'state-broken' }
  | { outcome: 'done'; actions: BoxAction[]; runs: string[] }
  | DashboardCommentResult;

const asked = (deliveryId: string) => `dashboard-${deliveryId}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 120);

export async function runDashboardEdit(
  deps: Pick<StageDeps, 'queues' | 'redis' | 'prefix'>,
  github: GitHubClient,
  appSlug: string,
  data: DashboardEditJobData,
  log: Logger,
): Promise<DashboardEditResult> {
  const { issueNumber, sender, deliveryId, comment: _comment, ...ref } = data;
  const { owner, repo } = ref;
  const issue = await getDashboardIssue(github, owner, repo, issueNumber, appSlug, DASHBOARD_TITLE);
  if (!issue) return { outcome: 'not-the-dashboard' };
  if (data.comment) return runDashboardComment(deps, github, appSlug, ref, issueNumber, sender, data.comment, log);
  const actions = tickedBoxes(issue.body);
  if (!actions.length) return { outcome: 'nothing-ticked' };
  const store: IgnoreStore = { github, redis: deps.redis, prefix: deps.prefix, appSlug };
  const untick = () => rewriteDashboard(store, ref, (_state, body) => untickAll(body ?? ''));

  try {
    readState(issue.body);
  } catch (err) {
    if (!(err instanceof DashboardStateError)) throw err;
    await commentOnIssue(
      github,
      owner,
      repo,
      issueNumber,
      `@${sender} I did not act on the ticked box(es): ${err.message}. The hidden state block holds the ignore decisions and was changed by hand; restore it from this issue's edit history (or delete the block to start with no decisions), then tick again.`,
    );
    log.warn({ issue: issueNumber, err: { message: err.message } }, 'dashboard tick refused: broken state block');
    return { outcome: 'state-broken' };
  }

  if (!(await mayCommand(github, owner, repo, sender))) {
    await untick();
    await commentOnIssue(
      github,
      owner,
      repo,
      issueNumber,
      `Sorry @${sender}, only people with write access to this repository can tick the dashboard's boxes; I unticked them. A maintainer can tick them if it should be done.`,
    );
    log.info({ issue: issueNumber, sender }, 'dashboard tick by someone without write access: reset');
    return { outcome: 'refused' };
  }

  const runs = new Set<string>();
  const runAll = async () => {
    const job = await enqueuePlan(deps.queues.plan, { ...ref, asked: asked(deliveryId) }, `dashboard-${deliveryId}`);
    runs.add(String(job.id));
  };
  for (const action of actions) {
    switch (action.kind) {
      case 'run-all':
        await runAll();
        break;
      case 'run-group': {
        const job = await enqueuePlan(
          deps.queues.plan,
          { ...ref, group: action.group, asked: asked(deliveryId) },
          `dashboard-${deliveryId}-${action.group}`,
        );
        runs.add(String(job.id));
        break;
      }
      case 'unignore':
        await updateIgnores(store, ref, (current) => current.filter((r) => r.dependency !== action.dependency));
        // The update comes back on the next run: run now.
        await runAll();
        break;
      case 'go-line': {
        // A PR of its own raising the go line (pipeline/run-go-line.ts), on the apply worker.
        const job = await enqueueGoLine(deps.queues.apply, ref, action.go, issueNumber, `dashboard-${deliveryId}`);
        runs.add(job);
        break;
      }
    }
  }
  await untick();
  log.info(
    { issue: issueNumber, sender, actions: actions.map((a) => a.kind), runs: [...runs] },
    'dashboard ticks done',
  );
  return { outcome: 'done', actions, runs: [...runs] };
}
