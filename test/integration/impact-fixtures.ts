/**
 * GitHub answers for the impact tests, each started from GitHub's documented example and checked
 * against its OpenAPI description by the mock; and the webhook payloads, adapted from
 * @octokit/webhooks-examples.
 */
import { expect } from '@jest/globals';
import { mockInstallationToken, notFound, startTestApp, type TestApp } from '../support/app-harness.js';
import { documentedExample, type GitHubMock } from '../support/github-openapi.js';
import { examplePayload } from '../support/webhooks.js';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { renderImpactSection } from '../../src/impact/render-section.js';
import { writeMeta, type PullMeta } from '../../src/pull-request/meta.js';
import { replaceSection, wrapSection } from '../../src/pull-request/sections.js';

export const OWNER = 'octo-org';
export const REPO = 'commerce';
export const REPO_ID = 4711;
export const PR = 42;
export const BRANCH = 'gomod-steward/main/all';
export const HEAD = '1'.repeat(40);
export const NEW_HEAD = '2'.repeat(40);
const R = `/repos/${OWNER}/${REPO}`;

export function meta(services: string[], over: Partial<PullMeta> = {}): PullMeta {
  return {
    v: 1,
    base: 'main',
    group: 'all',
    baseSha: 'b'.repeat(40),
    headSha: HEAD,
    updates: [
      {
        module: 'github.com/redis/go-redis/v9',
        to: 'v9.7.3',
        kind: 'patch',
        dirs: [{ dir: 'libs/xredis', from: 'v9.7.1' }],
      },
    ],
    affected: ['libs/xredis', ...services],
    services,
    ...over,
  };
}

/** A PR body as publish writes it: sections, then the metadata. */
export function prBody(m: PullMeta): string {
  const body = [
    wrapSection('summary', 'Upgrades Go dependencies.'),
    wrapSection('direct', '| module |'),
    wrapSection('commands', 'Commands…'),
  ].join('\n\n');
  return replaceSection(writeMeta(body, m), 'impact', renderImpactSection(m));
}

export interface TestRepo {
  app: TestApp;
  installationId: number;
  octokit(): Promise<GitHubClient>;
}

export async function startImpactApp(): Promise<TestRepo> {
  const app = await startTestApp();
  const installationId = 9001;
  mockInstallationToken(app.gh, installationId);
  return { app, installationId, octokit: () => app.runtime.probot.auth(installationId) as Promise<GitHubClient> };
}

export function mockPull(
  gh: GitHubMock,
  body: string,
  o: { head?: string; labels?: string[]; state?: 'open' | 'closed' } = {},
): void {
  gh.get(`${R}/pulls/${PR}`).reply(200, pullData(body, o));
}

export function mockPullByBranch(
  gh: GitHubMock,
  body: string,
  o: { head?: string; labels?: string[]; autoMerge?: boolean } = {},
): void {
  const [item] = documentedExample('get', `${R}/pulls`, 200) as Record<string, unknown>[];
  const full = pullData(body, o);
  gh.get(`${R}/pulls`, { state: 'open', head: `${OWNER}:${BRANCH}`, per_page: '10' }).reply(200, [
    {
      ...item,
      number: PR,
      node_id: full['node_id'],
      body,
      state: 'open',
      head: full['head'],
      labels: full['labels'],
      requested_teams: [],
      auto_merge: o.autoMerge
        ? { enabled_by: item!['user'], merge_method: 'merge', commit_title: 'chore(deps)', commit_message: '' }
        : null,
    },
  ]);
}

function pullData(
  body: string,
  o: { head?: string; labels?: string[]; state?: 'open' | 'closed' },
): Record<string, unknown> {
  const pr = documentedExample('get', `${R}/pulls/${PR}`, 200) as Record<string, unknown>;
  const head = pr['head'] as Record<string, unknown>;
  const [label] = pr['labels'] as Record<string, unknown>[];
  return {
    ...pr,
    number: PR,
    node_id: 'PR_kwDOTEST42',
    body,
    state: o.state ?? 'open',
    head: { ...head, ref: BRANCH, sha: o.head ?? HEAD },
    labels: (o.labels ?? []).map((name, i) => ({ ...label, id: 100 + i, name })),
    // The documented example's team lacks the `type` its own schema requires; bot PRs request no team.
    requested_teams: [],
  };
}

export function mockConfig(gh: GitHubMock, text: string | null): void {
  const path = `${R}/contents/.github%2Fgomod-steward.yml`;
  if (text === null) {
    gh.get(path).reply(404, notFound());
    return;
  }
  gh.get(path).reply(200, fileContent(path, '.github/gomod-steward.yml', text));
}

export function mockWorkflowFile(gh: GitHubMock, text: string | null, ref = HEAD, name = 'gomod-impact.yml'): void {
  const path = `${R}/contents/.github%2Fworkflows%2F${name}`;
  if (text === null) {
    gh.get(path, { ref }).reply(404, notFound());
    return;
  }
  gh.get(path, { ref }).reply(200, fileContent(path, `.github/workflows/${name}`, text));
}

function fileContent(path: string, repoPath: string, text: string): Record<string, unknown> {
  const body = documentedExample('get', path, 200) as Record<string, unknown>;
  return {
    ...body,
    type: 'file',
    encoding: 'base64',
    name: repoPath.split('/').pop(),
    path: repoPath,
    size: Buffer.byteLength(text),
    content: Buffer.from(text).toString('base64'),
  };
}

export function mockCheckCreate(gh: GitHubMock, id: number): void {
  const body = documentedExample('post', `${R}/check-runs`, 201) as Record<string, unknown>;
  gh.post(`${R}/check-runs`).reply(201, { ...body, id, name: 'gomod-steward / impact' });
}

export function mockCheckUpdate(gh: GitHubMock, id: number): void {
  const body = documentedExample('patch', `${R}/check-runs/${id}`, 200) as Record<string, unknown>;
  gh.patch(`${R}/check-runs/${id}`).reply(200, { ...body, id, name: 'gomod-steward / impact' });
}

export function mockDispatch(
  gh: GitHubMock,
  reply: { runId: number } | 204 | 422,
  workflow = 'gomod-impact.yml',
): void {
  const path = `${R}/actions/workflows/${workflow}/dispatches`;
  if (reply === 204) gh.post(path).reply(204);
  else if (reply === 422)
    gh.post(path).reply(422, {
      message: 'Invalid request.\n\n"return_run_details" is not a permitted key.',
      documentation_url: 'https://docs.github.com/enterprise-server@3.14/rest',
    });
  else
    gh.post(path).reply(200, {
      workflow_run_id: reply.runId,
      run_url: `https://api.github.com${R}/actions/runs/${reply.runId}`,
      html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${reply.runId}`,
    });
}

export function mockPullUpdate(gh: GitHubMock): void {
  gh.patch(`${R}/pulls/${PR}`).reply(200, {
    ...(documentedExample('patch', `${R}/pulls/${PR}`, 200) as Record<string, unknown>),
    requested_teams: [],
  });
}

export function mockCancelRun(gh: GitHubMock, runId: number): void {
  gh.post(`${R}/actions/runs/${runId}/cancel`).reply(202, {});
}

export interface JobSpec {
  name: string;
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out';
  seconds?: number;
}

/** `GET …/runs/{id}/jobs` in pages of `pageSize`, linked by `Link: rel="next"`. */
export function mockJobs(gh: GitHubMock, runId: number, jobs: JobSpec[], pageSize = 100): void {
  const page = documentedExample('get', `${R}/actions/runs/${runId}/jobs`, 200) as { jobs: Record<string, unknown>[] };
  const template = page.jobs[0] ?? {};
  const pages = Math.max(1, Math.ceil(jobs.length / pageSize));
  for (let p = 1; p <= pages; p++) {
    const slice = jobs.slice((p - 1) * pageSize, p * pageSize);
    const query: Record<string, string> = p === 1 ? { per_page: '100' } : { per_page: '100', page: String(p) };
    const link: Record<string, string> =
      p < pages
        ? { link: `<https://api.github.com${R}/actions/runs/${runId}/jobs?per_page=100&page=${p + 1}>; rel="next"` }
        : {};
    gh.get(`${R}/actions/runs/${runId}/jobs`, query).reply(
      200,
      {
        total_count: jobs.length,
        jobs: slice.map((j, i) => ({
          ...template,
          id: runId * 1000 + (p - 1) * pageSize + i,
          run_id: runId,
          name: j.name,
          status: 'completed',
          conclusion: j.conclusion,
          created_at: '2025-03-01T09:59:50Z',
          started_at: '2025-03-01T10:00:00Z',
          completed_at: new Date(Date.parse('2025-03-01T10:00:00Z') + (j.seconds ?? 90) * 1000)
            .toISOString()
            .replace(/\.\d+Z$/, 'Z'),
          html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${runId}/job/${runId * 1000 + (p - 1) * pageSize + i}`,
        })),
      },
      link,
    );
  }
}

export function mockAddLabels(gh: GitHubMock): void {
  gh.post(`${R}/issues/${PR}/labels`).reply(200, documentedExample('post', `${R}/issues/${PR}/labels`, 200));
}

export function mockRemoveLabel(gh: GitHubMock, name: string): void {
  gh.delete(`${R}/issues/${PR}/labels/${encodeURIComponent(name)}`).reply(
    200,
    documentedExample('delete', `${R}/issues/${PR}/labels/x`, 200),
  );
}

export function mockMerge(gh: GitHubMock): void {
  gh.put(`${R}/pulls/${PR}/merge`).reply(200, documentedExample('put', `${R}/pulls/${PR}/merge`, 200));
}

/** A `workflow_run.completed` delivery for one of our runs, from the workflow_dispatch example. */
export function workflowRunCompleted(
  installationId: number,
  o: { runId: number; runName: string; conclusion: string; branch?: string },
): Record<string, unknown> {
  const p = examplePayload(
    'workflow_run',
    'completed',
    (x) => (x['workflow_run'] as { event?: string }).event === 'workflow_dispatch',
  );
  (p['installation'] as { id: number }) = { ...(p['installation'] as object), id: installationId } as { id: number };
  const repository = p['repository'] as Record<string, unknown>;
  Object.assign(repository, {
    id: REPO_ID,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    owner: { ...(repository['owner'] as object), login: OWNER },
  });
  const run = p['workflow_run'] as Record<string, unknown>;
  Object.assign(run, {
    id: o.runId,
    display_title: o.runName,
    name: 'gomod-impact',
    path: '.github/workflows/gomod-impact.yml',
    status: 'completed',
    conclusion: o.conclusion,
    head_branch: o.branch ?? BRANCH,
    head_sha: HEAD,
    html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${o.runId}`,
    pull_requests: [],
  });
  return p;
}

/** A `check_run.rerequested` delivery for the impact check. */
export function checkRunRerequested(
  installationId: number,
  checkRunId: number,
  name = 'gomod-steward / impact',
): Record<string, unknown> {
  const p = examplePayload('check_run', 'rerequested');
  p['installation'] = { ...(p['installation'] as object), id: installationId };
  const repository = p['repository'] as Record<string, unknown>;
  Object.assign(repository, {
    id: REPO_ID,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    owner: { ...(repository['owner'] as object), login: OWNER },
  });
  const cr = p['check_run'] as Record<string, unknown>;
  Object.assign(cr, { id: checkRunId, name, head_sha: HEAD, pull_requests: [] });
  (cr['check_suite'] as Record<string, unknown>)['head_branch'] = BRANCH;
  return p;
}

/** The bodies of the requests to one method and path, in order. */
export function sent<T = Record<string, unknown>>(gh: GitHubMock, method: string, pathEnd: string | RegExp): T[] {
  return gh.requests
    .filter(
      (r) =>
        r.method === method &&
        (typeof pathEnd === 'string' ? r.path.split('?')[0]?.endsWith(pathEnd) : pathEnd.test(r.path)),
    )
    .map((r) => r.body as T);
}

export function lastBody(gh: GitHubMock): string {
  const updates = sent<{ body: string }>(gh, 'PATCH', `/pulls/${PR}`);
  expect(updates.length).toBeGreaterThan(0);
  return updates[updates.length - 1]?.body ?? '';
}

export const TEMPLATE_TEXT = `on:\n  workflow_dispatch:\n    inputs:\n      services: {type: string, required: true}\n      pr: {type: string}\n      correlation_id: {type: string}\njobs: {}\n`;
