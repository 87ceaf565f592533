/**
 * A local GitHub for the app to talk to over HTTP, as it talks to github.com or a GitHub
 * Enterprise Server: the REST API under `/api/v3`, git's smart HTTP at `/<owner>/<repo>.git`, and
 * signed webhooks sent to the app. Repositories are real bare git repositories on disk
 * (fake-repo.ts); apps authenticate with a JWT signed by the app's key and installation tokens
 * the stand-in mints, as on GitHub.
 *
 * Every request and every reply passes GitHub's OpenAPI description: a request GitHub would
 * reject gets GitHub's answer (404 for an unknown route, 422 for an invalid body) and is recorded
 * in `violations`; a reply of the stand-in's own that breaks the description is answered 500
 * and recorded, so a test fails rather than trust a shape GitHub would not send.
 *
 * Gaps are violations too, never silent answers:
 * - a route GitHub has but the stand-in does not implement is answered 501 (a status GitHub never
 *   sends, so the app cannot mistake the gap for a real "not found" it handles gracefully) and
 *   recorded;
 * - a request a fault intercepts is validated first, like any other (an invalid one gets GitHub's
 *   answer and the fault stays booked);
 * - a fault's reply must be one GitHub documents for the operation or a general answer GitHub can
 *   give to any request (5xx, 401/403/404/429 with a basic error, see checkResponse); otherwise it
 *   is recorded and answered 500, as the stand-in's own replies are. A GraphQL fault may only be
 *   a server error or a rate limit.
 */
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkRequest,
  checkResponse,
  documentedExample,
  findOperation,
  type FallbackReply,
  type FallbackRequest,
} from '../support/github-openapi.js';
import { FakeRepo } from './fake-repo.js';
import { FaultBook } from './faults.js';
import { GraphqlApi } from './graphql-api.js';
import { parseGitPath, serveGit } from './git-http.js';
import { WebhookSender } from './webhook-sender.js';
import { WorkflowExecutor } from './workflow-executor.js';

type Json = Record<string, unknown>;

export interface StandInOptions {
  appId: number;
  /** The app's private key (PEM): the stand-in checks app JWTs with its public half. */
  privateKey: string;
  webhookSecret: string;
  /** Where webhooks go; can be set later with `setWebhookUrl`. */
  webhookUrl?: string;
  /** The app's slug (its bot is `<slug>[bot]`). */
  appSlug?: string;
  port?: number;
}

export interface Account {
  login: string;
  id: number;
  type: 'Organization' | 'User';
}

export interface Installation {
  id: number;
  account: Account;
  repos: FakeRepo[];
  suspended: boolean;
}

export interface ExchangeRecord {
  method: string;
  path: string;
  status: number;
  principal: string;
  /** Epoch ms the request arrived (before any delay a fault adds). */
  at: number;
  /** Epoch ms its answer was given (or the connection dropped): with `at`, how long it was in flight. */
  doneAt: number;
}

/** Releases of an upstream repository the stand-in serves (sample data for release notes). */
export interface SampleRelease {
  tag: string;
  name: string;
  body: string;
  publishedAt: string;
}

const API_PREFIX = '/api/v3';
const basicError = (message: string) => ({ message, documentation_url: 'https://docs.github.com/rest' });

export class StandIn {
  readonly faults = new FaultBook();
  readonly violations: string[] = [];
  readonly exchanges: ExchangeRecord[] = [];
  readonly installations = new Map<number, Installation>();
  /**
   * The primary rate limit per installation, when a test sets one: every REST answer to that
   * installation's token carries GitHub's `x-ratelimit-*` headers and spends one request (the
   * window never resets by itself; a test sets a new entry).
   */
  readonly primaryLimits = new Map<number, { limit: number; remaining: number; resetAt: number }>();
  readonly webhooks: WebhookSender;
  /** Runs dispatched workflows for real. */
  readonly actions: WorkflowExecutor;
  /**
   * Repositories on this GitHub that no installation's repository selection includes (private
   * ones the app cannot read until `select`ed).
   */
  readonly unselected: FakeRepo[] = [];
  /** owner/name → releases, for upstream repositories that are not installed. */
  readonly sampleReleases = new Map<string, SampleRelease[]>();
  /** Manifests people "created" through GitHub's page (createAppFromManifest), by one-time code. */
  private readonly manifestCodes = new Map<string, Json>();
  /** Manifests whose code was exchanged, in order. */
  readonly registeredManifests: Json[] = [];
  private readonly graphql: GraphqlApi;
  private readonly tokens = new Map<string, { installationId: number; expires: number }>();
  private readonly publicKey: KeyObject;
  private server: Server | undefined;
  private webhookUrl: string | undefined;
  private tokenCount = 0;
  url = '';

  /** Every installation token handed out so far (a test checks that none leaked). */
  issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }

  private constructor(readonly o: StandInOptions) {
    this.publicKey = createPublicKey(o.privateKey);
    this.webhookUrl = o.webhookUrl;
    this.webhooks = new WebhookSender(() => this.webhookUrl, o.webhookSecret);
    this.actions = new WorkflowExecutor(this);
    this.graphql = new GraphqlApi((id) => this.installations.get(id)?.repos ?? [], this.botLogin, this.violations);
  }

  static async start(o: StandInOptions): Promise<StandIn> {
    const s = new StandIn(o);
    s.server = createServer((req, res) => void s.serve(req, res));
    await new Promise<void>((resolve) => s.server!.listen(o.port ?? 0, '127.0.0.1', resolve));
    s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  /**
   * What GitHub's "Create GitHub App" page does after someone confirms a posted manifest: the
   * app (this stand-in's) is created and a one-time code goes back in the redirect.
   */
  createAppFromManifest(manifest: Json): string {
    const code = `manifest${this.manifestCodes.size + this.registeredManifests.length + 1}code`;
    this.manifestCodes.set(code, manifest);
    return code;
  }

  /** The REST base, for the app's GITHUB_API_URL. */
  get apiUrl(): string {
    return `${this.url}${API_PREFIX}`;
  }

  get appSlug(): string {
    return this.o.appSlug ?? 'gomod-steward';
  }

  get botLogin(): string {
    return `${this.appSlug}[bot]`;
  }

  setWebhookUrl(url: string): void {
    this.webhookUrl = url;
  }

  /**
   * A repository holding the files of `dir` (plus `extra`), in installation `installationId`.
   * Its dispatched workflows run unless `runner` is false (then dispatches are only recorded).
   */
  async addRepo(
    dir: string,
    o: {
      owner: string;
      name: string;
      id: number;
      installationId: number;
      ownerType?: Account['type'];
      runner?: boolean;
      /** False: the repository exists but the installation's selection leaves it out. Default true. */
      selected?: boolean;
    },
    extra: Record<string, string> = {},
  ): Promise<FakeRepo> {
    const repo = await FakeRepo.fromDir(
      dir,
      {
        owner: o.owner,
        name: o.name,
        id: o.id,
        installationId: o.installationId,
        botLogin: this.botLogin,
        apiBase: this.apiUrl,
        webBase: this.url,
      },
      extra,
    );
    if (o.runner !== false) this.actions.attach(repo);
    if (o.selected === false) {
      this.unselected.push(repo);
      return repo;
    }
    let inst = this.installations.get(o.installationId);
    if (!inst) {
      inst = {
        id: o.installationId,
        account: { login: o.owner, id: 100_000 + o.installationId, type: o.ownerType ?? 'Organization' },
        repos: [],
        suspended: false,
      };
      this.installations.set(o.installationId, inst);
    }
    inst.repos.push(repo);
    return repo;
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    for (const i of this.installations.values())
      for (const r of i.repos) if (r.o.owner === owner && r.o.name === name) return r;
    return this.unselected.find((r) => r.o.owner === owner && r.o.name === name);
  }

  /** Adds `repo` to the installation's repository selection (its token can read it from now on). */
  select(installationId: number, repo: FakeRepo): void {
    const inst = this.installations.get(installationId);
    if (!inst) throw new Error(`no installation ${installationId}`);
    const i = this.unselected.indexOf(repo);
    if (i >= 0) this.unselected.splice(i, 1);
    if (!inst.repos.includes(repo)) inst.repos.push(repo);
  }

  /** Takes `repo` out of the installation's repository selection. */
  deselect(installationId: number, repo: FakeRepo): void {
    const inst = this.installations.get(installationId);
    if (!inst) throw new Error(`no installation ${installationId}`);
    inst.repos = inst.repos.filter((r) => r !== repo);
    if (![...this.installations.values()].some((x) => x.repos.includes(repo)) && !this.unselected.includes(repo))
      this.unselected.push(repo);
  }

  /** Waits until no workflow run is under way and every webhook attempt has ended. */
  async settled(): Promise<void> {
    do {
      await this.actions.drain();
      await this.webhooks.drain();
    } while (this.actions.busy);
  }

  async stop(): Promise<void> {
    await this.actions.stop();
    await this.webhooks.drain();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    for (const i of this.installations.values()) for (const r of i.repos) await r.remove();
    for (const r of this.unselected) await r.remove();
  }

  // -------------------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    try {
      const git = parseGitPath(url.pathname);
      if (git) return this.serveGit(req, res, git, url.search.slice(1));
      if (url.pathname.startsWith(`${API_PREFIX}/`) || url.pathname === API_PREFIX)
        return await this.serveRest(req, res, url);
      if (url.pathname === '/api/graphql' && req.method === 'POST') return await this.serveGraphql(req, res);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
    } catch (err) {
      this.violations.push(`stand-in error on ${req.method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) this.json(res, 500, basicError('stand-in error'));
      else res.end();
    }
  }

  private serveGit(
    req: IncomingMessage,
    res: ServerResponse,
    git: { owner: string; name: string; rest: string },
    query: string,
  ): void {
    const repo = this.repo(git.owner, git.name);
    const principal = this.principal(req.headers.authorization, true);
    const allowed =
      repo &&
      principal.kind === 'installation' &&
      this.installations.get(principal.installationId)?.repos.includes(repo);
    if (!allowed) {
      // GitHub asks for credentials on a private repository it will not show.
      res
        .writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain' })
        .end('Authentication failed\n');
      return;
    }
    serveGit(req, res, repo.store.dir, git.rest, query);
  }

  private async serveRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    // Stamped before the body is read: a busy event loop would otherwise move the arrival.
    const arrivedAt = Date.now();
    const parsed = this.parseJson(await readBody(req), method, path);
    if (!parsed) return this.json(res, 400, basicError('Problems parsing JSON'));
    const { body } = parsed;
    const principal = this.principal(req.headers.authorization, false);
    const record = this.recorder(method, path, principal, arrivedAt);

    if (!findOperation(method, path)) {
      this.violations.push(`${method} ${path} is not in GitHub's OpenAPI description`);
      record(404);
      return this.json(res, 404, basicError('Not Found'));
    }
    const bad = checkRequest(method, `${path}${url.search}`, body);
    if (bad.length) {
      this.violations.push(...bad);
      record(422);
      return this.json(res, 422, { ...basicError('Invalid request.'), errors: bad });
    }
    if (await this.injectFault(method, path, req, res, record)) return;
    if (principal.kind === 'invalid') {
      record(401);
      return this.json(res, 401, basicError('Bad credentials'));
    }
    const reply = await this.route(
      { method, path: decodeURIComponent(path), query: url.searchParams, body },
      principal,
    );
    if (!reply) {
      this.violations.push(`${method} ${path}: GitHub has this route but the stand-in does not implement it`);
      record(501);
      return this.json(res, 501, basicError('not implemented by the GitHub stand-in'));
    }
    const problems = checkResponse(method.toLowerCase(), path, reply.status, reply.body);
    if (problems.length) {
      this.violations.push(...problems.map((p) => `stand-in reply: ${p}`));
      record(500);
      return this.json(
        res,
        500,
        basicError(`the stand-in's reply breaks GitHub's description: ${problems.join('; ')}`),
      );
    }
    record(reply.status);
    this.json(res, reply.status, reply.body, { ...this.rateLimitHeaders(principal), ...reply.headers });
  }

  /** GitHub's primary rate-limit headers for an installation with a limit set, spending one request. */
  private rateLimitHeaders(principal: ReturnType<StandIn['principal']>): Record<string, string> {
    const window = principal.kind === 'installation' ? this.primaryLimits.get(principal.installationId) : undefined;
    if (!window) return {};
    window.remaining = Math.max(0, window.remaining - 1);
    return {
      'x-ratelimit-limit': String(window.limit),
      'x-ratelimit-remaining': String(window.remaining),
      'x-ratelimit-used': String(window.limit - window.remaining),
      'x-ratelimit-reset': String(window.resetAt),
      'x-ratelimit-resource': 'core',
    };
  }

  private async serveGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const raw = await readBody(req);
    const principal = this.principal(req.headers.authorization, false);
    const record = this.recorder('POST', '/graphql', principal, arrivedAt);
    // GraphQL answers only a user or an installation: neither anonymous callers nor the app's JWT.
    if (principal.kind !== 'installation') {
      record(401);
      return this.json(res, 401, {
        message: 'This endpoint requires you to be authenticated.',
        documentation_url:
          'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      });
    }
    if (await this.injectFault('POST', '/graphql', req, res, record)) return;
    const parsed = this.parseJson(raw, 'POST', '/graphql');
    if (!parsed) {
      record(400);
      return this.json(res, 400, basicError('Problems parsing JSON'));
    }
    const reply = await this.graphql.answer(parsed.body, principal.installationId);
    record(reply.status);
    this.json(res, reply.status, reply.body);
  }

  /** A request body as JSON (undefined when empty); nothing, with the violation recorded, when it is not JSON. */
  private parseJson(raw: Buffer, method: string, path: string): { body: unknown } | undefined {
    if (!raw.length) return { body: undefined };
    try {
      return { body: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      this.violations.push(`${method} ${path}: body is not JSON`);
      return undefined;
    }
  }

  private recorder(
    method: string,
    path: string,
    principal: ReturnType<StandIn['principal']>,
    at: number = Date.now(),
  ): (status: number) => void {
    const who = principal.kind === 'installation' ? `installation ${principal.installationId}` : principal.kind;
    return (status) => void this.exchanges.push({ method, path, status, principal: who, at, doneAt: Date.now() });
  }

  /** Plays the fault booked for this request, if any; true when it took the answer's place. */
  private async injectFault(
    method: string,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
    record: (status: number) => void,
  ): Promise<boolean> {
    const fault = this.faults.take(method, path);
    if (fault?.kind === 'drop') {
      record(0);
      req.socket.destroy();
      return true;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind !== 'reply') return false;
    const problems =
      path === '/graphql'
        ? graphqlFaultProblems(fault.status)
        : checkResponse(method.toLowerCase(), path, fault.status, fault.body);
    if (problems.length) {
      this.violations.push(...problems.map((p) => `fault reply: ${p}`));
      record(500);
      this.json(res, 500, basicError(`the booked fault is not an answer GitHub gives here: ${problems.join('; ')}`));
      return true;
    }
    record(fault.status);
    this.json(res, fault.status, fault.body, fault.headers);
    return true;
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined || status === 204 || status === 304 ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      ...headers,
    });
    res.end(text);
  }

  // ------------------------------------------------------------------------------ credentials

  private principal(
    authorization: string | undefined,
    basic: boolean,
  ): { kind: 'anonymous' } | { kind: 'invalid' } | { kind: 'app' } | { kind: 'installation'; installationId: number } {
    if (!authorization) return { kind: 'anonymous' };
    const [scheme, value = ''] = authorization.split(/\s+/, 2) as [string, string?];
    let token = value;
    if (basic && scheme.toLowerCase() === 'basic')
      token = Buffer.from(value, 'base64')
        .toString('utf8')
        .replace(/^x-access-token:/, '');
    if (scheme.toLowerCase() === 'bearer' && value.split('.').length === 3)
      return this.verifyJwt(value) ? { kind: 'app' } : { kind: 'invalid' };
    const t = this.tokens.get(token);
    if (!t || t.expires < Date.now()) return { kind: 'invalid' };
    return { kind: 'installation', installationId: t.installationId };
  }

  private verifyJwt(jwt: string): boolean {
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
    if (header.alg !== 'RS256') return false;
    const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(this.publicKey, Buffer.from(sig, 'base64url'));
    if (!ok) return false;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as {
      iss?: string | number;
      exp?: number;
      iat?: number;
    };
    const now = Date.now() / 1000;
    // GitHub refuses a JWT that expires more than ten minutes out or is already expired.
    return (
      String(claims.iss) === String(this.o.appId) &&
      typeof claims.exp === 'number' &&
      claims.exp > now &&
      claims.exp - now <= 660
    );
  }

  private mintToken(installationId: number): FallbackReply {
    const inst = this.installations.get(installationId);
    if (!inst) return { status: 404, body: basicError('Not Found') };
    if (inst.suspended) return { status: 403, body: basicError('This installation has been suspended') };
    const token = `ghs_standin${installationId}n${++this.tokenCount}${Math.random().toString(36).slice(2, 10)}`;
    const expires = Date.now() + 3600_000;
    this.tokens.set(token, { installationId, expires });
    const body = documentedExample('post', `/app/installations/${installationId}/access_tokens`, 201) as Json;
    return {
      status: 201,
      body: {
        ...body,
        token,
        expires_at: new Date(expires).toISOString().replace(/\.\d+Z$/, 'Z'),
        repository_selection: 'selected',
      },
    };
  }

  // ---------------------------------------------------------------------------------- routing

  private async route(req: FallbackRequest, who: ReturnType<StandIn['principal']>): Promise<FallbackReply | undefined> {
    const requireApp = () =>
      who.kind === 'app' ? undefined : { status: 401, body: basicError('A JSON web token could not be decoded') };
    if (req.path === '/app' && req.method === 'GET') return requireApp() ?? { status: 200, body: this.appJson() };
    if (req.path === '/app/installations' && req.method === 'GET')
      return (
        requireApp() ?? { status: 200, body: [...this.installations.values()].map((i) => this.installationJson(i)) }
      );
    let m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(req.path);
    if (m && req.method === 'POST') return requireApp() ?? this.mintToken(Number(m[1]));
    m = /^\/app-manifests\/([^/]+)\/conversions$/.exec(req.path);
    if (m && req.method === 'POST') return this.convertManifest(m[1]!);
    // Anyone may read public repositories, as on github.com (release notes are read anonymously on
    // GHES); the only public ones here are the upstreams with sample releases.
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path);
    if (m && req.method === 'GET' && who.kind === 'anonymous') {
      const releases = this.sampleReleases.get(`${m[1]}/${m[2]}`);
      if (releases && m[3] === '/releases')
        return { status: 200, body: releases.map((r, i) => this.releaseJson(`${m![1]}/${m![2]}`, r, i)) };
      return { status: 404, body: basicError('Not Found') };
    }
    if (req.path === '/app/hook/deliveries' && req.method === 'GET') return requireApp() ?? this.hookDeliveries(req);
    m = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(req.path);
    if (m && req.method === 'POST')
      return (
        requireApp() ??
        (this.webhooks.redeliverAttempt(Number(m[1]))
          ? { status: 202, body: {} }
          : { status: 404, body: basicError('Not Found') })
      );
    if (who.kind !== 'installation') return { status: 401, body: basicError('Requires authentication') };
    const inst = this.installations.get(who.installationId)!;
    if (req.path === '/installation/repositories' && req.method === 'GET') {
      const repositories = inst.repos.map((r) => r.repository().body as Json);
      return {
        status: 200,
        body: { total_count: repositories.length, repository_selection: 'selected', repositories },
      };
    }
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path);
    if (m) {
      const repo = inst.repos.find((r) => r.o.owner === m![1] && r.o.name === m![2]);
      if (repo) return repo.handler(req);
      const releases = this.sampleReleases.get(`${m[1]}/${m[2]}`);
      if (releases && m[3] === '/releases' && req.method === 'GET')
        return { status: 200, body: releases.map((r, i) => this.releaseJson(`${m![1]}/${m![2]}`, r, i)) };
      return { status: 404, body: basicError('Not Found') };
    }
    return undefined;
  }

  /** The code is the credential: no authentication, and it works once. */
  private convertManifest(code: string): FallbackReply {
    const manifest = this.manifestCodes.get(code);
    if (!manifest) return { status: 404, body: basicError('Not Found') };
    this.manifestCodes.delete(code);
    this.registeredManifests.push(manifest);
    const base = documentedExample('post', `/app-manifests/${code}/conversions`, 201) as Json;
    return {
      status: 201,
      body: {
        ...base,
        ...this.appJson(),
        pem: this.o.privateKey,
        webhook_secret: this.o.webhookSecret,
        client_id: `Iv1.${this.o.appId}`,
        client_secret: 'stand-in-client-secret',
      },
    };
  }

  /**
   * `GET /app/hook/deliveries`: one item per attempt, newest first, `per_page` at a time; the
   * next page starts at `cursor` (the id after the last one shown), linked with rel="next". An
   * attempt that never got an answer has status_code 0, as GitHub records a failed connection.
   */
  private hookDeliveries(req: FallbackRequest): FallbackReply {
    const perPage = Math.min(100, Number(req.query.get('per_page') ?? '30') || 30);
    const cursor = req.query.get('cursor');
    const all = this.webhooks.attemptsNewestFirst();
    const start = cursor
      ? Math.max(
          0,
          all.findIndex((x) => String(x.attempt.id) === cursor),
        )
      : 0;
    const page = all.slice(start, start + perPage);
    const next = all[start + perPage];
    const headers: Record<string, string> = next
      ? { link: `<${this.apiUrl}/app/hook/deliveries?per_page=${perPage}&cursor=${next.attempt.id}>; rel="next"` }
      : {};
    const body = page.map(({ delivery, attempt }) => ({
      id: attempt.id,
      guid: delivery.guid,
      delivered_at: attempt.at.replace(/\.\d+Z$/, 'Z'),
      redelivery: attempt.redelivery,
      duration: 0.01,
      status: attempt.status !== undefined ? `${attempt.status}` : (attempt.error ?? 'failed to connect'),
      status_code: attempt.status ?? 0,
      event: delivery.event,
      action: delivery.action ?? null,
      installation_id: installationIdOf(delivery.body),
      repository_id: null,
    }));
    return { status: 200, body, headers };
  }

  private appJson(): Json {
    const base = documentedExample('get', '/app', 200) as Json;
    return {
      ...base,
      id: this.o.appId,
      slug: this.appSlug,
      name: this.appSlug,
      html_url: `${this.url}/apps/${this.appSlug}`,
    };
  }

  installationJson(i: Installation): Json {
    const base = (documentedExample('get', '/app/installations', 200) as Json[])[0]!;
    return {
      ...base,
      id: i.id,
      app_id: this.o.appId,
      app_slug: this.appSlug,
      target_id: i.account.id,
      target_type: i.account.type,
      account: { ...(base['account'] as Json), login: i.account.login, id: i.account.id, type: i.account.type },
      repository_selection: 'selected',
      suspended_at: i.suspended ? '2026-01-02T00:00:00Z' : null,
      suspended_by: null,
      access_tokens_url: `${this.apiUrl}/app/installations/${i.id}/access_tokens`,
      repositories_url: `${this.apiUrl}/installation/repositories`,
      html_url: `${this.url}/organizations/${i.account.login}/settings/installations/${i.id}`,
    };
  }

  private releaseJson(fullName: string, r: SampleRelease, i: number): Json {
    const base = documentedExample('get', `/repos/${fullName}/releases`, 200) as Json[];
    return {
      ...base[0],
      id: 880_000 + i,
      tag_name: r.tag,
      name: r.name,
      body: r.body,
      draft: false,
      prerelease: false,
      created_at: r.publishedAt,
      published_at: r.publishedAt,
      html_url: `${this.url}/${fullName}/releases/tag/${r.tag}`,
      url: `${this.apiUrl}/repos/${fullName}/releases/${880_000 + i}`,
      assets: [],
    };
  }
}

/** GitHub's GraphQL endpoint fails as a whole only with a server error or a rate limit. */
function graphqlFaultProblems(status: number): string[] {
  if ((status >= 500 && status <= 504) || status === 403 || status === 429) return [];
  return [`POST /graphql → ${status}: GitHub's GraphQL endpoint answers errors with 200, or a 5xx/403/429`];
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The installation a delivery's payload names, as GitHub records it on the delivery. */
function installationIdOf(body: string): number | null {
  const id = (JSON.parse(body) as { installation?: { id?: unknown } }).installation?.id;
  return typeof id === 'number' ? id : null;
}
