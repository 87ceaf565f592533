/**
 * A proxy's definite "no" as plain data, so the client can remember it for the list TTL in memory
 * and on disk, as it does a found version list: a module the proxy refuses to serve (403), one it
 * does not have (404/410, or only `direct` could fetch it) or an answer it cannot parse. Without
 * this, every run — and every module of one run — asks again and waits for the same refusal.
 * Transient failures (5xx, timeouts, network) and those credentials can change (401, 407) are never
 * recorded: the next call must try again.
 */
import type { z } from 'zod';
import { ModuleNotFoundError, NeedsVcsError, ProxyResponseError } from './errors.js';
import type { FailureRecordSchema } from './failure-record-schema.js';

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

const isOptional = <T>(x: unknown, is: (y: unknown) => y is T): x is T | undefined => x === undefined || is(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * FailureRecordSchema's own rules, checked by hand: a warm run reads stored failures, and loading
 * the validator for them cost more than the rest of the run's start-up left to load. Extra keys
 * are left out, as the schema strips them; the unit test holds the two to the same answers.
 */
export function checkFailureRecord(data: unknown): FailureRecord | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  const { modulePath } = d;
  if (!isString(modulePath)) return undefined;
  switch (d.kind) {
    case 'not-found': {
      const { version, detail } = d;
      if (!isOptional(version, isString) || !isString(detail)) return undefined;
      return { kind: 'not-found', modulePath, ...(version !== undefined ? { version } : {}), detail };
    }
    case 'needs-vcs': {
      const { detail } = d;
      if (!isOptional(detail, isString)) return undefined;
      return { kind: 'needs-vcs', modulePath, ...(detail !== undefined ? { detail } : {}) };
    }
    case 'bad-response': {
      const { url, status, reason } = d;
      if (!isString(url) || !isOptional(status, isNumber) || !isString(reason)) return undefined;
      return { kind: 'bad-response', modulePath, url, ...(status !== undefined ? { status } : {}), reason };
    }
    default:
      return undefined;
  }
}

/** The error a record stands for, equal in class and message to the one recorded; undefined when malformed. */
export function failureFromRecord(data: unknown): Error | undefined {
  const f = checkFailureRecord(data);
  if (!f) return undefined;
  switch (f.kind) {
    case 'not-found':
      return new ModuleNotFoundError(f.modulePath, f.version, f.detail);
    case 'needs-vcs':
      return new NeedsVcsError(f.modulePath, f.detail);
    case 'bad-response':
      return new ProxyResponseError(f.modulePath, f.url, f.status, f.reason);
  }
}
