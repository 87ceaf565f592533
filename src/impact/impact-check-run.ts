/** The `gomod-steward / impact` check run: created on the PR head, then updated as the matrix moves. */
import type { GitHubClient } from '../github/app-auth.js';
import { IMPACT_CHECK_NAME, type CheckOutput } from './check-output.js';
import type { ImpactConclusion } from './results.js';

export interface CheckTarget {
  owner: string;
  repo: string;
}

export async function createImpactCheck(
  octokit: GitHubClient,
  t: CheckTarget & { headSha: string; correlationId: string; detailsUrl?: string },
  state: { status: 'in_progress' } | { status: 'completed'; conclusion: ImpactConclusion },
  output: CheckOutput,
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: t.owner,
    repo: t.repo,
    name: IMPACT_CHECK_NAME,
    head_sha: t.headSha,
    // Lets a "Re-run" click (check_run.rerequested) be traced back to this impact run.
    external_id: t.correlationId,
    ...(t.detailsUrl ? { details_url: t.detailsUrl } : {}),
    started_at: new Date().toISOString(),
    ...(state.status === 'completed'
      ? { status: 'completed' as const, conclusion: state.conclusion, completed_at: new Date().toISOString() }
      : { status: 'in_progress' as const }),
    output,
  });
  return data.id;
}

export async function updateImpactCheck(
  octokit: GitHubClient,
  t: CheckTarget & { checkRunId: number; detailsUrl?: string },
  output: CheckOutput,
): Promise<void> {
  await octokit.rest.checks.update({
    owner: t.owner,
    repo: t.repo,
    check_run_id: t.checkRunId,
    ...(t.detailsUrl ? { details_url: t.detailsUrl } : {}),
    output,
  });
}

export async function completeImpactCheck(
  octokit: GitHubClient,
  t: CheckTarget & { checkRunId: number },
  conclusion: ImpactConclusion,
  output: CheckOutput,
): Promise<void> {
  await octokit.rest.checks.update({
    owner: t.owner,
    repo: t.repo,
    check_run_id: t.checkRunId,
    status: 'completed',
    conclusion,
    completed_at: new Date().toISOString(),
    output,
  });
}
