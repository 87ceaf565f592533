/**
 * The hidden metadata block of a bot pull request: `<!-- gomod-steward:meta {json} -->`.
 * Everything a worker needs to rebuild a PR's state lives here (GitHub is the durable copy,
 * Redis only a cache), so it is checked on the way in like any other outside input: anyone with
 * write access can edit a PR body.
 */
import type { UpdateKind } from '../planner/plan-schema.js';

export const META_VERSION = 1;
const OPEN = '<!-- gomod-steward:meta ';
const CLOSE = ' -->';

export interface MetaUpdate {
  module: string;
  to: string;
  kind: UpdateKind;
  dirs: { dir: string; from: string }[];
}

/** One service's result in the impact matrix. */
export interface ImpactResult {
  service: string;
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'pending';
  durationMs?: number;
  url?: string;
}

/** Owned by the impact pipeline; absent until the first dispatch. */
export interface ImpactMeta {
  /** The PR head the matrix runs on; a newer head supersedes it. */
  headSha: string;
  correlationId: string;
  checkRunId?: number;
  runIds: number[];
  status: 'queued' | 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out' | 'action_required' | 'skipped';
  results?: ImpactResult[];
}

export interface PullMeta {
  v: typeof META_VERSION;
  /** Base branch and group: together they name the branch, `gomod-steward/<base>/<group>`. */
  base: string;
  group: string;
  /** The base commit the branch was built on, and the commit the bot last pushed to it. */
  baseSha: string;
  headSha: string;
  updates: MetaUpdate[];
  /** Module dirs whose packages the bumps reach (apply's package-level `affected`). */
  affected: string[];
  /** `affected` filtered by the config's `services`: the impact matrix. */
  services: string[];
  impact?: ImpactMeta;
}

export function renderMeta(meta: PullMeta): string {
  // `--` cannot end an HTML comment early once escaped; JSON never needs a raw `>` either.
  const json = JSON.stringify(meta).replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e');
  return `${OPEN}${json}${CLOSE}`;
}

/** The metadata of a PR body, or undefined when the body has none or it does not fit the shape. */
export function readMeta(body: string | null | undefined): PullMeta | undefined {
  if (!body) return undefined;
  const start = body.lastIndexOf(OPEN);
  if (start < 0) return undefined;
  const end = body.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start + OPEN.length, end));
  } catch {
    return undefined;
  }
  return isPullMeta(value) ? value : undefined;
}

/** Replaces the metadata block in place (or appends one). */
export function writeMeta(body: string, meta: PullMeta): string {
  const start = body.lastIndexOf(OPEN);
  const end = start < 0 ? -1 : body.indexOf(CLOSE, start + OPEN.length);
  if (start < 0 || end < 0) return `${body.replace(/\s*$/, '')}\n\n${renderMeta(meta)}\n`;
  return body.slice(0, start) + renderMeta(meta) + body.slice(end + CLOSE.length);
}

function isPullMeta(v: unknown): v is PullMeta {
  if (!isObject(v) || v.v !== META_VERSION) return false;
  if (![v.base, v.group, v.baseSha, v.headSha].every((s) => typeof s === 'string')) return false;
  if (!isStringArray(v.affected) || !isStringArray(v.services)) return false;
  if (!Array.isArray(v.updates) || !v.updates.every(isMetaUpdate)) return false;
  return v.impact === undefined || isImpact(v.impact);
}

function isMetaUpdate(u: unknown): u is MetaUpdate {
  return (
    isObject(u) &&
    typeof u.module === 'string' &&
    typeof u.to === 'string' &&
    (u.kind === 'major' || u.kind === 'minor' || u.kind === 'patch') &&
    Array.isArray(u.dirs) &&
    u.dirs.every((d) => isObject(d) && typeof d.dir === 'string' && typeof d.from === 'string')
  );
}

function isImpact(i: unknown): i is ImpactMeta {
  return (
    isObject(i) &&
    typeof i.headSha === 'string' &&
    typeof i.correlationId === 'string' &&
    Array.isArray(i.runIds) &&
    i.runIds.every((n) => Number.isInteger(n)) &&
    (i.status === 'queued' || i.status === 'in_progress' || i.status === 'completed')
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}
