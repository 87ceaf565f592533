/**
 * A stateful stand-in for one GitHub repository behind nock: contents, git trees and blobs,
 * the Git Data API (on a real bare git repository, see git-store.ts), pull requests, labels and
 * reviewers, installation tokens. Replies start from GitHub's documented examples with the
 * state's values put in, and every request and reply is checked against the OpenAPI
 * description by mockGitHub's fallback.
 */
import { nextGlobalId } from './global-ids.js';
import { documentedExample, type FallbackReply, type FallbackRequest } from '../support/github-openapi.js';
import { FaultBook } from './faults.js';
import { GitStore } from './git-store.js';
import { IssueTracker, type IssueHost } from './repo-issues.js';
import { ActionsState } from './repo-actions.js';

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged: boolean;
  labels: string[];
  reviewers: string[];
  user: string;
  /** Logins that approved it. */
  approvedBy: string[];
  /** Opened as a draft (`draft: true` in pulls.create). */
  draft?: boolean;
  /** Set by GraphQL `enablePullRequestAutoMerge`: GitHub merges once the PR is no longer blocked. */
  autoMerge?: { by: string; method: 'merge' | 'squash' | 'rebase' };
}

/** The repository settings and branch protection that decide how its PRs merge. */
export interface MergeRules {
  /** "Allow auto-merge" in the repository's settings. */
  allowAutoMerge: boolean;
  /** Approving reviews the base branch's protection requires. */
  requiredApprovals: number;
}

type Json = Record<string, unknown>;

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string } | undefined;
  /** Every annotation sent, in order: GitHub appends each request's to the run's. */
  annotations: FakeAnnotation[];
  /** How many annotations each create or update request carried. */
  annotationBatches: number[];
}

export interface FakeAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  title?: string;
  message: string;
}

export interface FakeRepoOptions {
  owner: string;
  name: string;
  id: number;
  installationId: number;
  defaultBranch?: string;
  /** The app's bot login, author of the PRs it opens. */
  botLogin?: string;
  /** REST base in reply URLs (default GitHub's). */
  apiBase?: string;
  /** Web base in reply URLs (default GitHub's). */
  webBase?: string;
}

const notFound = (): FallbackReply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
});

export class FakeRepo {
  readonly pulls: FakePull[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  /** workflow_dispatch requests received, in order. */
  readonly dispatches: { workflow: string; ref: string; inputs: Record<string, string>; runId: number }[] = [];
  readonly defaultBranch: string;
  /** Issues, comments, reactions and permissions; pulls share its numbering. */
  readonly issues: IssueTracker;
  /** Workflow runs and their jobs. */
  readonly actions: ActionsState;
  /**
   * Executes a dispatched workflow (the stand-in's runner). Returns a message when GitHub would
   * refuse the dispatch (422), nothing when the run is under way. Unset: dispatches are recorded only.
   */
  runner:
    | ((d: {
        workflow: string;
        text: string;
        ref: string;
        sha: string;
        inputs: Record<string, string>;
        runId: number;
      }) => string | undefined)
    | undefined;
  readonly mergeRules: MergeRules = { allowAutoMerge: false, requiredApprovals: 0 };
  private readonly faults = new FaultBook();
  private numbers = 0;
  tokens = 0;

  private constructor(
    readonly store: GitStore,
    readonly o: FakeRepoOptions,
  ) {
    this.defaultBranch = o.defaultBranch ?? 'main';
    this.issues = new IssueTracker(this.issueHost());
    this.actions = new ActionsState({ fullName: this.fullName, api: this.api, web: this.web, repoId: o.id });
  }

  get botLogin(): string {
    return this.o.botLogin ?? 'gomod-steward[bot]';
  }

  private issueHost(): IssueHost {
    const pull = (n: number) => this.pulls.find((p) => p.number === n);
    return {
      fullName: this.fullName,
      api: this.api,
      web: this.web,
      botLogin: this.botLogin,
      nextNumber: () => ++this.numbers,
      pullAsIssue: (n) => {
        const p = pull(n);
        return p && { title: p.title, body: p.body, state: p.state, labels: p.labels, user: p.user };
      },
      setPullLabels: (n, labels) => {
        const p = pull(n);
        if (p) p.labels = labels;
        return p !== undefined;
      },
      pullNumbers: () => this.pulls.map((p) => p.number),
    };
  }

  /** A pull request shown as `user` opened it (no branch behind it, no webhook): for tests of what the app reads. */
  addPull(p: { title: string; body: string; head: string; user: string }): FakePull {
    const pull: FakePull = {
      number: ++this.numbers,
      ...p,
      base: this.defaultBranch,
      state: 'open',
      merged: false,
      labels: [],
      reviewers: [],
      approvedBy: [],
    };
    this.pulls.push(pull);
    return pull;
  }

  /** `extra`: more files (repository-relative path → text) in the first commit. */
  static async fromDir(dir: string, o: FakeRepoOptions, extra: Record<string, string> = {}): Promise<FakeRepo> {
    return new FakeRepo(await GitStore.fromDir(dir, o.defaultBranch ?? 'main', extra), o);
  }

  get api(): string {
    return this.o.apiBase ?? 'https://api.github.com';
  }

  get web(): string {
    return this.o.webBase ?? 'https://github.com';
  }

  get fullName(): string {
    return `${this.o.owner}/${this.o.name}`;
  }

  /** Makes the next matching requests fail: `times` replies from `reply` (a 5xx, a rate limit...). */
  failNext(method: string, pathPattern: RegExp, reply: FallbackReply, times = 1): void {
    this.faults.add(
      method,
      pathPattern,
      { kind: 'reply', status: reply.status, body: reply.body, ...(reply.headers ? { headers: reply.headers } : {}) },
      times,
    );
  }

  openPulls(): FakePull[] {
    return this.pulls.filter((p) => p.state === 'open');
  }

  async branchHead(branch: string): Promise<string | undefined> {
    return this.store.revParse(`refs/heads/${branch}`);
  }

  handler = async (req: FallbackRequest): Promise<FallbackReply | undefined> => {
    const fault = this.faults.take(req.method, req.path);
    if (fault?.kind === 'reply')
      return { status: fault.status, body: fault.body, ...(fault.headers ? { headers: fault.headers } : {}) };
    if (req.method === 'POST' && req.path === `/app/installations/${this.o.installationId}/access_tokens`)
      return this.token();
    if (req.method === 'GET' && req.path === '/app')
      return {
        status: 200,
        body: {
          ...(documentedExample('get', '/app', 200) as Json),
          slug: (this.o.botLogin ?? 'gomod-steward[bot]').replace(/\[bot\]$/, ''),
        },
      };
    const prefix = `/repos/${this.fullName}`;
    // Another repository (an upstream module's, read for release notes): this stand-in knows none.
    if (req.path.startsWith('/repos/') && !req.path.startsWith(`${prefix}/`) && req.path !== prefix) return notFound();
    if (!req.path.startsWith(prefix)) return undefined;
    const rest = req.path.slice(prefix.length);
    const route = `${req.method} ${rest}`;
    let m: RegExpMatchArray | null;
    if (route === 'GET ') return this.repository();
    if ((m = route.match(/^GET \/contents\/(.+)$/)))
      return this.contents(m[1]!, req.query.get('ref') ?? this.defaultBranch);
    if ((m = route.match(/^GET \/git\/trees\/(.+)$/))) return this.getTree(m[1]!, req.query.get('recursive') !== null);
    if ((m = route.match(/^GET \/git\/blobs\/([0-9a-f]{40})$/))) return this.getBlob(m[1]!);
    if (route === 'POST /git/blobs') return this.createBlob(req.body as Json);
    if (route === 'POST /git/trees') return this.createTree(req.body as Json);
    if ((m = route.match(/^GET \/git\/commits\/([0-9a-f]{40})$/))) return this.getCommit(m[1]!);
    if (route === 'POST /git/commits') return this.createCommit(req.body as Json);
    if ((m = route.match(/^GET \/git\/ref\/(.+)$/))) return this.getRef(m[1]!);
    if (route === 'GET /tags') return this.listTags(req.query);
    // Tags but no GitHub releases, as for a repository that only pushes tags (release notes then
    // come from elsewhere).
    if (route === 'GET /releases') return { status: 200, body: [] };
    if ((m = route.match(/^GET \/commits\/([^/]+)$/))) return this.getRepoCommit(m[1]!);
    if ((m = route.match(/^GET \/compare\/(.+?)\.\.\.(.+)$/))) return this.compare(m[1]!, m[2]!);
    if (route === 'POST /git/refs') return this.createRef(req.body as Json);
    if ((m = route.match(/^PATCH \/git\/refs\/(.+)$/))) return this.updateRef(m[1]!, req.body as Json);
    if ((m = route.match(/^DELETE \/git\/refs\/(.+)$/))) return this.deleteRef(m[1]!);
    if ((m = route.match(/^PUT \/pulls\/(\d+)\/merge$/))) return this.merge(Number(m[1]), req.body as Json);
    if ((m = route.match(/^GET \/commits\/(.+)\/check-runs$/)))
      return this.listCheckRunsForRef(m[1]!, req.query.get('check_name'));
    if (route === 'GET /pulls') return this.listPulls(req.query);
    if (route === 'POST /pulls') return this.createPull(req.body as Json);
    if ((m = route.match(/^PATCH \/pulls\/(\d+)$/))) return this.updatePull(Number(m[1]), req.body as Json);
    if ((m = route.match(/^GET \/pulls\/(\d+)$/))) return this.getPull(Number(m[1]));
    if ((m = route.match(/^GET \/pulls\/(\d+)\/files$/))) return this.listPullFiles(Number(m[1]), req.query);
    if (route === 'POST /check-runs') return this.createCheckRun(req.body as Json);
    if ((m = route.match(/^POST \/actions\/workflows\/([^/]+)\/dispatches$/)))
      return this.dispatch(m[1]!, req.body as Json);
    if ((m = route.match(/^PATCH \/check-runs\/(\d+)$/))) return this.updateCheckRun(Number(m[1]), req.body as Json);
    if ((m = route.match(/^POST \/pulls\/(\d+)\/requested_reviewers$/)))
      return this.requestReviewers(Number(m[1]), req.body as Json);
    return this.actions.handle(req, rest) ?? this.issues.handle(req, rest);
  };

  private token(): FallbackReply {
    this.tokens++;
    const body = documentedExample('post', `/app/installations/${this.o.installationId}/access_tokens`, 201) as Json;
    return {
      status: 201,
      body: {
        ...body,
        token: `ghs_fake${this.o.installationId}t${this.tokens}`,
        expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    };
  }

  repository(): FallbackReply {
    const body = documentedExample('get', `/repos/${this.fullName}`, 200) as Json;
    // GitHub's example leaves out fields its own schema requires.
    const source = body['source'] ? { source: { ...(body['source'] as Json), language: 'Go' } } : {};
    const owner = {
      ...(body['owner'] as Json),
      login: this.o.owner,
      html_url: `${this.web}/${this.o.owner}`,
      url: `${this.api}/users/${this.o.owner}`,
    };
    return {
      status: 200,
      body: {
        ...body,
        ...source,
        owner,
        language: 'Go',
        id: this.o.id,
        name: this.o.name,
        full_name: this.fullName,
        default_branch: this.defaultBranch,
        html_url: `${this.web}/${this.fullName}`,
        url: `${this.api}/repos/${this.fullName}`,
      },
    };
  }

  private async contents(path: string, ref: string): Promise<FallbackReply> {
    const commit = (await this.store.revParse(ref)) ?? (await this.store.revParse(`refs/heads/${ref}`));
    if (!commit) return notFound();
    const blob = await this.blobAt(commit, path);
    if (!blob) return notFound();
    const { sha, content } = blob;
    const body = documentedExample(
      'get',
      `/repos/${this.fullName}/contents/README.md`,
      200,
      'response-if-content-is-a-file',
    ) as Json;
    return {
      status: 200,
      body: {
        ...body,
        type: 'file',
        encoding: 'base64',
        size: content.length,
        name: path.split('/').pop(),
        path,
        sha,
        content: content.toString('base64'),
      },
    };
  }

  private async getTree(treeish: string, recursive: boolean): Promise<FallbackReply> {
    const resolved = treeish === 'HEAD' ? `refs/heads/${this.defaultBranch}` : treeish;
    if (!(await this.store.objectType(resolved)) && !(await this.store.revParse(resolved))) return notFound();
    const { sha, items } = await this.store.listTree(resolved, recursive);
    const url = (s: string, kind: string) => `${this.api}/repos/${this.fullName}/git/${kind}/${s}`;
    return {
      status: 200,
      body: {
        sha,
        url: url(sha, 'trees'),
        truncated: false,
        tree: items.map((i) => ({
          path: i.path,
          mode: i.mode,
          type: i.type,
          sha: i.sha,
          url: url(i.sha, `${i.type}s`),
          ...(i.size !== undefined ? { size: i.size } : {}),
        })),
      },
    };
  }

  private async getBlob(sha: string): Promise<FallbackReply> {
    if ((await this.store.objectType(sha)) !== 'blob') return notFound();
    const content = await this.store.readBlob(sha);
    return {
      status: 200,
      body: {
        sha,
        node_id: `B_${sha}`,
        size: content.length,
        url: `${this.api}/repos/${this.fullName}/git/blobs/${sha}`,
        content: content.toString('base64'),
        encoding: 'base64',
      },
    };
  }

  private async createBlob(body: Json): Promise<FallbackReply> {
    const content = Buffer.from(String(body['content']), body['encoding'] === 'base64' ? 'base64' : 'utf8');
    const sha = await this.store.writeBlob(content);
    return { status: 201, body: { sha, url: `${this.api}/repos/${this.fullName}/git/blobs/${sha}` } };
  }

  private async createTree(body: Json): Promise<FallbackReply> {
    const base = body['base_tree'] as string | undefined;
    if (base && (await this.store.objectType(base)) !== 'tree')
      return { status: 422, body: { message: 'Invalid tree info', documentation_url: 'https://docs.github.com/rest' } };
    // An entry with `content` is stored as a blob first, as GitHub does.
    const entries = await Promise.all(
      (body['tree'] as { path: string; mode: string; sha?: string | null; content?: string }[]).map(async (e) => ({
        path: e.path,
        mode: e.mode,
        sha:
          typeof e.content === 'string' ? await this.store.writeBlob(Buffer.from(e.content, 'utf8')) : (e.sha ?? null),
      })),
    );
    for (const e of entries)
      if (e.sha && (await this.store.objectType(e.sha)) !== 'blob')
        return {
          status: 422,
          body: { message: 'Invalid tree info', documentation_url: 'https://docs.github.com/rest' },
        };
    const sha = await this.store.writeTree(base, entries);
    return this.getTree(sha, false).then((r) => ({ ...r, status: 201 }));
  }

  private commitBody(c: { sha: string; tree: string; parents: string[]; message: string }): Json {
    const base = documentedExample('get', `/repos/${this.fullName}/git/commits/${c.sha}`, 200) as Json;
    const url = (kind: string, s: string) => `${this.api}/repos/${this.fullName}/git/${kind}/${s}`;
    return {
      ...base,
      sha: c.sha,
      node_id: `C_${c.sha}`,
      url: url('commits', c.sha),
      html_url: `${this.web}/${this.fullName}/commit/${c.sha}`,
      message: c.message,
      tree: { sha: c.tree, url: url('trees', c.tree) },
      parents: c.parents.map((p) => ({
        sha: p,
        url: url('commits', p),
        html_url: `${this.web}/${this.fullName}/commit/${p}`,
      })),
    };
  }

  private async getCommit(sha: string): Promise<FallbackReply> {
    const c = await this.store.readCommit(sha);
    return c ? { status: 200, body: this.commitBody(c) } : notFound();
  }

  private async createCommit(body: Json): Promise<FallbackReply> {
    const tree = String(body['tree']);
    const parents = (body['parents'] as string[] | undefined) ?? [];
    if ((await this.store.objectType(tree)) !== 'tree')
      return {
        status: 422,
        body: { message: 'Tree SHA does not exist', documentation_url: 'https://docs.github.com/rest' },
      };
    const sha = await this.store.writeCommit(tree, parents, String(body['message']));
    return { status: 201, body: this.commitBody((await this.store.readCommit(sha))!) };
  }

  private refBody(ref: string, sha: string): Json {
    return {
      ref,
      node_id: `R_${ref}`,
      url: `${this.api}/repos/${this.fullName}/git/${ref}`,
      object: { type: 'commit', sha, url: `${this.api}/repos/${this.fullName}/git/commits/${sha}` },
    };
  }

  private async getRef(ref: string): Promise<FallbackReply> {
    const sha = await this.store.revParse(`refs/${ref}`);
    return sha ? { status: 200, body: this.refBody(`refs/${ref}`, sha) } : notFound();
  }

  private async createRef(body: Json): Promise<FallbackReply> {
    const ref = String(body['ref']);
    if (await this.store.revParse(ref))
      return {
        status: 422,
        body: { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest' },
      };
    await this.store.setRef(ref, String(body['sha']));
    return { status: 201, body: this.refBody(ref, String(body['sha'])) };
  }

  private async updateRef(ref: string, body: Json): Promise<FallbackReply> {
    const full = `refs/${ref}`;
    const current = await this.store.revParse(full);
    if (!current)
      return {
        status: 422,
        body: { message: 'Reference does not exist', documentation_url: 'https://docs.github.com/rest' },
      };
    const sha = String(body['sha']);
    if (body['force'] !== true && !(await this.store.log(sha)).includes(current))
      return {
        status: 422,
        body: { message: 'Update is not a fast forward', documentation_url: 'https://docs.github.com/rest' },
      };
    await this.store.setRef(full, sha);
    return { status: 200, body: this.refBody(full, sha) };
  }

  private async pullBody(p: FakePull): Promise<Json> {
    const base = documentedExample('get', `/repos/${this.fullName}/pulls/${p.number}`, 200) as Json;
    const headSha = (await this.branchHead(p.head)) ?? '0'.repeat(40);
    const baseSha = (await this.branchHead(p.base)) ?? '0'.repeat(40);
    const repo = {
      ...((base['head'] as Json)['repo'] as Json),
      id: this.o.id,
      name: this.o.name,
      full_name: this.fullName,
    };
    const user = { ...(base['user'] as Json), login: p.user, type: p.user.endsWith('[bot]') ? 'Bot' : 'User' };
    const label = (name: string, i: number) => ({
      id: i + 1,
      node_id: `L_${name}`,
      url: `${this.api}/repos/${this.fullName}/labels/${name}`,
      name,
      description: '',
      color: 'ededed',
      default: false,
    });
    return {
      ...base,
      number: p.number,
      id: 1000 + p.number,
      title: p.title,
      body: p.body,
      state: p.state,
      node_id: this.pullNodeId(p),
      merged: p.merged,
      draft: p.draft === true,
      merged_at: p.merged ? '2026-01-02T00:00:00Z' : null,
      mergeable: p.state === 'open' ? true : null,
      mergeable_state: p.state !== 'open' ? 'unknown' : p.draft ? 'draft' : this.blocked(p) ? 'blocked' : 'clean',
      auto_merge: p.autoMerge
        ? {
            enabled_by: this.issues.userJson(p.autoMerge.by),
            merge_method: p.autoMerge.method,
            commit_title: `${p.title} (#${p.number})`,
            commit_message: '',
          }
        : null,
      user,
      labels: p.labels.map(label),
      requested_reviewers: [],
      requested_teams: [],
      head: { ...(base['head'] as Json), ref: p.head, sha: headSha, label: `${this.o.owner}:${p.head}`, repo },
      base: { ...(base['base'] as Json), ref: p.base, sha: baseSha, label: `${this.o.owner}:${p.base}`, repo },
    };
  }

  private async listPulls(q: URLSearchParams): Promise<FallbackReply> {
    const state = q.get('state') ?? 'open';
    const head = q.get('head');
    const base = q.get('base');
    const list = this.pulls
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => !head || `${this.o.owner}:${p.head}` === head)
      .filter((p) => !base || p.base === base)
      .sort((a, b) => b.number - a.number);
    return { status: 200, body: await Promise.all(list.map((p) => this.pullBody(p))) };
  }

  private async createPull(body: Json): Promise<FallbackReply> {
    const head = String(body['head']);
    const base = String(body['base']);
    if (!(await this.branchHead(head)))
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    if (this.openPulls().some((p) => p.head === head && p.base === base)) {
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${this.o.owner}:${head}.`,
            },
          ],
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    }
    const p: FakePull = {
      number: ++this.numbers,
      title: String(body['title']),
      body: String(body['body'] ?? ''),
      head,
      base,
      state: 'open',
      merged: false,
      labels: [],
      reviewers: [],
      user: this.botLogin,
      approvedBy: [],
      ...(body['draft'] === true ? { draft: true } : {}),
    };
    this.pulls.push(p);
    return { status: 201, body: await this.pullBody(p) };
  }

  private async updatePull(n: number, body: Json): Promise<FallbackReply> {
    const p = this.pulls.find((x) => x.number === n);
    if (!p) return notFound();
    if (typeof body['title'] === 'string') p.title = body['title'];
    if (typeof body['body'] === 'string') p.body = body['body'];
    if (body['state'] === 'closed' || body['state'] === 'open') p.state = body['state'];
    return { status: 200, body: await this.pullBody(p) };
  }

  private async getPull(n: number): Promise<FallbackReply> {
    const p = this.pulls.find((x) => x.number === n);
    return p ? { status: 200, body: await this.pullBody(p) } : notFound();
  }

  checkRunBody(c: FakeCheckRun): Json {
    const base = documentedExample('get', `/repos/${this.fullName}/check-runs/${c.id}`, 200) as Json;
    return {
      ...base,
      id: c.id,
      name: c.name,
      head_sha: c.headSha,
      status: c.status,
      conclusion: c.conclusion,
      output: {
        ...(base['output'] as Json),
        title: c.output?.title ?? null,
        summary: c.output?.summary ?? null,
        text: c.output?.text ?? null,
        annotations_count: c.annotations.length,
      },
      pull_requests: [],
    };
  }

  private createCheckRun(body: Json): FallbackReply {
    const c: FakeCheckRun = {
      id: nextGlobalId('checkRun'),
      name: String(body['name']),
      headSha: String(body['head_sha']),
      status: String(body['status'] ?? 'queued'),
      conclusion: (body['conclusion'] as string | undefined) ?? null,
      output: body['output'] as FakeCheckRun['output'],
      annotations: [],
      annotationBatches: [],
    };
    const bad = this.addAnnotations(c, body);
    if (bad) return bad;
    this.checkRuns.push(c);
    return { status: 201, body: this.checkRunBody(c) };
  }

  private updateCheckRun(id: number, body: Json): FallbackReply {
    const c = this.checkRuns.find((x) => x.id === id);
    if (!c) return notFound();
    if (typeof body['status'] === 'string') c.status = body['status'];
    if (typeof body['conclusion'] === 'string') {
      c.conclusion = body['conclusion'];
      c.status = 'completed';
    }
    if (body['output']) c.output = body['output'] as FakeCheckRun['output'];
    const bad = this.addAnnotations(c, body);
    if (bad) return bad;
    return { status: 200, body: this.checkRunBody(c) };
  }

  /** GitHub refuses more than 50 annotations in one request (422) and appends the rest to the run's. */
  private addAnnotations(c: FakeCheckRun, body: Json): FallbackReply | undefined {
    const sent = ((body['output'] as Json | undefined)?.['annotations'] as FakeAnnotation[] | undefined) ?? [];
    if (sent.length > 50)
      return {
        status: 422,
        body: {
          message: 'Invalid request.\n\nOnly 50 annotations are allowed per request.',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    c.annotations.push(...sent);
    c.annotationBatches.push(sent.length);
    return undefined;
  }

  /** Someone opens a pull request from `head` into `base` (the state only; the webhook is events.ts's). */
  openPullBy(user: string, head: string, base: string, title: string): FakePull {
    const p: FakePull = {
      number: ++this.numbers,
      title,
      body: '',
      head,
      base,
      state: 'open',
      merged: false,
      labels: [],
      reviewers: [],
      user,
      approvedBy: [],
    };
    this.pulls.push(p);
    return p;
  }

  /** The files a pull request changes: merge base of base and head, against head. */
  private async listPullFiles(n: number, q: URLSearchParams): Promise<FallbackReply> {
    const p = this.pulls.find((x) => x.number === n);
    if (!p) return notFound();
    const [base, head] = [await this.branchHead(p.base), await this.branchHead(p.head)];
    if (!base || !head) return notFound();
    const mergeBase = (await this.store.git(['merge-base', base, head])).trim();
    const lines = (await this.store.git(['diff', '--name-status', '--no-renames', mergeBase, head]))
      .split('\n')
      .filter(Boolean);
    const example = (documentedExample('get', `/repos/${this.fullName}/pulls/${n}/files`, 200) as Json[])[0]!;
    const status = { A: 'added', M: 'modified', D: 'removed' } as Record<string, string>;
    const files = lines.map((l) => {
      const [code = 'M', filename = ''] = l.split('\t');
      return { ...example, filename, status: status[code[0]!] ?? 'modified', previous_filename: undefined };
    });
    const perPage = Number(q.get('per_page') ?? 30);
    const page = Number(q.get('page') ?? 1);
    return { status: 200, body: files.slice((page - 1) * perPage, page * perPage) };
  }

  private async dispatch(workflow: string, body: Json): Promise<FallbackReply> {
    const ref = String(body['ref']);
    const sha = await this.store.revParse(`refs/heads/${ref}`);
    if (!sha)
      return {
        status: 422,
        body: { message: `No ref found for: ${ref}`, documentation_url: 'https://docs.github.com/rest' },
      };
    const inputs = (body['inputs'] as Record<string, string>) ?? {};
    const runId = nextGlobalId('run');
    if (this.runner) {
      const file = await this.fileAt(sha, `.github/workflows/${workflow}`);
      if (file === undefined) return notFound();
      const started = this.runner({ workflow, text: file.toString('utf8'), ref, sha, inputs, runId });
      if (typeof started === 'string')
        return { status: 422, body: { message: started, documentation_url: 'https://docs.github.com/rest' } };
    }
    this.dispatches.push({ workflow, ref, inputs, runId });
    if (body['return_run_details'] !== true) return { status: 204 };
    return {
      status: 200,
      body: {
        workflow_run_id: runId,
        run_url: `${this.api}/repos/${this.fullName}/actions/runs/${runId}`,
        html_url: this.actions.htmlUrl(runId),
      },
    };
  }

  /**
   * A commit on the default branch setting (text) or removing (null) files, committed at `date`
   * (default the store's fixed date); the branch moves to it. Returns the commit's sha.
   */
  async commitOnDefault(files: Record<string, string | null>, message: string, date?: string): Promise<string> {
    const head = (await this.branchHead(this.defaultBranch))!;
    const { sha } = await this.store.commitFiles(head, files, message, date);
    await this.store.setRef(`refs/heads/${this.defaultBranch}`, sha);
    return sha;
  }

  /** A lightweight tag `name` on `sha` (default: the default branch's head). */
  async tag(name: string, sha?: string): Promise<void> {
    await this.store.setRef(`refs/tags/${name}`, sha ?? (await this.branchHead(this.defaultBranch))!);
  }

  /** `GET /repos/{owner}/{repo}/tags`: newest name first, paginated as GitHub does (Link header). */
  private async listTags(q: URLSearchParams): Promise<FallbackReply> {
    const perPage = Math.min(Math.max(Number(q.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(q.get('page') ?? 1) || 1, 1);
    const out = await this.store.git([
      'for-each-ref',
      '--format=%(refname:strip=2) %(*objectname)%(objectname)',
      'refs/tags',
    ]);
    const all = out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, shas] = line.split(' ') as [string, string];
        // An annotated tag lists the tag object's target first: the peeled commit.
        return { name, sha: shas.slice(0, 40) };
      })
      .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const body = slice.map((t) => ({
      name: t.name,
      commit: { sha: t.sha, url: `${this.api}/repos/${this.fullName}/commits/${t.sha}` },
      zipball_url: `${this.api}/repos/${this.fullName}/zipball/refs/tags/${t.name}`,
      tarball_url: `${this.api}/repos/${this.fullName}/tarball/refs/tags/${t.name}`,
      node_id: `REF_${Buffer.from(t.name).toString('base64url')}`,
    }));
    const link = (n: number, rel: string) =>
      `<${this.api}/repos/${this.fullName}/tags?per_page=${perPage}&page=${n}>; rel="${rel}"`;
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : [])];
    return { status: 200, body, ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
  }

  /** `GET /repos/{owner}/{repo}/commits/{ref}`: a sha (or a unique prefix), branch or tag. */
  /** A commit named by a hash, a branch or a tag, as GitHub resolves a `ref` parameter. */
  private async resolveRef(ref: string): Promise<string | undefined> {
    let sha: string | undefined;
    if (/^[0-9a-f]{7,40}$/.test(ref)) sha = await this.store.revParse(ref);
    return sha ?? (await this.store.revParse(`refs/heads/${ref}`)) ?? (await this.store.revParse(`refs/tags/${ref}`));
  }

  /** `GET /compare/{base}...{head}`: the commits reachable from head and not from base, oldest first. */
  private async compare(baseRef: string, headRef: string): Promise<FallbackReply> {
    const [base, head] = [await this.resolveRef(baseRef), await this.resolveRef(headRef)];
    if (!base || !head) return notFound();
    const revs = async (range: string) =>
      (await this.store.git(['rev-list', '--reverse', range])).split('\n').filter(Boolean);
    const ahead = await revs(`${base}..${head}`);
    const behind = await revs(`${head}..${base}`);
    const mergeBase = (await this.store.git(['merge-base', base, head])).trim();
    const commit = async (sha: string) => (await this.getRepoCommit(sha)).body as Json;
    const status =
      ahead.length && behind.length ? 'diverged' : ahead.length ? 'ahead' : behind.length ? 'behind' : 'identical';
    const example = documentedExample('get', `/repos/${this.fullName}/compare/${baseRef}...${headRef}`, 200) as Json;
    const basehead = `${baseRef}...${headRef}`;
    return {
      status: 200,
      body: {
        ...example,
        url: `${this.api}/repos/${this.fullName}/compare/${basehead}`,
        html_url: `${this.web}/${this.fullName}/compare/${basehead}`,
        permalink_url: `${this.web}/${this.fullName}/compare/${base}...${head}`,
        diff_url: `${this.web}/${this.fullName}/compare/${basehead}.diff`,
        patch_url: `${this.web}/${this.fullName}/compare/${basehead}.patch`,
        base_commit: await commit(base),
        merge_base_commit: await commit(mergeBase),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: await Promise.all(ahead.map(commit)),
        files: [],
      },
    };
  }

  private async getRepoCommit(ref: string): Promise<FallbackReply> {
    const sha = await this.resolveRef(ref);
    if (!sha)
      return {
        status: 422,
        body: { message: `No commit found for SHA: ${ref}`, documentation_url: 'https://docs.github.com/rest' },
      };
    const c = (await this.store.readCommit(sha))!;
    const date = (await this.store.git(['show', '-s', '--format=%aI%n%cI', sha])).trim().split('\n');
    const iso = (d: string | undefined) => new Date(d ?? 0).toISOString().replace(/\.000Z$/, 'Z');
    const base = documentedExample('get', `/repos/${this.fullName}/commits/${sha}`, 200) as Json;
    const inner = base['commit'] as Json;
    const url = `${this.api}/repos/${this.fullName}/commits/${sha}`;
    return {
      status: 200,
      body: {
        ...base,
        sha,
        node_id: `C_${sha}`,
        url,
        html_url: `${this.web}/${this.fullName}/commit/${sha}`,
        comments_url: `${url}/comments`,
        commit: {
          ...inner,
          url: `${this.api}/repos/${this.fullName}/git/commits/${sha}`,
          message: c.message,
          tree: { sha: c.tree, url: `${this.api}/repos/${this.fullName}/git/trees/${c.tree}` },
          author: { ...(inner['author'] as Json), date: iso(date[0]) },
          committer: { ...(inner['committer'] as Json), date: iso(date[1]) },
        },
        parents: c.parents.map((p) => ({
          sha: p,
          url: `${this.api}/repos/${this.fullName}/commits/${p}`,
          html_url: `${this.web}/${this.fullName}/commit/${p}`,
        })),
        files: [],
      },
    };
  }

  /** A file's content at a commit, or undefined. */
  async fileAt(commit: string, path: string): Promise<Buffer | undefined> {
    return (await this.blobAt(commit, path))?.content;
  }

  private async blobAt(commit: string, path: string): Promise<{ sha: string; content: Buffer } | undefined> {
    const { items } = await this.store.listTree(commit, true);
    const item = items.find((i) => i.path === path && i.type === 'blob');
    return item ? { sha: item.sha, content: await this.store.readBlob(item.sha) } : undefined;
  }

  private async merge(n: number, body: Json): Promise<FallbackReply> {
    const p = this.pulls.find((x) => x.number === n);
    if (!p) return notFound();
    if (p.state !== 'open' || p.draft)
      return {
        status: 405,
        body: {
          message: p.draft ? 'Pull Request is still a draft' : 'Pull Request is not mergeable',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    if (this.blocked(p))
      return {
        status: 405,
        body: {
          message: `At least ${this.mergeRules.requiredApprovals} approving review is required by reviewers with write access.`,
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    const head = (await this.branchHead(p.head))!;
    if (typeof body['sha'] === 'string' && body['sha'] !== head)
      return {
        status: 409,
        body: {
          message: 'Head branch was modified. Review and try the merge again.',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    const base = (await this.branchHead(p.base))!;
    let tree: string;
    try {
      tree = (await this.store.git(['merge-tree', '--write-tree', base, head])).trim().split('\n')[0]!;
    } catch {
      return {
        status: 405,
        body: { message: 'Pull Request is not mergeable', documentation_url: 'https://docs.github.com/rest' },
      };
    }
    const sha = await this.store.writeCommit(
      tree,
      [base, head],
      `${String(body['commit_title'] ?? `Merge pull request #${n}`)}\n`,
    );
    await this.store.setRef(`refs/heads/${p.base}`, sha);
    p.state = 'closed';
    p.merged = true;
    return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
  }

  /** The GraphQL global id GitHub gives a pull request. */
  pullNodeId(p: FakePull): string {
    return `PR_kwDO${this.o.id}_${p.number}`;
  }

  private blocked(p: FakePull): boolean {
    return p.approvedBy.length < this.mergeRules.requiredApprovals;
  }

  /** `enablePullRequestAutoMerge`, refused with GitHub's messages where GitHub refuses it. */
  enableAutoMerge(p: FakePull, by: string, method: 'merge' | 'squash' | 'rebase'): string | undefined {
    if (p.state !== 'open') return 'Pull request is not in the correct state to enable auto-merge';
    if (!this.mergeRules.allowAutoMerge) return 'Pull request Auto merge is not allowed for this repository';
    // Nothing left to wait for: GitHub wants a plain merge instead.
    if (!this.blocked(p)) return 'Pull request is in clean status';
    p.autoMerge = { by, method };
    return undefined;
  }

  /** A person approves; a PR waiting on auto-merge is merged once nothing blocks it. */
  async approve(n: number, login: string): Promise<void> {
    const p = this.pulls.find((x) => x.number === n);
    if (!p) throw new Error(`no pull #${n}`);
    p.approvedBy.push(login);
    if (p.autoMerge && !this.blocked(p)) await this.merge(n, {});
  }

  private listCheckRunsForRef(ref: string, name: string | null = null): FallbackReply | Promise<FallbackReply> {
    return this.store.revParse(ref).then((sha) => {
      const runs = this.checkRuns.filter(
        (c) => (c.headSha === sha || c.headSha === ref) && (name === null || c.name === name),
      );
      return { status: 200, body: { total_count: runs.length, check_runs: runs.map((c) => this.checkRunBody(c)) } };
    });
  }

  private async deleteRef(ref: string): Promise<FallbackReply> {
    if (!(await this.store.revParse(`refs/${ref}`)))
      return {
        status: 422,
        body: { message: 'Reference does not exist', documentation_url: 'https://docs.github.com/rest' },
      };
    await this.store.deleteRef(`refs/${ref}`);
    return { status: 204 };
  }

  private async requestReviewers(n: number, body: Json): Promise<FallbackReply> {
    const p = this.pulls.find((x) => x.number === n);
    if (!p) return notFound();
    p.reviewers.push(...((body['reviewers'] as string[]) ?? []));
    return { status: 201, body: await this.pullBody(p) };
  }

  async remove(): Promise<void> {
    await this.store.remove();
  }
}
