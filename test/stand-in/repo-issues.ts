/**
 * Issues, issue comments, comment reactions and collaborator permissions of one stand-in
 * repository. Pull requests are issues too on GitHub (one numbering, labels and comments through
 * the issues API, `pull_request` set when listed as issues), so this tracker asks its repository
 * for the pulls it shares numbers with.
 */
import { nextGlobalId } from './global-ids.js';
import type { FallbackReply, FallbackRequest } from '../support/github-openapi.js';
import { documentedExample } from '../support/github-openapi.js';

type Json = Record<string, unknown>;

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  user: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: string;
  reactions: { content: string; user: string }[];
  /** ISO time it was written (comments are never edited here, so also its update time). */
  createdAt: string;
}

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

/** What the tracker needs of its repository. */
export interface IssueHost {
  readonly fullName: string;
  readonly api: string;
  readonly web: string;
  readonly botLogin: string;
  nextNumber(): number;
  /** The pull numbered `n` as the issues API shows it, or undefined. */
  pullAsIssue(
    n: number,
  ): { title: string; body: string; state: 'open' | 'closed'; labels: string[]; user: string } | undefined;
  /** Labels of pull `n` changed through the issues API. */
  setPullLabels(n: number, labels: string[]): boolean;
  pullNumbers(): number[];
}

const notFound = (): FallbackReply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
});
const invalid = (message: string): FallbackReply => ({
  status: 422,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

export class IssueTracker {
  readonly issues: FakeIssue[] = [];
  readonly comments: FakeComment[] = [];
  readonly permissions = new Map<string, Permission>();

  constructor(private readonly host: IssueHost) {}

  /** A comment someone (not the app) writes, as the web UI would store it. */
  addComment(issue: number, user: string, body: string): FakeComment {
    const c: FakeComment = {
      id: nextGlobalId('comment'),
      issue,
      body,
      user,
      reactions: [],
      createdAt: new Date().toISOString(),
    };
    this.comments.push(c);
    return c;
  }

  /** An issue as if `user` had opened it through the web UI (no webhook). */
  addIssue(title: string, body: string, user: string): FakeIssue {
    const issue: FakeIssue = { number: this.host.nextNumber(), title, body, state: 'open', labels: [], user };
    this.issues.push(issue);
    return issue;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  async handle(req: FallbackRequest, rest: string): Promise<FallbackReply | undefined> {
    const route = `${req.method} ${rest}`;
    let m: RegExpMatchArray | null;
    if (route === 'GET /issues') return this.list(req.query);
    if (route === 'POST /issues') return this.create(req.body as Json);
    if ((m = route.match(/^GET \/issues\/(\d+)$/))) return this.get(Number(m[1]));
    if ((m = route.match(/^PATCH \/issues\/(\d+)$/))) return this.update(Number(m[1]), req.body as Json);
    if ((m = route.match(/^POST \/issues\/(\d+)\/comments$/))) return this.comment(Number(m[1]), req.body as Json);
    if ((m = route.match(/^GET \/issues\/(\d+)\/comments$/))) return this.listComments(Number(m[1]));
    if (route === 'GET /issues/comments') return this.listRepoComments(req.query);
    if ((m = route.match(/^GET \/issues\/comments\/(\d+)\/reactions$/)))
      return this.listReactions(Number(m[1]), req.query);
    if ((m = route.match(/^POST \/issues\/(\d+)\/labels$/))) return this.addLabels(Number(m[1]), req.body as Json);
    if ((m = route.match(/^DELETE \/issues\/(\d+)\/labels\/(.+)$/))) return this.removeLabel(Number(m[1]), m[2]!);
    if ((m = route.match(/^POST \/issues\/comments\/(\d+)\/reactions$/)))
      return this.react(Number(m[1]), req.body as Json);
    if ((m = route.match(/^GET \/collaborators\/([^/]+)\/permission$/))) return this.permission(m[1]!);
    return undefined;
  }

  /** A simple-user, every field GitHub's description requires, pointing at the stand-in. */
  userJson(login: string): Json {
    const api = `${this.host.api}/users/${encodeURIComponent(login)}`;
    const id = idOf(login);
    return {
      login,
      id,
      node_id: `U_${id}`,
      avatar_url: `${this.host.web}/avatars/${id}`,
      gravatar_id: '',
      url: api,
      html_url: `${this.host.web}/${encodeURIComponent(login)}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      site_admin: false,
    };
  }

  private labelJson(name: string): Json {
    return {
      id: idOf(name),
      node_id: `L_${name}`,
      url: `${this.host.api}/repos/${this.host.fullName}/labels/${encodeURIComponent(name)}`,
      name,
      description: '',
      color: 'ededed',
      default: false,
    };
  }

  private find(n: number): (FakeIssue & { isPull: boolean }) | undefined {
    const issue = this.issues.find((i) => i.number === n);
    if (issue) return { ...issue, isPull: false };
    const pull = this.host.pullAsIssue(n);
    return pull ? { number: n, ...pull, isPull: true } : undefined;
  }

  private issueJson(i: FakeIssue & { isPull: boolean }): Json {
    const base = documentedExample('get', `/repos/${this.host.fullName}/issues/${i.number}`, 200) as Json;
    const url = `${this.host.api}/repos/${this.host.fullName}/issues/${i.number}`;
    const json: Json = {
      ...base,
      id: 2_000_000 + i.number,
      node_id: `I_${i.number}`,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: null,
      locked: false,
      user: this.userJson(i.user),
      labels: i.labels.map((l) => this.labelJson(l)),
      assignee: null,
      assignees: [],
      milestone: null,
      comments: this.commentsOn(i.number).length,
      url,
      html_url: `${this.host.web}/${this.host.fullName}/${i.isPull ? 'pull' : 'issues'}/${i.number}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      labels_url: `${url}/labels{/name}`,
      repository_url: `${this.host.api}/repos/${this.host.fullName}`,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      author_association: 'NONE',
      closed_at: i.state === 'closed' ? '2026-01-02T00:00:00Z' : null,
    };
    if (i.isPull) {
      json['pull_request'] = {
        url: `${this.host.api}/repos/${this.host.fullName}/pulls/${i.number}`,
        html_url: `${this.host.web}/${this.host.fullName}/pull/${i.number}`,
        diff_url: `${this.host.web}/${this.host.fullName}/pull/${i.number}.diff`,
        patch_url: `${this.host.web}/${this.host.fullName}/pull/${i.number}.patch`,
        merged_at: null,
      };
    } else {
      delete json['pull_request'];
    }
    return json;
  }

  private list(q: URLSearchParams): FallbackReply {
    const state = q.get('state') ?? 'open';
    const creator = q.get('creator');
    const all = [...this.issues.map((i) => i.number), ...this.host.pullNumbers()]
      .map((n) => this.find(n)!)
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => !creator || i.user.toLowerCase() === creator.toLowerCase())
      .sort((a, b) => (q.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
    return { status: 200, body: all.map((i) => this.issueJson(i)) };
  }

  private create(body: Json): FallbackReply {
    if (typeof body['title'] !== 'string' || body['title'] === '')
      return invalid('Validation Failed: title is missing');
    const issue: FakeIssue = {
      number: this.host.nextNumber(),
      title: body['title'],
      body: String(body['body'] ?? ''),
      state: 'open',
      labels: ((body['labels'] as string[] | undefined) ?? []).map(String),
      user: this.host.botLogin,
    };
    this.issues.push(issue);
    return { status: 201, body: this.issueJson({ ...issue, isPull: false }) };
  }

  private get(n: number): FallbackReply {
    const i = this.find(n);
    return i ? { status: 200, body: this.issueJson(i) } : notFound();
  }

  private update(n: number, body: Json): FallbackReply {
    const issue = this.issues.find((i) => i.number === n);
    if (!issue)
      return this.host.pullAsIssue(n) ? invalid('the stand-in edits pull requests through the pulls API') : notFound();
    if (typeof body['title'] === 'string') issue.title = body['title'];
    if (typeof body['body'] === 'string') issue.body = body['body'];
    if (body['state'] === 'open' || body['state'] === 'closed') issue.state = body['state'];
    return { status: 200, body: this.issueJson({ ...issue, isPull: false }) };
  }

  private commentJson(c: FakeComment): Json {
    const base = documentedExample('post', `/repos/${this.host.fullName}/issues/1/comments`, 201) as Json;
    return {
      ...base,
      id: c.id,
      node_id: `IC_${c.id}`,
      body: c.body,
      user: this.userJson(c.user),
      url: `${this.host.api}/repos/${this.host.fullName}/issues/comments/${c.id}`,
      html_url: `${this.host.web}/${this.host.fullName}/issues/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.host.api}/repos/${this.host.fullName}/issues/${c.issue}`,
      created_at: c.createdAt,
      updated_at: c.createdAt,
      reactions: this.rollup(c),
    };
  }

  /** The reaction counts GitHub embeds in a comment. */
  private rollup(c: FakeComment): Json {
    const count = (content: string) => c.reactions.filter((r) => r.content === content).length;
    return {
      url: `${this.host.api}/repos/${this.host.fullName}/issues/comments/${c.id}/reactions`,
      total_count: c.reactions.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  }

  /** Every comment of the repository, oldest first, those updated at or after `since` when given. */
  private listRepoComments(q: URLSearchParams): FallbackReply {
    const since = q.get('since');
    const from = since ? Date.parse(since) : -Infinity;
    const all = this.comments
      .filter((c) => Date.parse(c.createdAt) >= from)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
    if (q.get('direction') === 'desc') all.reverse();
    return { status: 200, body: all.map((c) => this.commentJson(c)) };
  }

  private listReactions(commentId: number, q: URLSearchParams): FallbackReply {
    const c = this.comments.find((x) => x.id === commentId);
    if (!c) return notFound();
    const content = q.get('content');
    return {
      status: 200,
      body: c.reactions
        .filter((r) => !content || r.content === content)
        .map((r) => ({
          id: idOf(`${commentId}:${r.content}:${r.user}`),
          node_id: `REA_${commentId}_${r.content}`,
          user: this.userJson(r.user),
          content: r.content,
          created_at: c.createdAt,
        })),
    };
  }

  private comment(n: number, body: Json): FallbackReply {
    if (!this.find(n)) return notFound();
    if (typeof body['body'] !== 'string' || body['body'] === '') return invalid('Validation Failed: body is missing');
    if (body['body'].length > 65_536)
      return invalid('Validation Failed: body is too long (maximum is 65536 characters)');
    const c: FakeComment = {
      id: nextGlobalId('comment'),
      issue: n,
      body: body['body'],
      user: this.host.botLogin,
      reactions: [],
      createdAt: new Date().toISOString(),
    };
    this.comments.push(c);
    return { status: 201, body: this.commentJson(c) };
  }

  private listComments(n: number): FallbackReply {
    if (!this.find(n)) return notFound();
    return { status: 200, body: this.commentsOn(n).map((c) => this.commentJson(c)) };
  }

  private labelsOf(n: number): string[] | undefined {
    return this.issues.find((i) => i.number === n)?.labels ?? this.host.pullAsIssue(n)?.labels;
  }

  private setLabels(n: number, labels: string[]): void {
    const issue = this.issues.find((i) => i.number === n);
    if (issue) issue.labels = labels;
    else this.host.setPullLabels(n, labels);
  }

  private addLabels(n: number, body: Json): FallbackReply {
    const current = this.labelsOf(n);
    if (!current) return notFound();
    const next = [...current];
    for (const l of (body['labels'] as string[] | undefined) ?? []) if (!next.includes(l)) next.push(l);
    this.setLabels(n, next);
    return { status: 200, body: next.map((l) => this.labelJson(l)) };
  }

  private removeLabel(n: number, encoded: string): FallbackReply {
    const current = this.labelsOf(n);
    const name = decodeURIComponent(encoded);
    if (!current || !current.includes(name))
      return {
        status: 404,
        body: { message: 'Label does not exist', documentation_url: 'https://docs.github.com/rest' },
      };
    const next = current.filter((l) => l !== name);
    this.setLabels(n, next);
    return { status: 200, body: next.map((l) => this.labelJson(l)) };
  }

  private react(commentId: number, body: Json): FallbackReply {
    const c = this.comments.find((x) => x.id === commentId);
    if (!c) return notFound();
    const content = String(body['content']);
    const base = documentedExample('post', `/repos/${this.host.fullName}/issues/comments/1/reactions`, 201) as Json;
    const user = this.userJson(this.host.botLogin);
    const reply = (status: number): FallbackReply => ({
      status,
      body: { ...base, id: idOf(`${commentId}:${content}`), content, user },
    });
    if (c.reactions.some((r) => r.content === content && r.user === this.host.botLogin)) return reply(200);
    c.reactions.push({ content, user: this.host.botLogin });
    return reply(201);
  }

  private permission(username: string): FallbackReply {
    const permission = this.permissions.get(username.toLowerCase());
    if (!permission) return notFound();
    const base = documentedExample(
      'get',
      `/repos/${this.host.fullName}/collaborators/${username}/permission`,
      200,
    ) as Json;
    // The legacy `permission` field folds maintain into write and triage into read.
    const legacy = permission === 'maintain' ? 'write' : permission === 'triage' ? 'read' : permission;
    return {
      status: 200,
      body: {
        ...base,
        permission: legacy,
        role_name: permission,
        user: { ...this.userJson(username), role_name: permission },
      },
    };
  }
}

/** A stable positive id for a login or name, so the same user keeps the same id. */
export function idOf(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 2_000_000_000;
  return h + 1;
}
