/**
 * The hidden metadata block of a bot pull request: `<!-- gomod-steward:meta {json} -->`.
 * Everything a worker needs to rebuild a PR's state lives here (GitHub is the durable copy,
 * Redis only a cache), so it is checked on the way in like any other outside input: anyone with
 * write access can edit a PR body. One zod schema, strict at every level the app writes; a block
 * that does not fit it (missing fields, wrong types, an `impact` the app did not write) is not
 * ours and is never trusted.
 */
import { z } from 'zod';
import { planUpdateSchema, vulnerabilitySchema } from '../planner/plan-schema.js';

export const META_VERSION = 1;
const OPEN = '<!-- gomod-steward:meta ';
const CLOSE = ' -->';

/** One service's result in the impact matrix. */
export const impactResultSchema = z.strictObject({
  service: z.string(),
  conclusion: z.enum(['success', 'failure', 'cancelled', 'skipped', 'timed_out', 'pending']),
  durationMs: z.number().nonnegative().optional(),
  url: z.string().optional(),
});
export type ImpactResult = z.infer<typeof impactResultSchema>;

/** Owned by the impact pipeline; absent until the first dispatch. */
export const impactMetaSchema = z.strictObject({
  /** The PR head the matrix runs on; a newer head supersedes it. */
  headSha: z.string(),
  correlationId: z.string(),
  checkRunId: z.number().int().positive().optional(),
  runIds: z.array(z.number().int()),
  status: z.enum(['queued', 'in_progress', 'completed']),
  conclusion: z
    .enum(['success', 'failure', 'neutral', 'cancelled', 'timed_out', 'action_required', 'skipped'])
    .optional(),
  results: z.array(impactResultSchema).optional(),
});
export type ImpactMeta = z.infer<typeof impactMetaSchema>;

/** An update as the PR proposes it: the plan's update shape (with its optional `mayBreak: true`), nothing added. */
export const metaUpdateSchema = planUpdateSchema.strict();
export type MetaUpdate = z.infer<typeof metaUpdateSchema>;

export const pullMetaSchema = z.strictObject({
  v: z.literal(META_VERSION),
  /** Base branch and group: together they name the branch (pull-request/branch.ts). */
  base: z.string(),
  group: z.string(),
  /** The base commit the branch was built on, and the commit the bot last pushed to it. */
  baseSha: z.string(),
  headSha: z.string(),
  updates: z.array(metaUpdateSchema),
  /** Module dirs whose packages the bumps reach (apply's package-level `affected`). */
  affected: z.array(z.string()),
  /** `affected` filtered by the config's `services`: the impact matrix. */
  services: z.array(z.string()),
  impact: impactMetaSchema.optional(),
  /** A security PR's advisories: a rebuild (rebase, recreate) renders the same summary. */
  vulnerabilities: z.array(vulnerabilitySchema.strict()).optional(),
  /** A go-line PR (no updates): the go line it raises to, and what became of toolchain lines; a rebuild redoes it. */
  goLine: z
    .strictObject({ go: z.string().regex(/^\d+\.\d+(?:\.\d+)?$/), toolchain: z.enum(['keep', 'raise', 'drop']) })
    .optional(),
});
export type PullMeta = z.infer<typeof pullMetaSchema>;

/** What a PR body holds: no block, our block, or a block that is not ours (and why). */
export type MetaReading = { kind: 'none' } | { kind: 'valid'; meta: PullMeta } | { kind: 'rejected'; reason: string };

/** Where a rejected block is reported; a probot Logger fits. */
export interface MetaLog {
  warn(obj: object, msg: string): void;
}

export function renderMeta(meta: PullMeta): string {
  // `--` cannot end an HTML comment early once escaped; JSON never needs a raw `>` either.
  const json = JSON.stringify(meta).replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e');
  return `${OPEN}${json}${CLOSE}`;
}

export function parseMeta(body: string | null | undefined): MetaReading {
  if (!body) return { kind: 'none' };
  const start = body.lastIndexOf(OPEN);
  if (start < 0) return { kind: 'none' };
  const end = body.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) return { kind: 'rejected', reason: 'the metadata block has no end' };
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start + OPEN.length, end));
  } catch {
    return { kind: 'rejected', reason: 'the metadata block is not JSON' };
  }
  const parsed = pullMetaSchema.safeParse(value);
  if (parsed.success) return { kind: 'valid', meta: parsed.data };
  const first = parsed.error.issues[0];
  return { kind: 'rejected', reason: `${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}` };
}

/**
 * The metadata of a PR body, or undefined when the body has none or one that does not fit the
 * schema; the latter is reported to `log` (the PR is then treated as not the bot's).
 */
export function readMeta(body: string | null | undefined, log?: MetaLog, context: object = {}): PullMeta | undefined {
  const reading = parseMeta(body);
  if (reading.kind === 'rejected')
    log?.warn({ ...context, reason: reading.reason }, 'PR metadata does not fit the schema: not treated as ours');
  return reading.kind === 'valid' ? reading.meta : undefined;
}

/** Replaces the metadata block in place (or appends one). */
export function writeMeta(body: string, meta: PullMeta): string {
  const start = body.lastIndexOf(OPEN);
  const end = start < 0 ? -1 : body.indexOf(CLOSE, start + OPEN.length);
  if (start < 0 || end < 0) return `${body.replace(/\s*$/, '')}\n\n${renderMeta(meta)}\n`;
  return body.slice(0, start) + renderMeta(meta) + body.slice(end + CLOSE.length);
}
