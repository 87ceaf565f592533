/** push, for a push to one of the stand-in's repositories. */
import { firstOf, repoUrls, setRepositoryEnvelope, text, timestamp, type Json } from '../webhook-parts.js';
import type { GitPerson, RepoState, UserState } from '../webhook-state.js';
import { checked, fittingExample } from './checked.js';

export interface CommitState {
  id: string;
  message: string;
  added: string[];
  modified: string[];
  removed: string[];
  /** Defaults to now. */
  timestamp?: string;
  /** Defaults to the example's; the app never reads it. */
  treeId?: string;
}

export interface PushInput {
  installationId: number;
  repository: RepoState;
  ref: string;
  before: string;
  after: string;
  commits: CommitState[];
  pusher: GitPerson;
  sender: UserState;
  forced?: boolean;
}

const NO_COMMIT = /^0+$/;

export function push(input: PushInput): Json {
  const p = fittingExample('push', undefined, (e) => Array.isArray(e['commits']) && e['commits'].length > 0);
  const template = firstOf(p, 'commits');
  const { html } = repoUrls(input.repository);
  const commits = input.commits.map((c) => ({
    ...structuredClone(template),
    id: c.id,
    tree_id: c.treeId ?? text(template, 'tree_id'),
    distinct: true,
    message: c.message,
    timestamp: c.timestamp ?? timestamp(),
    url: `${html}/commit/${c.id}`,
    author: { ...input.pusher },
    committer: { ...input.pusher },
    added: c.added,
    removed: c.removed,
    modified: c.modified,
  }));
  const created = NO_COMMIT.test(input.before);
  setRepositoryEnvelope(p, input.repository, input.installationId, input.sender);
  Object.assign(p, {
    ref: input.ref,
    before: input.before,
    after: input.after,
    created,
    deleted: NO_COMMIT.test(input.after),
    forced: input.forced ?? false,
    base_ref: null,
    compare: created
      ? `${html}/commit/${input.after}`
      : `${html}/compare/${input.before.slice(0, 12)}...${input.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    pusher: { ...input.pusher },
  });
  return checked('push', p, input.repository);
}
