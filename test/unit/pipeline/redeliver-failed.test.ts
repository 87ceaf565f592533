/**
 * Which deliveries are asked for again: per event (guid), only when every attempt failed (a
 * connection failure records status 0) and none was a redelivery; then its latest attempt.
 */
import { describe, expect, it } from '@jest/globals';
import type { HookDelivery } from '../../../src/github/hook-deliveries.js';
import { deliveriesToRedeliver } from '../../../src/pipeline/redeliver-failed.js';

let nextId = 1;
function d(guid: string, status_code: number, at: string, redelivery = false): HookDelivery {
  return { id: nextId++, guid, status_code, delivered_at: at, redelivery, event: 'issue_comment', action: 'created' };
}

describe('deliveriesToRedeliver', () => {
  it('resends an event whose attempts all failed, once, by its latest attempt', () => {
    const a1 = d('a', 500, '2026-12-03T01:00:00Z');
    const a2 = d('a', 0, '2026-12-03T01:05:00Z');
    expect(deliveriesToRedeliver([a2, a1])).toEqual([a2]);
  });

  it('leaves an event with any successful attempt, or one redelivered already', () => {
    const list = [
      d('ok-later', 500, '2026-12-03T01:00:00Z'),
      d('ok-later', 202, '2026-12-03T01:01:00Z'),
      d('redelivered', 500, '2026-12-03T01:00:00Z'),
      d('redelivered', 500, '2026-12-03T01:02:00Z', true),
      d('fine', 200, '2026-12-03T01:00:00Z'),
      d('moved', 302, '2026-12-03T01:00:00Z'),
    ];
    expect(deliveriesToRedeliver(list)).toEqual([]);
  });

  it('treats 4xx like 5xx (the app refused it) and resends each failed event', () => {
    const x = d('x', 400, '2026-12-03T01:00:00Z');
    const y = d('y', 503, '2026-12-03T01:00:00Z');
    expect(deliveriesToRedeliver([x, y]).map((e) => e.guid)).toEqual(['x', 'y']);
  });
});
