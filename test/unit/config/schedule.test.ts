import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CronExpressionParser } from 'cron-parser';
import { ScheduleError, cronFor, jitteredCron, stableOffset } from '../../../src/config/schedule.js';
import { InputError } from '../../../src/errors.js';

/** The next few fire times as BullMQ's cron library computes them. */
function fires(cron: string, from: string, n = 3, tz = 'UTC'): string[] {
  const it = CronExpressionParser.parse(cron, { tz, currentDate: new Date(from) });
  return Array.from({ length: n }, () => String(it.next().toISOString()));
}

describe('cronFor', () => {
  it.each([
    [
      'twice-monthly',
      '0 5 1,15 * *',
      ['2025-03-15T05:00:00.000Z', '2025-04-01T05:00:00.000Z', '2025-04-15T05:00:00.000Z'],
    ],
    ['daily', '0 5 * * *', ['2025-03-11T05:00:00.000Z', '2025-03-12T05:00:00.000Z', '2025-03-13T05:00:00.000Z']],
    ['weekly', '0 5 * * 1', ['2025-03-17T05:00:00.000Z', '2025-03-24T05:00:00.000Z', '2025-03-31T05:00:00.000Z']],
    ['monthly', '0 5 1 * *', ['2025-04-01T05:00:00.000Z', '2025-05-01T05:00:00.000Z', '2025-06-01T05:00:00.000Z']],
  ])('%s is %s and fires when it says', (keyword, cron, next) => {
    expect(cronFor(keyword)).toBe(cron);
    // 2025-03-10 is a Monday, past 05:00.
    expect(fires(cronFor(keyword), '2025-03-10T12:00:00Z')).toEqual(next);
  });

  it('passes a cron through, spacing normalised', () => {
    expect(cronFor('30 4 * * mon-fri')).toBe('30 4 * * mon-fri');
    expect(cronFor('  0\t6   1 * * ')).toBe('0 6 1 * *');
  });

  it('refuses what is neither, as an input error', () => {
    expect(() => cronFor('fortnightly')).toThrow(ScheduleError);
    expect(() => cronFor('0 5 32 * *')).toThrow(/day-of-month value 32/);
    expect(() => cronFor('0 5 32 * *')).toThrow(InputError);
  });
});

describe('jitteredCron', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `repo:${1000 + i}:${987654 + i * 7}`);

  it('is stable: the same key always gives the same cron', () => {
    for (const key of keys.slice(0, 50)) {
      expect(jitteredCron('twice-monthly', key)).toBe(jitteredCron('twice-monthly', key));
    }
    // The documented derivation (SHA-256 of salt + key), so that a change of hash, which would
    // move every installation's schedule at the next upsert, cannot slip in unnoticed.
    const expected = createHash('sha256').update('minute:repo:1:2').digest().readUInt32BE(0) % 60;
    expect(jitteredCron('daily', 'repo:1:2')).toBe(`${expected} 5 * * *`);
  });

  it('spreads repositories over the whole hour, and only moves the minute', () => {
    const counts = new Map<number, number>();
    for (const key of keys) {
      const [minute, ...rest] = jitteredCron('twice-monthly', key).split(' ');
      expect(rest.join(' ')).toBe('5 1,15 * *');
      const m = Number(minute);
      expect(m).toBeGreaterThanOrEqual(0);
      expect(m).toBeLessThanOrEqual(59);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    expect(counts.size).toBe(60);
    // 2000 keys over 60 minutes: about 33 each; no minute should hold a crowd.
    expect(Math.max(...counts.values())).toBeLessThan(70);
  });

  it('keeps the offset within maxMinutes, and wraps within the hour', () => {
    for (const key of keys.slice(0, 300)) {
      const m = Number(jitteredCron('daily', key, 10).split(' ')[0]);
      expect(m).toBeLessThanOrEqual(10);
      expect(jitteredCron('daily', key, 0)).toBe('0 5 * * *');
      const wrapped = Number(jitteredCron('50 5 * * *', key).split(' ')[0]);
      expect(wrapped).toBe((50 + stableOffset(key, 60, 'minute:')) % 60);
    }
  });

  it('leaves lists, ranges, steps and * in the minute field alone', () => {
    for (const cron of ['0,30 5 * * *', '*/15 * * * *', '0-10 5 * * *', '* 5 * * *', '5/20 5 * * *']) {
      expect(jitteredCron(cron, 'repo:1:2')).toBe(cron);
    }
  });

  it('fires at the jittered minute, as BullMQ reads it', () => {
    const key = keys[7]!;
    const minute = stableOffset(key, 60, 'minute:');
    const [first] = fires(jitteredCron('twice-monthly', key), '2025-03-10T12:00:00Z', 1);
    expect(first).toBe(`2025-03-15T05:${String(minute).padStart(2, '0')}:00.000Z`);
  });

  it('with seconds, prepends a stable second that BullMQ honours', () => {
    const key = keys[3]!;
    const cron = jitteredCron('daily', key, 59, { seconds: true });
    const [second, minute, ...rest] = cron.split(' ');
    expect(rest).toEqual(['5', '*', '*', '*']);
    expect(Number(second)).toBe(stableOffset(key, 60, 'second:'));
    const next = new Date(fires(cron, '2025-03-10T12:00:00Z', 1)[0]!);
    expect([next.getUTCHours(), next.getUTCMinutes(), next.getUTCSeconds()]).toEqual([
      5,
      Number(minute),
      Number(second),
    ]);
    const seconds = new Set(
      keys.slice(0, 600).map((k) => jitteredCron('daily', k, 59, { seconds: true }).split(' ')[0]),
    );
    expect(seconds.size).toBe(60);
  });
});
