/**
 * From the config's `schedule` to the cron a BullMQ job scheduler runs, with a stable
 * per-repository jitter so that thousands of installations do not all fire at 05:00:00.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { parseCron } from './cron.js';
import type { ScheduleKeyword } from './schema.js';

const KEYWORD_CRONS: Record<ScheduleKeyword, string> = {
  daily: '0 5 * * *',
  weekly: '0 5 * * 1',
  'twice-monthly': '0 5 1,15 * *',
  monthly: '0 5 1 * *',
};

export class ScheduleError extends InputError {
  override readonly code = 'bad-schedule';
}

/** The cron for a keyword; a cron is checked and passed through with its spacing normalised. */
export function cronFor(schedule: string): string {
  const keyword = KEYWORD_CRONS[schedule as ScheduleKeyword];
  if (keyword) return keyword;
  const parsed = parseCron(schedule);
  if (!parsed.ok)
    throw new ScheduleError(`schedule "${schedule}": ${parsed.problem}`, undefined, 'a keyword or a 5-field cron');
  return schedule.trim().split(/\s+/).join(' ');
}

/** A number in [0, modulo) that depends only on the key (and salt): the same on every run and host. */
export function stableOffset(repoKey: string, modulo: number, salt = ''): number {
  if (modulo <= 1) return 0;
  const digest = createHash('sha256').update(`${salt}${repoKey}`).digest();
  return digest.readUInt32BE(0) % modulo;
}

export interface JitterOptions {
  /** Also spread within the minute: prepend a seconds field (BullMQ reads 6-field crons). */
  seconds?: boolean;
}

/**
 * `cronFor(schedule)` with its minute moved by a stable per-repo offset in [0, maxMinutes].
 *
 * Only a minute field that is a single number is moved. A list, range or step (`0,30`, `0-29`, `5/15`)
 * already says how often to run within the hour, and shifting it would mean rewriting it; `*`
 * runs every minute anyway. The offset wraps within the hour (05:50 + 20 → 05:10) and never
 * carries into the hour: the hour, day and weekday fields may be lists, and a carry past
 * midnight would silently move a run to another day.
 */
export function jitteredCron(schedule: string, repoKey: string, maxMinutes = 59, options: JitterOptions = {}): string {
  const fields = cronFor(schedule).split(' ');
  const minute = fields[0] ?? '';
  if (/^\d+$/.test(minute)) {
    const span = Math.max(0, Math.min(59, Math.floor(maxMinutes))) + 1;
    fields[0] = String((Number(minute) + stableOffset(repoKey, span, 'minute:')) % 60);
  }
  if (options.seconds) fields.unshift(String(stableOffset(repoKey, 60, 'second:')));
  return fields.join(' ');
}
