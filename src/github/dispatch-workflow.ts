/**
 * `POST …/actions/workflows/{workflow}/dispatches`. GitHub answers 200 with the run's id and URLs
 * when asked with `return_run_details: true`; GitHub Enterprise Server releases that predate the
 * parameter refuse the request, and some may ignore it and answer 204. Either way the caller
 * gets what GitHub told it, and without a run id correlates the run later by its run-name.
 */
import { httpStatus, type GitHubClient } from './app-auth.js';

export interface DispatchTarget {
  owner: string;
  repo: string;
  /** The workflow's file name (or id). */
  workflow: string;
  ref: string;
  inputs: Record<string, string>;
}

export interface DispatchResult {
  runId?: number;
  htmlUrl?: string;
  /** false when GitHub refused `return_run_details` and the dispatch was repeated without it. */
  runDetailsSupported: boolean;
}

const ROUTE = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';

export async function dispatchWorkflow(
  octokit: GitHubClient,
  t: DispatchTarget,
  opts: { runDetails?: boolean } = {},
): Promise<DispatchResult> {
  const params = { owner: t.owner, repo: t.repo, workflow_id: t.workflow, ref: t.ref, inputs: t.inputs };
  if (opts.runDetails === false) {
    await octokit.request(ROUTE, params);
    return { runDetailsSupported: false };
  }
  let data: unknown;
  try {
    ({ data } = await octokit.request(ROUTE, { ...params, return_run_details: true }));
  } catch (err) {
    const status = httpStatus(err);
    // A refused request starts no run, so repeating it cannot start two. Should the refusal be
    // about something else (an unknown input), the repeat fails with GitHub's real reason.
    if (status !== 400 && status !== 422) throw err;
    await octokit.request(ROUTE, params);
    return { runDetailsSupported: false };
  }
  const details = data as { workflow_run_id?: unknown; html_url?: unknown } | undefined;
  if (details && typeof details.workflow_run_id === 'number') {
    return {
      runId: details.workflow_run_id,
      ...(typeof details.html_url === 'string' ? { htmlUrl: details.html_url } : {}),
      runDetailsSupported: true,
    };
  }
  return { runDetailsSupported: true };
}
