/**
 * One label says how the impact matrix went, so a PR list filtered by label shows which bumps
 * are proven. The other state's label is taken off; labels the PR does not carry are left alone.
 */
import type { GitHubClient } from '../github/app-auth.js';
import type { ImpactConclusion } from './results.js';

export const IMPACT_LABELS = { passed: 'impact: passed', failed: 'impact: failed' } as const;

export async function setImpactLabels(
  octokit: GitHubClient,
  t: { owner: string; repo: string; pullNumber: number; current: readonly string[] },
  conclusion: ImpactConclusion,
): Promise<void> {
  const want =
    conclusion === 'success' ? IMPACT_LABELS.passed : conclusion === 'failure' ? IMPACT_LABELS.failed : undefined;
  for (const label of Object.values(IMPACT_LABELS)) {
    if (label !== want && t.current.includes(label)) {
      await octokit.rest.issues.removeLabel({ owner: t.owner, repo: t.repo, issue_number: t.pullNumber, name: label });
    }
  }
  if (want && !t.current.includes(want)) {
    await octokit.rest.issues.addLabels({ owner: t.owner, repo: t.repo, issue_number: t.pullNumber, labels: [want] });
  }
}
