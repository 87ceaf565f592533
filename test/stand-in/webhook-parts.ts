/**
 * The objects many webhook payloads share (accounts, repositories, installations, labels),
 * each made from the same object of a GitHub example payload: the example's shape and the
 * fields the state does not cover, the stand-in's ids, names and URLs.
 */
import { examplePayload } from '../support/webhooks.js';
import { rebaseUrls, type UrlRule } from './webhook-urls.js';
import type { AccountType, LabelState, ListedRepoState, RepoState, Site, UserState } from './webhook-state.js';

export type Json = Record<string, unknown>;

/** An example payload's part that is missing or not an object: the examples changed shape. */
export class ExampleShapeError extends Error {
  constructor(what: string) {
    super(`webhook example: ${what}`);
    this.name = 'ExampleShapeError';
  }
}

/** The object at `key` of an example object. */
export function part(o: Json, key: string): Json {
  const v = o[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ExampleShapeError(`"${key}" is not an object`);
  return v as Json;
}

/** The first element of the array at `key` of an example object. */
export function firstOf(o: Json, key: string): Json {
  const v = o[key];
  const first: unknown = Array.isArray(v) ? v[0] : undefined;
  if (!first || typeof first !== 'object') throw new ExampleShapeError(`"${key}" has no object element`);
  return first as Json;
}

export function text(o: Json, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new ExampleShapeError(`"${key}" is not a string`);
  return v;
}

export function num(o: Json, key: string): number {
  const v = o[key];
  if (typeof v !== 'number') throw new ExampleShapeError(`"${key}" is not a number`);
  return v;
}

/** GitHub's legacy global node id: base64 of `0<kind length>:<Kind><id>`. */
export function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
}

/** A timestamp as GitHub writes them: ISO 8601, whole seconds, UTC. */
export function timestamp(at: Date = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The web and REST bases an example account lives under, read off its own URLs. */
function exampleSite(user: Json): Site {
  const login = text(user, 'login');
  const api = text(user, 'url');
  const html = text(user, 'html_url');
  if (!api.endsWith(`/users/${login}`) || !html.endsWith(`/${login}`))
    throw new ExampleShapeError(`account ${login} has unexpected URLs`);
  return { apiBase: api.slice(0, -`/users/${login}`.length), htmlBase: html.slice(0, -`/${login}`.length) };
}

/** The account an example user object becomes: `user` on the stand-in. */
export function account(template: Json, user: UserState, site: Site): Json {
  const ex = exampleSite(template);
  const exLogin = text(template, 'login');
  const type: AccountType = user.type ?? 'User';
  // A bot's login ends in `[bot]`, which GitHub percent-encodes in its URLs.
  const path = encodeURIComponent(user.login);
  const out = rebaseUrls(template, [
    [`${ex.apiBase}/users/${exLogin}`, `${site.apiBase}/users/${path}`],
    [`${ex.htmlBase}/${exLogin}`, `${site.htmlBase}/${path}`],
  ]);
  Object.assign(out, {
    login: user.login,
    id: user.id,
    node_id: nodeId(type, user.id),
    avatar_url: avatarUrl(site, user.id),
    type,
    site_admin: false,
  });
  // Push payloads give the repository owner's public name and email; the stand-in has neither.
  if ('name' in out) out['name'] = user.login;
  if ('email' in out) out['email'] = null;
  return out;
}

function avatarUrl(site: Site, id: number): string {
  return `${site.htmlBase}/avatars/u/${id}?v=4`;
}

/** The organization object payloads carry beside a repository an organization owns. */
export function organization(owner: UserState, site: Site): Json {
  const example = examplePayload('issue_comment', 'created', (p) => 'organization' in p);
  const template = part(example, 'organization');
  const exLogin = text(template, 'login');
  const ex = exampleSite(part(example, 'sender'));
  const out = rebaseUrls(template, [[`${ex.apiBase}/orgs/${exLogin}`, `${site.apiBase}/orgs/${owner.login}`]]);
  Object.assign(out, {
    login: owner.login,
    id: owner.id,
    node_id: nodeId('Organization', owner.id),
    avatar_url: avatarUrl(site, owner.id),
    description: null,
  });
  return out;
}

export function fullName(repo: RepoState): string {
  return `${repo.owner.login}/${repo.name}`;
}

/** The repository's REST URL (…/repos/owner/name) and web URL (…/owner/name). */
export function repoUrls(repo: RepoState): { api: string; html: string } {
  return { api: `${repo.apiBase}/repos/${fullName(repo)}`, html: `${repo.htmlBase}/${fullName(repo)}` };
}

/** The same two URLs of the repository an example payload is about. */
export function exampleRepoUrls(exampleRepo: Json): { api: string; html: string } {
  const ex = exampleSite(part(exampleRepo, 'owner'));
  const name = text(exampleRepo, 'full_name');
  return { api: `${ex.apiBase}/repos/${name}`, html: `${ex.htmlBase}/${name}` };
}

/**
 * Rules that move every URL under the example's repository (REST and web) under the stand-in's
 * repository. Callers add longer rules for the numbered things they replace.
 */
export function repoRules(exampleRepo: Json, repo: RepoState): UrlRule[] {
  const ex = exampleRepoUrls(exampleRepo);
  const ours = repoUrls(repo);
  return [
    [ex.api, ours.api],
    [ex.html, ours.html],
  ];
}

/** A repository object of the example's shape (full, push or lite): the stand-in's repository. */
export function repository(template: Json, repo: RepoState): Json {
  const out = rebaseUrls(template, repoRules(template, repo));
  const { html } = repoUrls(repo);
  const web = new URL(repo.htmlBase);
  Object.assign(out, {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    owner: account(part(template, 'owner'), repo.owner, repo),
  });
  // Set only where the example's shape has them: the lite shape must not gain fields its schema forbids.
  const ifPresent: Json = {
    default_branch: repo.defaultBranch,
    // Push payloads still carry the pre-2020 name of the same field.
    master_branch: repo.defaultBranch,
    visibility: repo.private ? 'private' : 'public',
    clone_url: `${html}.git`,
    svn_url: html,
    git_url: `git://${web.host}/${fullName(repo)}.git`,
    ssh_url: `git@${web.hostname}:${fullName(repo)}.git`,
    // What the stand-in does not know about a repository, rather than the example repository's.
    description: null,
    homepage: null,
    // The example's licence would link to GitHub's licence API.
    license: null,
  };
  for (const [k, v] of Object.entries(ifPresent)) if (k in out) out[k] = v;
  return out;
}

/** A repository as installation events list it. */
export function listedRepository(r: ListedRepoState): Json {
  return { id: r.id, node_id: nodeId('Repository', r.id), name: r.name, full_name: r.fullName, private: r.private };
}

/** The installation as events other than installation's own name it. */
export function installationLite(installationId: number): Json {
  return { id: installationId, node_id: nodeId('IntegrationInstallation', installationId) };
}

export interface InstallationState extends Site {
  installationId: number;
  appId: number;
  account: UserState;
  /** Defaults to `selected`: the installation events list the repositories. */
  repositorySelection?: 'all' | 'selected';
  /** Default to the example's. */
  permissions?: Record<string, 'read' | 'write'>;
  events?: string[];
}

/** The full installation object of installation events. */
export function installation(template: Json, s: InstallationState): Json {
  const type = s.account.type ?? 'User';
  const settings =
    type === 'Organization' ? `${s.htmlBase}/organizations/${s.account.login}/settings` : `${s.htmlBase}/settings`;
  const out = structuredClone(template);
  Object.assign(out, {
    id: s.installationId,
    account: account(part(template, 'account'), s.account, s),
    repository_selection: s.repositorySelection ?? 'selected',
    access_tokens_url: `${s.apiBase}/app/installations/${s.installationId}/access_tokens`,
    repositories_url: `${s.apiBase}/installation/repositories`,
    html_url: `${settings}/installations/${s.installationId}`,
    app_id: s.appId,
    target_id: s.account.id,
    target_type: type,
  });
  if (s.permissions) out['permissions'] = s.permissions;
  if (s.events) out['events'] = s.events;
  return out;
}

/** Labels of an issue or pull request, shaped like the example's first label. */
export function labels(template: Json, repo: RepoState, states: readonly LabelState[]): Json[] {
  return states.map((l) => ({
    ...structuredClone(template),
    id: l.id,
    node_id: nodeId('Label', l.id),
    url: `${repoUrls(repo).api}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: null,
  }));
}

/** How GitHub relates a comment's or issue's author to the repository, as far as the stand-in knows. */
export function authorAssociation(user: UserState, repo: RepoState): 'OWNER' | 'NONE' {
  return user.login === repo.owner.login ? 'OWNER' : 'NONE';
}

/**
 * Puts on `payload` what every repository event carries besides its subject: the repository,
 * the sender, the installation, and the organization exactly when one owns the repository.
 */
export function setRepositoryEnvelope(payload: Json, repo: RepoState, installationId: number, sender: UserState): void {
  payload['repository'] = repository(part(payload, 'repository'), repo);
  payload['sender'] = account(part(payload, 'sender'), sender, repo);
  payload['installation'] = installationLite(installationId);
  if (repo.owner.type === 'Organization') payload['organization'] = organization(repo.owner, repo);
  else delete payload['organization'];
}
