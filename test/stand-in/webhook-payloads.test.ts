/**
 * The stand-in's webhook payloads against both judges a real delivery meets: GitHub's webhook
 * schemas and the app's own checks at the door (src/handlers/payloads.ts). The schema check is
 * shown to reject broken payloads, so a payload passing it means something.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import {
  checkRunRerequestedPayload,
  installationPayload,
  installationRepositoriesPayload,
  issueCommentPayload,
  parsePayload,
  pushPayload,
  workflowRunCompletedPayload,
} from '../../src/handlers/payloads.js';
import { IMPACT_CHECK_NAME } from '../../src/impact/check-output.js';
import { batchCorrelationId, newCorrelationId, parseRunName } from '../../src/impact/correlation.js';
import { examplePayload } from '../support/webhooks.js';
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
  type IssueState,
  type Json,
  type RepoState,
  type RunState,
} from './webhook-payloads.js';
import { checkWebhookPayload, UnknownWebhookEventError, WebhookPayloadError } from './webhook-schema.js';

const site = { htmlBase: 'http://127.0.0.1:47811', apiBase: 'http://127.0.0.1:47811/api/v3' };
const org = { login: 'acme-corp', id: 7001, type: 'Organization' as const };
const repo: RepoState = { ...site, id: 3101, owner: org, name: 'billing-svc', defaultBranch: 'trunk', private: true };
const dev = { login: 'dana-dev', id: 5150 };
const HEAD = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c';
const BASE = '9a8b7c6d5e4f30219a8b7c6d5e4f30219a8b7c6d';
const repoApi = `${site.apiBase}/repos/acme-corp/billing-svc`;
const repoWeb = `${site.htmlBase}/acme-corp/billing-svc`;

function installationInput() {
  return {
    ...site,
    installationId: 880011,
    appId: 4242,
    account: org,
    repositories: [
      { id: 3101, name: 'billing-svc', fullName: 'acme-corp/billing-svc', private: true },
      { id: 3102, name: 'ledger', fullName: 'acme-corp/ledger', private: false },
    ],
    sender: dev,
  };
}

function pushInput() {
  return {
    installationId: 880011,
    repository: repo,
    ref: 'refs/heads/trunk',
    before: BASE,
    after: HEAD,
    commits: [
      { id: BASE.replace('9a', '77'), message: 'tidy', added: ['docs/a.md'], modified: [], removed: [] },
      {
        id: HEAD,
        message: 'schedule weekly',
        added: [],
        modified: ['.github/gomod-steward.yml'],
        removed: ['old.txt'],
      },
    ],
    pusher: { name: 'dana-dev', email: 'dana@example.test' },
    sender: dev,
  };
}

function issueInput(issue: Partial<IssueState> = {}) {
  return {
    installationId: 880011,
    repository: repo,
    issue: {
      id: 66001,
      number: 17,
      title: 'Bump deps',
      body: 'batch',
      state: 'open' as const,
      isPullRequest: true,
      user: dev,
      labels: [{ id: 901, name: 'dependencies', color: '0366d6' }],
      ...issue,
    },
    comment: { id: 7700123, body: '@gomod-steward recreate', user: dev },
    sender: dev,
  };
}

function pullInput(merged: boolean) {
  return {
    installationId: 880011,
    repository: repo,
    pull: {
      id: 55002,
      number: 17,
      title: 'Bump deps',
      body: null,
      head: 'gomod-steward/weekly',
      base: 'trunk',
      headSha: HEAD,
      baseSha: BASE,
      merged,
      mergeCommitSha: merged ? BASE : null,
      user: dev,
    },
    sender: dev,
  };
}

const runName = `gomod-steward impact ${batchCorrelationId(newCorrelationId(), 2)}`;

function runInput(run: Partial<RunState> = {}) {
  return {
    installationId: 880011,
    repository: repo,
    run: {
      id: 990001,
      name: 'gomod-steward impact',
      displayTitle: runName,
      headBranch: 'gomod-steward/weekly',
      headSha: HEAD,
      event: 'workflow_dispatch',
      conclusion: 'failure' as const,
      runAttempt: 2,
      path: '.github/workflows/gomod-steward-impact.yml',
      workflowId: 31337,
      createdAt: '2025-03-04T05:06:07Z',
      updatedAt: '2025-03-04T05:16:07Z',
      htmlUrl: `${repoWeb}/actions/runs/990001`,
      ...run,
    },
    sender: dev,
  };
}

function checkInput() {
  return {
    installationId: 880011,
    repository: repo,
    checkRun: {
      id: 4400,
      name: IMPACT_CHECK_NAME,
      headSha: HEAD,
      headBranch: 'gomod-steward/weekly',
      conclusion: 'failure' as const,
      checkSuiteId: 4500,
      pullRequests: [
        { id: 55002, number: 17, head: { ref: 'gomod-steward/weekly', sha: HEAD }, base: { ref: 'trunk', sha: BASE } },
      ],
    },
    app: { id: 4242, slug: 'gomod-steward', name: 'gomod-steward', owner: org },
    sender: dev,
  };
}

function examplesOf(event: string): Json[] {
  const all = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Json[] }[];
  return all.find((d) => d.name === event)?.examples ?? [];
}

/** Every string under `key`, at any depth. */
function valuesOf(value: unknown, key: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === key && typeof v === 'string' ? [v] : valuesOf(v, key)));
}

/** Every `(path, link)` under a key GitHub uses for links. */
function links(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => links(v, `${path}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' && /(?:^|_)url$|^href$|^compare$/.test(k) && v !== ''
      ? [[`${path}/${k}`, v]]
      : links(v, `${path}/${k}`),
  );
}

const builders: [string, string, () => Json][] = [
  ['installationCreated', 'installation', () => installationCreated(installationInput())],
  [
    'installationRepositoriesAdded',
    'installation_repositories',
    () =>
      installationRepositoriesAdded({ ...installationInput(), repositoriesAdded: installationInput().repositories }),
  ],
  ['push', 'push', () => push(pushInput())],
  ['issueCommentCreated', 'issue_comment', () => issueCommentCreated(issueInput())],
  [
    'issuesEdited',
    'issues',
    () => {
      const { comment: _comment, ...input } = issueInput({ isPullRequest: false, title: 'gomod-steward dashboard' });
      return issuesEdited({ ...input, from: '- [ ] box' });
    },
  ],
  ['pullRequestClosed', 'pull_request', () => pullRequestClosed(pullInput(true))],
  ['pullRequestEvent opened', 'pull_request', () => pullRequestEvent('opened', pullInput(false))],
  ['pullRequestEvent synchronize', 'pull_request', () => pullRequestEvent('synchronize', pullInput(false))],
  ['pullRequestEvent reopened', 'pull_request', () => pullRequestEvent('reopened', pullInput(false))],
  ['workflowRunCompleted', 'workflow_run', () => workflowRunCompleted(runInput())],
  ['checkRunRerequested', 'check_run', () => checkRunRerequested(checkInput())],
];

describe('checkWebhookPayload', () => {
  it('accepts a real example payload of GitHub, picking the schema by event and action', () => {
    expect(checkWebhookPayload('installation', examplePayload('installation', 'created'))).toEqual([]);
    expect(
      checkWebhookPayload(
        'push',
        examplePayload('push', undefined, (p) => p['ref'] === 'refs/heads/master'),
      ),
    ).toEqual([]);
  });

  it('rejects a payload without a required field', () => {
    const p = installationCreated(installationInput());
    delete p['sender'];
    expect(checkWebhookPayload('installation', p)).toContainEqual(
      expect.stringMatching(/^\(root\): .*required property 'sender'/),
    );
  });

  it('rejects a field of the wrong type', () => {
    const p = push(pushInput());
    (p['repository'] as Json)['id'] = String(repo.id);
    expect(checkWebhookPayload('push', p)).toContain('/repository/id: must be integer');
  });

  it('rejects a value outside an enum', () => {
    const p = workflowRunCompleted(runInput());
    (p['workflow_run'] as Json)['conclusion'] = 'exploded';
    expect(checkWebhookPayload('workflow_run', p)).toContainEqual(
      expect.stringMatching(/^\/workflow_run\/conclusion: must be one of .*"success"/),
    );
  });

  it('rejects a property the schema does not allow and a link that is not a URI', () => {
    const p = issueCommentCreated(issueInput());
    (p['sender'] as Json)['favourite_colour'] = 'teal';
    (p['comment'] as Json)['html_url'] = 'not a link';
    const problems = checkWebhookPayload('issue_comment', p);
    expect(problems).toContain('/sender: unexpected property "favourite_colour"');
    expect(problems).toContainEqual(expect.stringMatching(/^\/comment\/html_url: must match format "uri"/));
  });

  it('judges an action by its own schema and names the actions an event has', () => {
    const p = pullRequestClosed(pullInput(false));
    expect(checkWebhookPayload('pull_request', { ...p, action: 'opened' })).not.toEqual([]);
    const problems = checkWebhookPayload('pull_request', { ...p, action: 'exploded' });
    expect(problems).toEqual([
      expect.stringMatching(/^\/action: pull_request needs one of .*"closed".*got "exploded"$/),
    ]);
  });

  it('throws a typed error for an event GitHub does not send', () => {
    expect(() => checkWebhookPayload('no_such_event', {})).toThrow(UnknownWebhookEventError);
  });
});

describe('webhook payload builders', () => {
  it.each(builders)("%s fits GitHub's schema and links only to the stand-in", (_name, event, build) => {
    const p = build();
    expect(checkWebhookPayload(event, p)).toEqual([]);
    const found = links(p);
    expect(found.length).toBeGreaterThan(3);
    const away = found.filter(
      ([, url]) =>
        !url.startsWith(`${site.htmlBase}/`) &&
        !url.startsWith(`${site.apiBase}/`) &&
        !url.startsWith('git://127.0.0.1:47811/') &&
        !url.startsWith('git@127.0.0.1:'),
    );
    expect(away).toEqual([]);
  });

  it.each(builders)('%s keeps no account or repository of the examples', (_name, event, build) => {
    const body = JSON.stringify(build());
    const ours = new Set(['acme-corp', 'dana-dev']);
    for (const example of examplesOf(event)) {
      for (const login of valuesOf(example, 'login'))
        if (!ours.has(login)) expect(body).not.toContain(`"login":"${login}"`);
      for (const name of valuesOf(example, 'full_name')) expect(body).not.toContain(`/${name}`);
    }
  });

  it('installationCreated: the installation, account and listed repositories come from the state, and the app accepts it', () => {
    const p = installationCreated(installationInput());
    const inst = p['installation'] as Json;
    expect(inst).toMatchObject({
      id: 880011,
      app_id: 4242,
      target_id: 7001,
      target_type: 'Organization',
      repository_selection: 'selected',
    });
    expect(inst['account']).toMatchObject({
      login: 'acme-corp',
      id: 7001,
      type: 'Organization',
      url: `${site.apiBase}/users/acme-corp`,
    });
    expect(inst['access_tokens_url']).toBe(`${site.apiBase}/app/installations/880011/access_tokens`);
    expect(p['sender']).toMatchObject({ login: 'dana-dev', id: 5150, type: 'User' });
    const parsed = parsePayload(installationPayload, 'installation.created', p);
    expect(parsed.installation.id).toBe(880011);
    expect(parsed.repositories).toEqual([
      { id: 3101, name: 'billing-svc', full_name: 'acme-corp/billing-svc' },
      { id: 3102, name: 'ledger', full_name: 'acme-corp/ledger' },
    ]);
  });

  it('installationRepositoriesAdded: lists the added repositories, removes none, and the app accepts it', () => {
    const added = [{ id: 3103, name: 'ops', fullName: 'acme-corp/ops', private: true }];
    const p = installationRepositoriesAdded({ ...installationInput(), repositoriesAdded: added, requester: null });
    expect(p['requester']).toBeNull();
    const parsed = parsePayload(installationRepositoriesPayload, 'installation_repositories.added', p);
    expect(parsed).toMatchObject({
      installation: { id: 880011 },
      repositories_added: [{ id: 3103, full_name: 'acme-corp/ops' }],
      repositories_removed: [],
    });
  });

  it('push: refs, shas, commits and the repository come from the state, and the app accepts it', () => {
    const p = push(pushInput());
    expect(p).toMatchObject({
      ref: 'refs/heads/trunk',
      before: BASE,
      after: HEAD,
      created: false,
      deleted: false,
      forced: false,
      pusher: { name: 'dana-dev' },
    });
    expect(p['compare']).toBe(`${repoWeb}/compare/${BASE.slice(0, 12)}...${HEAD.slice(0, 12)}`);
    expect(p['head_commit']).toMatchObject({
      id: HEAD,
      url: `${repoWeb}/commit/${HEAD}`,
      modified: ['.github/gomod-steward.yml'],
    });
    expect(p['repository']).toMatchObject({
      id: 3101,
      full_name: 'acme-corp/billing-svc',
      default_branch: 'trunk',
      master_branch: 'trunk',
      private: true,
      visibility: 'private',
      clone_url: `${repoWeb}.git`,
    });
    expect(p['organization']).toMatchObject({ login: 'acme-corp', id: 7001, url: `${site.apiBase}/orgs/acme-corp` });
    const parsed = parsePayload(pushPayload, 'push', p);
    expect(parsed).toMatchObject({
      after: HEAD,
      installation: { id: 880011 },
      repository: { id: 3101, name: 'billing-svc', owner: { login: 'acme-corp' }, default_branch: 'trunk' },
    });
    expect(parsed.commits.map((c) => c.removed)).toEqual([[], ['old.txt']]);
  });

  it('push of a new branch is `created` and compares nothing', () => {
    const p = push({ ...pushInput(), before: '0'.repeat(40) });
    expect(p).toMatchObject({ created: true, compare: `${repoWeb}/commit/${HEAD}` });
  });

  it('issueCommentCreated on a pull request: the issue carries pull_request links, and the app accepts it as a command candidate', () => {
    const p = issueCommentCreated(issueInput());
    const issue = p['issue'] as Json;
    expect(issue).toMatchObject({
      id: 66001,
      number: 17,
      title: 'Bump deps',
      state: 'open',
      url: `${repoApi}/issues/17`,
      html_url: `${repoWeb}/pull/17`,
      author_association: 'NONE',
    });
    expect(issue['pull_request']).toEqual({
      url: `${repoApi}/pulls/17`,
      html_url: `${repoWeb}/pull/17`,
      diff_url: `${repoWeb}/pull/17.diff`,
      patch_url: `${repoWeb}/pull/17.patch`,
      merged_at: null,
    });
    expect(issue['labels']).toEqual([
      expect.objectContaining({
        id: 901,
        name: 'dependencies',
        color: '0366d6',
        url: `${repoApi}/labels/dependencies`,
      }),
    ]);
    expect(p['comment']).toMatchObject({
      id: 7700123,
      url: `${repoApi}/issues/comments/7700123`,
      html_url: `${repoWeb}/pull/17#issuecomment-7700123`,
      issue_url: `${repoApi}/issues/17`,
    });
    const parsed = parsePayload(issueCommentPayload, 'issue_comment.created', p);
    expect(parsed.issue.pull_request).toBeTruthy();
    expect(parsed.comment).toEqual({
      id: 7700123,
      body: '@gomod-steward recreate',
      user: { login: 'dana-dev', type: 'User' },
    });
    expect(parsed.repository).toEqual({ id: 3101, name: 'billing-svc', owner: { login: 'acme-corp' } });
  });

  it('issueCommentCreated on a plain issue has no pull_request, and a bot author is typed Bot', () => {
    const bot = { login: 'helper[bot]', id: 8080, type: 'Bot' as const };
    const input = issueInput({ isPullRequest: false, state: 'closed', user: org });
    const p = issueCommentCreated({ ...input, comment: { ...input.comment, user: bot } });
    const issue = p['issue'] as Json;
    expect(issue).not.toHaveProperty('pull_request');
    expect(issue).toMatchObject({ html_url: `${repoWeb}/issues/17`, state: 'closed', author_association: 'OWNER' });
    expect(typeof issue['closed_at']).toBe('string');
    const parsed = parsePayload(issueCommentPayload, 'issue_comment.created', p);
    expect(parsed.issue.pull_request).toBeUndefined();
    expect(parsed.comment.user).toEqual({ login: 'helper[bot]', type: 'Bot' });
    expect(p['comment']).toMatchObject({
      user: { url: `${site.apiBase}/users/helper%5Bbot%5D`, node_id: Buffer.from('03:Bot8080').toString('base64') },
    });
  });

  it('pullRequestClosed: merged or not, head and base come from the state', () => {
    const merged = pullRequestClosed(pullInput(true));
    expect(merged['number']).toBe(17);
    const pr = merged['pull_request'] as Json;
    expect(pr).toMatchObject({
      id: 55002,
      number: 17,
      state: 'closed',
      merged: true,
      merge_commit_sha: BASE,
      url: `${repoApi}/pulls/17`,
      statuses_url: `${repoApi}/statuses/${HEAD}`,
      body: null,
    });
    expect(pr['head']).toMatchObject({
      ref: 'gomod-steward/weekly',
      sha: HEAD,
      label: 'acme-corp:gomod-steward/weekly',
      repo: { id: 3101, full_name: 'acme-corp/billing-svc' },
    });
    expect(pr['base']).toMatchObject({ ref: 'trunk', sha: BASE });
    expect(typeof pr['merged_at']).toBe('string');
    expect(pr['merged_by']).toMatchObject({ login: 'dana-dev' });
    const closed = pullRequestClosed(pullInput(false))['pull_request'] as Json;
    expect(closed).toMatchObject({ merged: false, merged_at: null, merged_by: null, merge_commit_sha: null });
  });

  it('workflowRunCompleted: a dispatched run with its run-name as display_title and no pull requests, which the app takes for an impact run', () => {
    const p = workflowRunCompleted(runInput());
    const run = p['workflow_run'] as Json;
    expect(run).toMatchObject({
      id: 990001,
      display_title: runName,
      event: 'workflow_dispatch',
      pull_requests: [],
      status: 'completed',
      conclusion: 'failure',
      run_attempt: 2,
      head_branch: 'gomod-steward/weekly',
      head_sha: HEAD,
      html_url: `${repoWeb}/actions/runs/990001`,
      url: `${repoApi}/actions/runs/990001`,
      previous_attempt_url: `${repoApi}/actions/runs/990001/attempts/1`,
      workflow_id: 31337,
      workflow_url: `${repoApi}/actions/workflows/31337`,
    });
    expect(run['head_commit']).toMatchObject({ id: HEAD });
    expect(p['workflow']).toMatchObject({
      id: 31337,
      path: '.github/workflows/gomod-steward-impact.yml',
      html_url: `${repoWeb}/blob/trunk/.github/workflows/gomod-steward-impact.yml`,
    });
    const parsed = parsePayload(workflowRunCompletedPayload, 'workflow_run', p);
    expect(parsed.workflow_run).toMatchObject({
      id: 990001,
      run_attempt: 2,
      display_title: runName,
      pull_requests: [],
    });
    expect(parseRunName(parsed.workflow_run.display_title)).toMatchObject({ batch: 2 });
    expect(workflowRunCompleted(runInput({ runAttempt: 1 }))['workflow_run']).toMatchObject({
      previous_attempt_url: null,
    });
  });

  it('checkRunRerequested: the impact check with its pull requests, and the app accepts it', () => {
    const p = checkRunRerequested(checkInput());
    const run = p['check_run'] as Json;
    expect(run).toMatchObject({
      id: 4400,
      name: IMPACT_CHECK_NAME,
      head_sha: HEAD,
      url: `${repoApi}/check-runs/4400`,
      html_url: `${repoWeb}/runs/4400`,
    });
    expect(run['app']).toMatchObject({
      id: 4242,
      slug: 'gomod-steward',
      html_url: `${site.htmlBase}/apps/gomod-steward`,
    });
    expect(run['check_suite']).toMatchObject({
      id: 4500,
      head_branch: 'gomod-steward/weekly',
      url: `${repoApi}/check-suites/4500`,
    });
    const parsed = parsePayload(checkRunRerequestedPayload, 'check_run', p);
    expect(parsed.check_run).toMatchObject({
      id: 4400,
      name: IMPACT_CHECK_NAME,
      pull_requests: [{ number: 17 }],
      check_suite: { head_branch: 'gomod-steward/weekly' },
    });
  });

  it('a repository a user owns carries no organization', () => {
    const own: RepoState = { ...repo, owner: { login: 'dana-dev', id: 5150, type: 'User' } };
    const p = push({ ...pushInput(), repository: own });
    expect(p).not.toHaveProperty('organization');
    expect(p['repository']).toMatchObject({
      full_name: 'dana-dev/billing-svc',
      owner: { login: 'dana-dev', type: 'User' },
    });
  });

  it('a builder throws, listing the problems, when its payload would not fit', () => {
    const bot = { login: 'helper[bot]', id: 8080, type: 'Bot' as const };
    expect(() => installationCreated({ ...installationInput(), account: bot })).toThrow(WebhookPayloadError);
    expect(() => installationCreated({ ...installationInput(), account: bot })).toThrow(
      /\/installation\/target_type: must be one of/,
    );
    const away = 'http://198.51.100.7/acme-corp/billing-svc/actions/runs/990001';
    expect(() => workflowRunCompleted(runInput({ htmlUrl: away }))).toThrow(
      `/workflow_run/html_url: ${away} does not point at the stand-in`,
    );
  });
});
