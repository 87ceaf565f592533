/**
 * Things that happen on the stand-in's GitHub, each changing its state and then telling the
 * app the way GitHub does, with a signed webhook: an installation, a push, a comment, a closed
 * pull request, a finished workflow run, "Re-run" on a check run.
 */
import type { FakeRepo } from './fake-repo.js';
import { idOf } from './repo-issues.js';
import type { FakeRun } from './repo-actions.js';
import type { StandIn } from './stand-in.js';
import type { SentDelivery } from './webhook-sender.js';
import type { CheckConclusion } from './payloads/check-run.js';
import {
  checkRunRerequested,
  installationCreated,
  installationRepositoriesAdded,
  issueCommentCreated,
  issuesEdited,
  pullRequestClosed,
  pullRequestEvent,
  push,
  workflowRunCompleted,
  type RepoState,
  type UserState,
} from './webhook-payloads.js';

export function userState(login: string): UserState {
  return { login, id: idOf(login), type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

export function repoState(gh: StandIn, repo: FakeRepo): RepoState {
  const inst = gh.installations.get(repo.o.installationId)!;
  return {
    id: repo.o.id,
    owner: { login: repo.o.owner, id: inst.account.id, type: inst.account.type },
    name: repo.o.name,
    defaultBranch: repo.defaultBranch,
    private: true,
    htmlBase: gh.url,
    apiBase: gh.apiUrl,
  };
}

/** The app was installed on `installationId` with its repositories (`installation.created`). */
export function install(gh: StandIn, installationId: number, by = 'octo-admin'): Promise<SentDelivery> {
  const { state, inst } = installationState(gh, installationId);
  const payload = installationCreated({ ...state, repositories: inst.repos.map(listed), sender: userState(by) });
  return gh.webhooks.send('installation', payload);
}

function installationState(gh: StandIn, installationId: number) {
  const inst = gh.installations.get(installationId);
  if (!inst) throw new Error(`no installation ${installationId} on the stand-in`);
  return {
    inst,
    state: { installationId, appId: gh.o.appId, account: inst.account, htmlBase: gh.url, apiBase: gh.apiUrl },
  };
}

const listed = (r: FakeRepo) => ({ id: r.o.id, name: r.o.name, fullName: r.fullName, private: true });

/** Repositories were added to an existing installation (`installation_repositories.added`). */
export function addRepositories(
  gh: StandIn,
  installationId: number,
  repos: FakeRepo[],
  by = 'octo-admin',
): Promise<SentDelivery> {
  const { state } = installationState(gh, installationId);
  return gh.webhooks.send(
    'installation_repositories',
    installationRepositoriesAdded({ ...state, repositoriesAdded: repos.map(listed), sender: userState(by) }),
  );
}

/** Someone pushes a commit changing `files` (path → text, or null to delete) to `branch`. */
export async function pushCommit(
  gh: StandIn,
  repo: FakeRepo,
  o: { branch?: string; files: Record<string, string | null>; message: string; by?: string },
): Promise<{ sha: string; delivery: SentDelivery }> {
  const branch = o.branch ?? repo.defaultBranch;
  const ref = `refs/heads/${branch}`;
  const before = (await repo.store.revParse(ref))!;
  const { sha, tree } = await repo.store.commitFiles(before, o.files, `${o.message}\n`);
  await repo.store.setRef(ref, sha);
  const by = o.by ?? 'octo-dev';
  const payload = push({
    installationId: repo.o.installationId,
    repository: repoState(gh, repo),
    ref,
    before,
    after: sha,
    commits: [
      {
        id: sha,
        message: o.message,
        added: [],
        modified: Object.entries(o.files)
          .filter(([, t]) => t !== null)
          .map(([p]) => p),
        removed: Object.entries(o.files)
          .filter(([, t]) => t === null)
          .map(([p]) => p),
        treeId: tree,
      },
    ],
    pusher: { name: by, email: `${by}@example.com` },
    sender: userState(by),
  });
  return { sha, delivery: await gh.webhooks.send('push', payload) };
}

/** `user` comments `body` on issue or pull request `number` (`issue_comment.created`). */
export function comment(
  gh: StandIn,
  repo: FakeRepo,
  number: number,
  user: string,
  body: string,
): Promise<SentDelivery> {
  const c = repo.issues.addComment(number, user, body);
  const pull = repo.pulls.find((p) => p.number === number);
  const issue = repo.issues.issues.find((i) => i.number === number);
  const subject = pull ?? issue;
  if (!subject) throw new Error(`no issue or pull request #${number} in ${repo.fullName}`);
  const payload = issueCommentCreated({
    installationId: repo.o.installationId,
    repository: repoState(gh, repo),
    issue: {
      id: 2_000_000 + number,
      number,
      title: subject.title,
      body: subject.body,
      state: subject.state,
      isPullRequest: pull !== undefined,
      user: userState(subject.user),
      labels: subject.labels.map((name) => ({ id: idOf(name), name, color: 'ededed' })),
    },
    comment: { id: c.id, body, user: userState(user) },
    sender: userState(user),
  });
  return gh.webhooks.send('issue_comment', payload);
}

/** A pull request of the repository's state as webhook payloads carry it (never merged here). */
async function pullState(repo: FakeRepo, p: FakeRepo['pulls'][number]) {
  return {
    id: 1000 + p.number,
    number: p.number,
    title: p.title,
    body: p.body,
    head: p.head,
    base: p.base,
    headSha: (await repo.branchHead(p.head)) ?? '0'.repeat(40),
    baseSha: (await repo.branchHead(p.base)) ?? '0'.repeat(40),
    merged: false,
    user: userState(p.user),
  };
}

/** `user` closes pull request `number` without merging it (`pull_request.closed`). */
export async function closePull(gh: StandIn, repo: FakeRepo, number: number, user: string): Promise<SentDelivery> {
  const p = repo.pulls.find((x) => x.number === number);
  if (!p) throw new Error(`no pull request #${number} in ${repo.fullName}`);
  p.state = 'closed';
  const payload = pullRequestClosed({
    installationId: repo.o.installationId,
    repository: repoState(gh, repo),
    pull: await pullState(repo, p),
    sender: userState(user),
  });
  return gh.webhooks.send('pull_request', payload);
}

/** `user` opens pull request `number` (already in the repository's state), or pushed to it, or reopened it. */
export async function pullEvent(
  gh: StandIn,
  repo: FakeRepo,
  number: number,
  action: 'opened' | 'synchronize' | 'reopened',
  user: string,
): Promise<SentDelivery> {
  const p = repo.pulls.find((x) => x.number === number);
  if (!p) throw new Error(`no pull request #${number} in ${repo.fullName}`);
  const payload = pullRequestEvent(action, {
    installationId: repo.o.installationId,
    repository: repoState(gh, repo),
    pull: await pullState(repo, p),
    sender: userState(user),
  });
  return gh.webhooks.send('pull_request', payload);
}

/** A dispatched run finished (`workflow_run.completed`). */
export function runCompleted(gh: StandIn, repo: FakeRepo, run: FakeRun): Promise<SentDelivery> {
  const payload = workflowRunCompleted({
    installationId: repo.o.installationId,
    repository: repoState(gh, repo),
    run: {
      id: run.id,
      name: run.name,
      displayTitle: run.displayTitle,
      headBranch: run.ref,
      headSha: run.headSha,
      event: 'workflow_dispatch',
      conclusion: run.conclusion ?? 'cancelled',
      runAttempt: 1,
      path: `.github/workflows/${run.workflow}`,
      workflowId: idOf(run.workflow),
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      htmlUrl: repo.actions.htmlUrl(run.id),
    },
    sender: userState(gh.botLogin),
  });
  return gh.webhooks.send('workflow_run', payload);
}

/** `user` edits issue `number`'s body to `body` (`issues.edited`), as ticking a box in it does. */
export function editIssue(
  gh: StandIn,
  repo: FakeRepo,
  number: number,
  user: string,
  body: string,
): Promise<SentDelivery> {
  const issue = repo.issues.issues.find((i) => i.number === number);
  if (!issue) throw new Error(`no issue #${number} in ${repo.fullName}`);
  const from = issue.body;
  issue.body = body;
  const payload = issuesEdited({
    installationId: repo.o.installationId,
    repository: repoState(gh, repo),
    issue: {
      id: 2_000_000 + number,
      number,
      title: issue.title,
      body,
      state: issue.state,
      isPullRequest: false,
      user: userState(issue.user),
      labels: issue.labels.map((name) => ({ id: idOf(name), name, color: 'ededed' })),
    },
    from,
    sender: userState(user),
  });
  return gh.webhooks.send('issues', payload);
}

/**
 * `user` presses "Re-run" on the app's finished check run `checkRunId` (`check_run.rerequested`).
 * `before` is the parent the commit was pushed on; the pull requests are the open ones at its head.
 */
export async function rerunCheck(
  gh: StandIn,
  repo: FakeRepo,
  checkRunId: number,
  user: string,
  o: { before?: string } = {},
): Promise<SentDelivery> {
  const run = repo.checkRuns.find((c) => c.id === checkRunId);
  if (!run) throw new Error(`no check run ${checkRunId} in ${repo.fullName}`);
  if (run.status !== 'completed')
    throw new Error(`check run ${checkRunId} is ${run.status}: GitHub re-runs finished runs`);
  const pulls = [];
  for (const p of repo.pulls.filter((x) => x.state === 'open')) {
    const s = await pullState(repo, p);
    if (s.headSha === run.headSha)
      pulls.push({
        id: s.id,
        number: p.number,
        head: { ref: p.head, sha: s.headSha },
        base: { ref: p.base, sha: s.baseSha },
      });
  }
  const payload = checkRunRerequested({
    installationId: repo.o.installationId,
    repository: repoState(gh, repo),
    checkRun: {
      id: run.id,
      name: run.name,
      headSha: run.headSha,
      headBranch: pulls[0]?.head.ref ?? repo.defaultBranch,
      conclusion: (run.conclusion ?? 'neutral') as CheckConclusion,
      checkSuiteId: 3_000_000 + run.id,
      pullRequests: pulls,
      ...(run.output
        ? {
            output: {
              title: run.output.title ?? null,
              summary: run.output.summary ?? null,
              text: run.output.text ?? null,
            },
          }
        : {}),
    },
    ...(o.before ? { before: o.before } : {}),
    app: { id: gh.o.appId, slug: gh.appSlug, name: gh.appSlug, owner: userState(repo.o.owner) },
    sender: userState(user),
  });
  return gh.webhooks.send('check_run', payload);
}
