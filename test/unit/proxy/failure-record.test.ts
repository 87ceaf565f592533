/**
 * A stored failure record comes back as the error it was made from, and the hand check that reads
 * it accepts and strips exactly what the schema does.
 */
import { describe, expect, it } from '@jest/globals';
import { ModuleNotFoundError, NeedsVcsError, ProxyResponseError } from '../../../src/gomod/proxy/errors.js';
import { checkFailureRecord, failureFromRecord, failureRecord } from '../../../src/gomod/proxy/failure-record.js';
import { FailureRecordSchema } from '../../../src/gomod/proxy/failure-record-schema.js';

describe('failure records', () => {
  it('turn back into an error of the same class and message', () => {
    const errors = [
      new ModuleNotFoundError('example.org/a', 'v1.0.0', 'not found: 404'),
      new ModuleNotFoundError('example.org/a', undefined, 'gone'),
      new NeedsVcsError('example.org/b', 'only direct'),
      new NeedsVcsError('example.org/b', undefined),
      new ProxyResponseError('example.org/c', 'https://p.example/c/@v/list', 403, 'forbidden'),
      new ProxyResponseError('example.org/c', 'https://p.example/c/@v/list', undefined, 'not JSON'),
    ];
    for (const err of errors) {
      const back = failureFromRecord(JSON.parse(JSON.stringify(failureRecord(err))));
      expect(back?.constructor).toBe(err.constructor);
      expect(back?.message).toBe(err.message);
    }
  });

  it('are checked by hand with the schema’s answers', () => {
    const shapes: unknown[] = [
      { kind: 'not-found', modulePath: 'm', version: 'v1.0.0', detail: 'd' },
      { kind: 'not-found', modulePath: 'm', detail: 'd', extra: 1 },
      { kind: 'not-found', modulePath: 'm', version: 1, detail: 'd' },
      { kind: 'not-found', modulePath: 'm' },
      { kind: 'not-found', detail: 'd' },
      { kind: 'needs-vcs', modulePath: 'm' },
      { kind: 'needs-vcs', modulePath: 'm', detail: 'd' },
      { kind: 'needs-vcs', modulePath: 'm', detail: null },
      { kind: 'needs-vcs', modulePath: 7 },
      { kind: 'bad-response', modulePath: 'm', url: 'u', status: 403, reason: 'r' },
      { kind: 'bad-response', modulePath: 'm', url: 'u', reason: 'r' },
      { kind: 'bad-response', modulePath: 'm', url: 'u', status: '403', reason: 'r' },
      { kind: 'bad-response', modulePath: 'm', status: 403, reason: 'r' },
      { kind: 'bad-response', modulePath: 'm', url: 'u' },
      { kind: 'other', modulePath: 'm', detail: 'd' },
      { modulePath: 'm', detail: 'd' },
      [{ kind: 'needs-vcs', modulePath: 'm' }],
      null,
      'not-found',
      42,
    ];
    for (const shape of shapes) {
      const r = FailureRecordSchema.safeParse(shape);
      expect(checkFailureRecord(shape)).toEqual(r.success ? r.data : undefined);
    }
  });
});
