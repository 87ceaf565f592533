/**
 * The Checks API calls of the governance check run, each returning plain data: find the commit's
 * run, start one, send output (annotations in the batches GitHub allows), and the files a pull
 * request changes. What the output says is governance/check-run-output.ts's.
 */
import type { GitHubClient } from './app-auth.js';

export const GOVERNANCE_CHECK_NAME = 'gomod-steward / governance';

export interface RepoCommit {
  owner: string;
  repo: string;
  headSha: string;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  annotations?: CheckAnnotation[];
}

export interface ExistingCheckRun {
  id: number;
  status: string;
}

/** The newest governance run on the commit, if any: a retried job finds the run it started. */
export async function findGovernanceCheck(github: GitHubClient, at: RepoCommit): Promise<ExistingCheckRun | null> {
  const { data } = await github.rest.checks.listForRef({
    owner: at.owner,
    repo: at.repo,
    ref: at.headSha,
    check_name: GOVERNANCE_CHECK_NAME,
    filter: 'latest',
  });
  const run = data.check_runs.find((r) => r.name === GOVERNANCE_CHECK_NAME && r.head_sha === at.headSha);
  return run ? { id: run.id, status: run.status } : null;
}

export async function startGovernanceCheck(github: GitHubClient, at: RepoCommit): Promise<number> {
  const { data } = await github.rest.checks.create({
    owner: at.owner,
    repo: at.repo,
    name: GOVERNANCE_CHECK_NAME,
    head_sha: at.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
  });
  return data.id;
}

/** One update; GitHub appends the annotations it carries to those already on the run. */
export async function updateGovernanceCheck(
  github: GitHubClient,
  at: RepoCommit,
  id: number,
  output: CheckOutput,
  conclusion?: 'success' | 'neutral' | 'failure',
): Promise<void> {
  await github.rest.checks.update({
    owner: at.owner,
    repo: at.repo,
    check_run_id: id,
    output,
    ...(conclusion ? { status: 'completed' as const, conclusion, completed_at: new Date().toISOString() } : {}),
  });
}

/** Paths a pull request changes (GitHub lists at most 3,000). */
export async function pullRequestFiles(
  github: GitHubClient,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<string[]> {
  const files = await github.paginate(github.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  return files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]);
}
