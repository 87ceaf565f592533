/**
 * An invalid `.github/gomod-steward.yml` stops every run for the repository; this check run on
 * the commit is how the user learns where and why: file:line, field, what is expected.
 */
import { CONFIG_PATH, formatIssue, type ConfigError, type ConfigIssue } from '../config/index.js';
import type { GitHubClient } from './app-auth.js';

export const CONFIG_CHECK_NAME = 'gomod-steward / config';

/** The Checks API takes at most 50 annotations per request. */
const MAX_ANNOTATIONS = 50;
const MAX_SUMMARY = 65_535;

export interface ConfigCheckOutput {
  title: string;
  summary: string;
  annotations: {
    path: string;
    start_line: number;
    end_line: number;
    annotation_level: 'failure';
    title: string;
    message: string;
  }[];
}

export function configFailureOutput(error: ConfigError): ConfigCheckOutput {
  const n = error.issues.length;
  const header = [
    `\`${CONFIG_PATH}\` is invalid, so gomod-steward will not run for this repository until it is fixed.`,
    '',
    '| Where | Field | Expected | Details |',
    '| --- | --- | --- | --- |',
  ];
  const rows = error.issues.map(
    (i) =>
      `| \`${cell(`${i.file}:${i.line}:${i.column}`)}\` | ${i.field ? `\`${cell(i.field)}\`` : '(file)'} | ${cell(i.expected)} | ${cell(i.message)} |`,
  );
  let summary = [...header, ...rows].join('\n');
  if (summary.length > MAX_SUMMARY) summary = `${summary.slice(0, MAX_SUMMARY - 40)}\n\n(list truncated)`;
  return {
    title: `${n} problem${n === 1 ? '' : 's'} in ${CONFIG_PATH}`,
    summary,
    annotations: error.issues.slice(0, MAX_ANNOTATIONS).map((i) => annotation(i)),
  };
}

function annotation(issue: ConfigIssue): ConfigCheckOutput['annotations'][number] {
  return {
    path: issue.file,
    start_line: issue.line,
    end_line: issue.line,
    annotation_level: 'failure',
    title: issue.field ? `${issue.field}: expected ${issue.expected}` : `expected ${issue.expected}`,
    message: formatIssue(issue),
  };
}

/** One table cell: pipes and line breaks would end it, backticks would unbalance the code spans. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\r?\n/g, ' ');
}

/** Creates the failing check run; returns its id. */
export async function createConfigFailureCheck(
  octokit: GitHubClient,
  target: { owner: string; repo: string; headSha: string },
  error: ConfigError,
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CONFIG_CHECK_NAME,
    head_sha: target.headSha,
    status: 'completed',
    conclusion: 'failure',
    completed_at: new Date().toISOString(),
    output: configFailureOutput(error),
  });
  return data.id;
}

/** Whether the latest config check on `headSha` already failed (the push that broke the file may have reported it). */
export async function configFailureReported(
  github: GitHubClient,
  target: { owner: string; repo: string; headSha: string },
): Promise<boolean> {
  const { data: runs } = await github.rest.checks.listForRef({
    owner: target.owner,
    repo: target.repo,
    ref: target.headSha,
    check_name: CONFIG_CHECK_NAME,
    filter: 'latest',
  });
  return runs.check_runs.some((r) => r.conclusion === 'failure');
}
