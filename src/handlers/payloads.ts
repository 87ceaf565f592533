/**
 * The parts of webhook payloads the handlers rely on, checked at the door: a signed delivery can
 * still be malformed (a proxy, a hand-made redelivery), and ids must be ids before they reach job
 * data and scheduler ids.
 */
import { z } from 'zod';
import { shaSchema as sha } from '../repo-ref.js';
import { MalformedPayloadError } from './malformed-payload-error.js';

const id = z.number().int().positive();
const installation = z.object({ id });

const listedRepo = z.object({
  id,
  name: z.string().min(1),
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/, { error: 'owner/name' }),
});

export type ListedRepo = z.infer<typeof listedRepo>;

export const installationPayload = z.object({
  installation,
  /** Absent on suspend/unsuspend and possibly for very large installations. */
  repositories: z.array(listedRepo).optional(),
});

export const installationRepositoriesPayload = z.object({
  installation,
  repositories_added: z.array(listedRepo),
  repositories_removed: z.array(z.object({ id })),
});

const commitFiles = z.object({
  added: z.array(z.string()).default([]),
  modified: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
});

/**
 * The commit a push (or the check suite it started) moved the branch from: `before`, which is
 * all zeros for a new branch; null when there is none.
 */
export function pushParent(before: string | null | undefined): string | null {
  return before && !/^0+$/.test(before) ? before : null;
}

export const pushPayload = z.object({
  ref: z.string().min(1),
  /** The branch's previous head; all zeros for a new branch (pushParent). */
  before: sha.optional(),
  after: sha,
  deleted: z.boolean().default(false),
  forced: z.boolean().default(false),
  installation,
  repository: z.object({
    id,
    name: z.string().min(1),
    owner: z.object({ login: z.string().min(1) }),
    default_branch: z.string().min(1),
  }),
  commits: z.array(commitFiles).default([]),
  head_commit: commitFiles.nullable().default(null),
});

/** pull_request.opened / synchronize / reopened: the commits the governance check compares. */
export const pullRequestPayload = z.object({
  installation,
  repository: z.object({ id, name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
  pull_request: z.object({
    number: id,
    head: z.object({ sha }),
    base: z.object({ sha }),
  }),
});

/** A GitHub App or bot account: its edits and comments are never commands. */
export function isBotAccount(user: { type: string; login: string }): boolean {
  return user.type === 'Bot' || user.login.endsWith('[bot]');
}

export function parsePayload<S extends z.ZodType>(schema: S, event: string, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new MalformedPayloadError(event, `${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`);
}

export function ownerAndName(repo: ListedRepo): { id: number; owner: string; name: string } {
  const [owner = '', name = ''] = repo.full_name.split('/');
  return { id: repo.id, owner, name };
}

const payloadRepo = z.object({
  id,
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
});

const pullRef = z.object({ number: id });

export const workflowRunCompletedPayload = z.object({
  installation,
  repository: payloadRepo,
  workflow_run: z.object({
    id,
    run_attempt: z.number().int().positive().default(1),
    /** The run-name; older GitHub Enterprise Server releases do not send it. */
    display_title: z.string().nullable().optional(),
    head_branch: z.string().nullable(),
    conclusion: z.string().nullable(),
    html_url: z.string().min(1),
    pull_requests: z.array(pullRef).default([]),
  }),
});

export const checkRunRerequestedPayload = z.object({
  installation,
  repository: payloadRepo,
  check_run: z.object({
    id,
    name: z.string(),
    head_sha: sha,
    pull_requests: z.array(pullRef.extend({ base: z.object({ sha }).optional() })).default([]),
    check_suite: z
      .object({ head_branch: z.string().nullable(), before: sha.nullable().optional() })
      .nullable()
      .optional(),
  }),
});

export const issueCommentPayload = z.object({
  installation,
  issue: z.object({
    number: id,
    /** The dashboard issue is known by its title. */
    title: z.string().optional(),
    /** Present when the issue is a pull request. */
    pull_request: z.object({}).passthrough().nullish(),
  }),
  comment: z.object({
    id,
    body: z.string(),
    user: z.object({
      login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(?:\[bot\])?$/, { error: 'a GitHub login' }),
      type: z.string(),
    }),
  }),
  repository: z.object({ id, name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
});
