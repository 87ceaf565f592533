/**
 * A proxy's definite "no" as plain data, so the client can remember it for the list TTL in memory
 * and on disk, as it does a found version list: a module the proxy refuses to serve (403), one it
 * does not have (404/410, or only `direct` could fetch it) or an answer it cannot parse. Without
 * this, every run — and every module of one run — asks again and waits for the same refusal.
 * Transient failures (5xx, timeouts, network) and those credentials can change (401, 407) are never
 * recorded: the next call must try again.
 */
import { z } from 'zod';
import { ModuleNotFoundError, NeedsVcsError, ProxyResponseError } from './errors.js';

const FailureRecordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('not-found'),
    modulePath: z.string(),
    version: z.string().optional(),
    detail: z.string(),
  }),
  z.object({ kind: z.literal('needs-vcs'), modulePath: z.string(), detail: z.string().optional() }),
  z.object({
    kind: z.literal('bad-response'),
    modulePath: z.string(),
    url: z.string(),
    status: z.number().optional(),
    reason: z.string(),
  }),
]);

export type FailureRecord = z.infer<typeof FailureRecordSchema>;

/** Statuses whose answer may change as soon as the caller's credentials do. */
const AUTH_STATUSES = new Set([401, 407]);

/** The record of `err` when it is a definite answer worth remembering; undefined otherwise. */
export function failureRecord(err: unknown): FailureRecord | undefined {
  if (err instanceof ModuleNotFoundError) {
    return {
      kind: 'not-found',
      modulePath: err.modulePath,
      ...(err.version !== undefined ? { version: err.version } : {}),
      detail: err.detail,
    };
  }
  if (err instanceof NeedsVcsError) {
    return {
      kind: 'needs-vcs',
      modulePath: err.modulePath,
      ...(err.detail !== undefined ? { detail: err.detail } : {}),
    };
  }
  if (err instanceof ProxyResponseError && !(err.status !== undefined && AUTH_STATUSES.has(err.status))) {
    return {
      kind: 'bad-response',
      modulePath: err.modulePath,
      url: err.url,
      ...(err.status !== undefined ? { status: err.status } : {}),
      reason: err.reason,
    };
  }
  return undefined;
}

/** The error a record stands for, equal in class and message to the one recorded; undefined when malformed. */
export function failureFromRecord(data: unknown): Error | undefined {
  const r = FailureRecordSchema.safeParse(data);
  if (!r.success) return undefined;
  const f = r.data;
  switch (f.kind) {
    case 'not-found':
      return new ModuleNotFoundError(f.modulePath, f.version, f.detail);
    case 'needs-vcs':
      return new NeedsVcsError(f.modulePath, f.detail);
    case 'bad-response':
      return new ProxyResponseError(f.modulePath, f.url, f.status, f.reason);
  }
}
