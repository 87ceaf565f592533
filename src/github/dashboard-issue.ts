/**
 * An issue the app keeps by title (the repository's dashboard; the title is the caller's). It is
 * found again by listing the app's own issues in any state (the search API lags behind writes,
 * the issues list does not), oldest first, so a duplicate made by hand or by an old bug never
 * takes over from the original.
 */
import { httpStatus, type GitHubClient } from './app-auth.js';

export interface DashboardIssue {
  number: number;
  body: string;
}

export function botLogin(appSlug: string): string {
  return `${appSlug}[bot]`;
}

/** Logins compare case-insensitively on GitHub; `APP_SLUG` may be written in any case. */
export function isBotLogin(login: string | undefined, appSlug: string): boolean {
  return login?.toLowerCase() === botLogin(appSlug).toLowerCase();
}

export async function findDashboardIssue(
  github: GitHubClient,
  owner: string,
  repo: string,
  appSlug: string,
  title: string,
): Promise<DashboardIssue | undefined> {
  const pages = github.paginate.iterator(github.rest.issues.listForRepo, {
    owner,
    repo,
    creator: botLogin(appSlug),
    state: 'all',
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((i) => i.title === title && !i.pull_request);
    if (found) return { number: found.number, body: found.body ?? '' };
  }
  return undefined;
}

/** The issue `number` when it is still the app's issue titled `title`; undefined when gone or not ours. */
export async function getDashboardIssue(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  appSlug: string,
  title: string,
): Promise<DashboardIssue | undefined> {
  try {
    const { data } = await github.rest.issues.get({ owner, repo, issue_number: number });
    if (data.title !== title || data.pull_request || !isBotLogin(data.user?.login, appSlug)) return undefined;
    return { number: data.number, body: data.body ?? '' };
  } catch (err) {
    const status = httpStatus(err);
    if (status === 404 || status === 410 || status === 301) return undefined;
    throw err;
  }
}

export async function createDashboardIssue(
  github: GitHubClient,
  owner: string,
  repo: string,
  title: string,
  body: string,
): Promise<DashboardIssue> {
  const { data } = await github.rest.issues.create({ owner, repo, title, body });
  return { number: data.number, body: data.body ?? body };
}

export async function updateIssueBody(
  github: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  body: string,
): Promise<void> {
  await github.rest.issues.update({ owner, repo, issue_number: number, body });
}
