/**
 * GitHub as the comment commands see it, for tests: `issue_comment.created` payloads adapted
 * from @octokit/webhooks-examples to a comment on a bot pull request, replies built from the
 * documented examples, and a stateful dashboard-issue store (list, create, get, update) whose
 * every request and reply is checked against GitHub's OpenAPI description, like `mockGitHub`.
 */
import nock from 'nock';
import { renderCommandsSection } from '../../src/commands/help.js';
import { renderMeta, type PullMeta } from '../../src/pull-request/meta.js';
import { wrapSection } from '../../src/pull-request/sections.js';
import { checkRequest, checkResponse, documentedExample, resolve, type GitHubMock } from './github-openapi.js';
import { examplePayload } from './webhooks.js';

export const SLUG = 'gomod-steward';
export const BOT = `${SLUG}[bot]`;

export interface Repo {
  installationId: number;
  repositoryId: number;
  owner: string;
  repo: string;
}

export interface CommentSpec {
  body: string;
  commentId: number;
  pullNumber?: number;
  login?: string;
  userType?: 'User' | 'Bot';
  /** false: the comment is on a plain issue. */
  onPull?: boolean;
}

/** A real `issue_comment.created` payload, moved onto `repo` and made a comment on a pull request. */
export function commentPayload(r: Repo, c: CommentSpec): Record<string, unknown> {
  const p = examplePayload('issue_comment', 'created');
  p['installation'] = { id: r.installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  const repository = p['repository'] as Record<string, unknown>;
  repository['id'] = r.repositoryId;
  repository['name'] = r.repo;
  repository['full_name'] = `${r.owner}/${r.repo}`;
  (repository['owner'] as Record<string, unknown>)['login'] = r.owner;
  const issue = p['issue'] as Record<string, unknown>;
  const number = c.pullNumber ?? 1;
  issue['number'] = number;
  if (c.onPull !== false) {
    const html = `https://github.com/${r.owner}/${r.repo}/pull/${number}`;
    issue['pull_request'] = {
      url: `https://api.github.com/repos/${r.owner}/${r.repo}/pulls/${number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: null,
    };
  }
  const comment = p['comment'] as Record<string, unknown>;
  comment['id'] = c.commentId;
  comment['body'] = c.body;
  const user = comment['user'] as Record<string, unknown>;
  user['login'] = c.login ?? 'octocat';
  user['type'] = c.userType ?? 'User';
  return p;
}

export function botPullBody(meta: PullMeta): string {
  return [
    wrapSection('summary', 'Upgrades Go dependencies.'),
    wrapSection('commands', renderCommandsSection(SLUG)),
    renderMeta(meta),
  ].join('\n\n');
}

export function pullMeta(updates: PullMeta['updates']): PullMeta {
  return {
    v: 1,
    base: 'main',
    group: 'all',
    baseSha: 'a'.repeat(40),
    headSha: 'b'.repeat(40),
    updates,
    affected: ['services/api'],
    services: ['services/api'],
  };
}

export interface PullSpec {
  number?: number;
  author?: string;
  body: string;
  state?: 'open' | 'closed';
}

/** `GET /repos/{owner}/{repo}/pulls/{n}`. */
export function mockPull(gh: GitHubMock, r: Repo, p: PullSpec): void {
  const number = p.number ?? 1;
  const path = `/repos/${r.owner}/${r.repo}/pulls/${number}`;
  const example = documentedExample('get', path, 200) as Record<string, unknown>;
  const user = {
    ...(example['user'] as object),
    login: p.author ?? BOT,
    type: (p.author ?? BOT).endsWith('[bot]') ? 'Bot' : 'User',
  };
  const head = { ...(example['head'] as object), ref: 'gomod-steward/main/all', sha: 'b'.repeat(40) };
  const base = { ...(example['base'] as object), ref: 'main' };
  gh.get(path).reply(200, {
    ...example,
    number,
    user,
    head,
    base,
    body: p.body,
    state: p.state ?? 'open',
    merged: false,
    requested_teams: [],
    requested_reviewers: [],
  });
}

/** `PATCH /repos/{owner}/{repo}/pulls/{n}` (closing it). */
export function mockPullClosed(gh: GitHubMock, r: Repo, number = 1): void {
  const path = `/repos/${r.owner}/${r.repo}/pulls/${number}`;
  const example = documentedExample('patch', path, 200) as Record<string, unknown>;
  gh.patch(path).reply(200, { ...example, number, state: 'closed', requested_teams: [], requested_reviewers: [] });
}

/** `GET …/collaborators/{user}/permission`: `permission` in the legacy scale, `role_name` the role. */
export function mockPermission(gh: GitHubMock, r: Repo, login: string, permission: string, roleName: string): void {
  const path = `/repos/${r.owner}/${r.repo}/collaborators/${login}/permission`;
  const example = documentedExample('get', path, 200) as Record<string, unknown>;
  gh.get(path).reply(200, {
    ...example,
    permission,
    role_name: roleName,
    user: { ...(example['user'] as object), login, role_name: roleName },
  });
}

/** `POST …/issues/comments/{id}/reactions`. */
export function mockReaction(gh: GitHubMock, r: Repo, commentId: number, content: string): void {
  const path = `/repos/${r.owner}/${r.repo}/issues/comments/${commentId}/reactions`;
  const example = documentedExample('post', path, 201) as Record<string, unknown>;
  gh.post(path).reply(201, { ...example, content });
}

/** `POST …/issues/{n}/comments`: the bot's reply. */
export function mockReply(gh: GitHubMock, r: Repo, number = 1): void {
  const path = `/repos/${r.owner}/${r.repo}/issues/${number}/comments`;
  const example = documentedExample('post', path, 201) as Record<string, unknown>;
  gh.post(path).reply(201, { ...example, id: 9000 + number });
}

/** `GET /app`, for the slug. */
export function mockApp(gh: GitHubMock, slug: string): void {
  const example = documentedExample('get', '/app', 200) as Record<string, unknown>;
  gh.get('/app').reply(200, { ...example, slug });
}

/** The request bodies the bot sent to a path, in order. */
export function sent(gh: GitHubMock, method: string, pathEnd: string): unknown[] {
  return gh.requests.filter((q) => q.method === method && q.path.split('?')[0]?.endsWith(pathEnd)).map((q) => q.body);
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  author: string;
  state: 'open' | 'closed';
  isPull?: boolean;
}

/**
 * The repository's issues, held in memory and served through nock (until `nock.cleanAll()`); `delayMs`
 * delays every reply so that concurrent writers really overlap.
 */
export class FakeIssues {
  readonly issues: StoredIssue[] = [];
  readonly violations: string[] = [];
  readonly log: string[] = [];
  /** Runs once right after the next body update is stored: a person editing the issue at that moment. */
  afterNextUpdate: ((issue: StoredIssue) => void) | undefined;
  private readonly template: Record<string, unknown>;

  constructor(
    private readonly r: Repo,
    private readonly delayMs = 0,
  ) {
    // This example's value is itself a `$ref` to a shared example.
    this.template = structuredClone(
      resolve(documentedExample('get', `/repos/${r.owner}/${r.repo}/issues/1`, 200))['value'],
    ) as Record<string, unknown>;
    const base = `/repos/${r.owner}/${r.repo}/issues`;
    const one = new RegExp(`^${base}/(\\d+)$`);
    nock('https://api.github.com')
      .persist()
      .get((uri) => uri.split('?')[0] === base)
      .reply((uri) => this.answer('get', uri, undefined, () => [200, this.list(new URL(uri, 'http://x').searchParams)]))
      .post(base)
      .reply((uri, body) =>
        this.answer('post', uri, body, () => [201, this.create(body as { title: string; body: string })]),
      )
      .get(one)
      .reply((uri) => this.answer('get', uri, undefined, () => this.get(Number(one.exec(uri)?.[1]))))
      .patch(one)
      .reply((uri, body) =>
        this.answer('patch', uri, body, () => this.update(Number(one.exec(uri)?.[1]), body as { body?: string })),
      );
  }

  add(issue: Omit<StoredIssue, 'number'>): StoredIssue {
    const stored = { ...issue, number: this.issues.length + 1 };
    this.issues.push(stored);
    return stored;
  }

  done(): void {
    if (this.violations.length) throw new Error(`dashboard fake:\n  ${this.violations.join('\n  ')}`);
  }

  private async answer(
    method: string,
    uri: string,
    body: unknown,
    handle: () => [number, unknown],
  ): Promise<[number, unknown]> {
    const parsed = typeof body === 'string' && body !== '' ? (JSON.parse(body) as unknown) : body;
    const bad = checkRequest(method, uri, parsed);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (bad.length) {
      this.violations.push(...bad);
      return [400, { message: bad.join('; ') }];
    }
    const [status, reply] = handle();
    this.log.push(`${method.toUpperCase()} ${uri.split('?')[0]} → ${status}`);
    const problems = checkResponse(method, uri.split('?')[0] ?? uri, status, reply);
    if (problems.length) this.violations.push(...problems);
    return [status, reply];
  }

  private render(i: StoredIssue): Record<string, unknown> {
    const html = `https://github.com/${this.r.owner}/${this.r.repo}/issues/${i.number}`;
    return {
      ...this.template,
      id: 5000 + i.number,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      html_url: html,
      url: `https://api.github.com/repos/${this.r.owner}/${this.r.repo}/issues/${i.number}`,
      user: {
        ...(this.template['user'] as object),
        login: i.author,
        type: i.author.endsWith('[bot]') ? 'Bot' : 'User',
      },
      pull_request: i.isPull
        ? { url: `${html}.pr`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null }
        : undefined,
    };
  }

  private list(q: URLSearchParams): unknown[] {
    const state = q.get('state') ?? 'open';
    const creator = q.get('creator');
    const asc = q.get('direction') === 'asc';
    const found = this.issues.filter(
      (i) => (state === 'all' || i.state === state) && (!creator || i.author === creator),
    );
    return (asc ? found : [...found].reverse()).map((i) => this.render(i));
  }

  private create(body: { title: string; body: string }): unknown {
    return this.render(this.add({ title: body.title, body: body.body ?? '', author: BOT, state: 'open' }));
  }

  private get(n: number): [number, unknown] {
    const i = this.issues.find((x) => x.number === n);
    return i
      ? [200, this.render(i)]
      : [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
  }

  private update(n: number, body: { body?: string }): [number, unknown] {
    const i = this.issues.find((x) => x.number === n);
    if (!i) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
    if (body.body !== undefined) i.body = body.body;
    const reply = this.render(i);
    const hook = this.afterNextUpdate;
    this.afterNextUpdate = undefined;
    hook?.(i);
    return [200, reply];
  }
}
