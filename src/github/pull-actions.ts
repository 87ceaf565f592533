/** What the app does to a pull request beyond reading it (pulls.ts reads it): open, edit, label, ask for review, close. */
import { httpStatus, type GitHubClient } from './app-auth.js';
import { toPull, type Pull } from './pulls.js';

export async function createPull(
  github: GitHubClient,
  owner: string,
  repo: string,
  p: { title: string; head: string; base: string; body: string; draft?: boolean },
): Promise<Pull> {
  const { data } = await github.rest.pulls.create({
    owner,
    repo,
    title: p.title,
    head: p.head,
    base: p.base,
    body: p.body,
    maintainer_can_modify: false,
    ...(p.draft ? { draft: true } : {}),
  });
  return toPull(data);
}

export async function updatePullText(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  title: string,
  body: string,
): Promise<void> {
  await github.rest.pulls.update({ owner, repo, pull_number: number, title, body });
}

export async function updatePullBody(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  body: string,
): Promise<void> {
  await github.rest.pulls.update({ owner, repo, pull_number: number, body });
}

export async function closePull(github: GitHubClient, owner: string, repo: string, number: number): Promise<void> {
  await github.rest.pulls.update({ owner, repo, pull_number: number, state: 'closed' });
}

export async function addLabels(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  labels: string[],
): Promise<void> {
  await github.rest.issues.addLabels({ owner, repo, issue_number: number, labels });
}

/** Takes a label off; one that is already gone (404) is the same outcome. */
export async function removeLabel(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  name: string,
): Promise<void> {
  try {
    await github.rest.issues.removeLabel({ owner, repo, issue_number: number, name });
  } catch (err) {
    if (httpStatus(err) !== 404) throw err;
  }
}

/**
 * Asks users and teams (`org/team`) for review. GitHub refuses (422) reviewers who are not
 * collaborators: that answer is returned as the refusal's message, for the caller to report.
 */
export async function requestReviewers(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  users: string[],
  teams: string[],
): Promise<{ refused: string } | undefined> {
  try {
    await github.rest.pulls.requestReviewers({
      owner,
      repo,
      pull_number: number,
      reviewers: users,
      team_reviewers: teams,
    });
    return undefined;
  } catch (err) {
    if (httpStatus(err) !== 422) throw err;
    return { refused: (err as Error).message };
  }
}
