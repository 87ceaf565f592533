/**
 * The oracle is the cron library BullMQ itself runs our schedules with: whatever parseCron
 * accepts, it must accept too and expand to exactly the same minutes, hours, days and months.
 */
import { describe, expect, it } from '@jest/globals';
import { CronExpressionParser } from 'cron-parser';
import { parseCron, type CronValues } from '../../../src/config/cron.js';

function theirs(expression: string): CronValues | null {
  try {
    const f = CronExpressionParser.parse(expression, { tz: 'UTC' }).fields;
    const norm = (values: readonly (number | string)[]) => [...new Set(values.map(Number))].sort((a, b) => a - b);
    const dow = norm(f.dayOfWeek.values.map((v) => (Number(v) === 7 ? 0 : Number(v))));
    return [norm(f.minute.values), norm(f.hour.values), norm(f.dayOfMonth.values), norm(f.month.values), dow];
  } catch {
    return null;
  }
}

function ours(expression: string): CronValues | null {
  const r = parseCron(expression);
  return r.ok ? r.values : null;
}

const range = (a: number, b: number, step = 1) =>
  Array.from({ length: Math.floor((b - a) / step) + 1 }, (_, i) => a + i * step);

describe('parseCron', () => {
  it.each([
    ['0 5 1,15 * *', [[0], [5], [1, 15], range(1, 12), range(0, 6)]],
    ['*/15 9-17 * * mon-fri', [[0, 15, 30, 45], range(9, 17), range(1, 31), range(1, 12), range(1, 5)]],
    ['5/20 0 1 JAN,jul 0', [[5, 25, 45], [0], [1], [1, 7], [0]]],
    ['0 0 * * 7', [[0], [0], range(1, 31), range(1, 12), [0]]],
    ['0 0 * * 5-7', [[0], [0], range(1, 31), range(1, 12), [0, 5, 6]]],
    ['0 0 * * 0-7', [[0], [0], range(1, 31), range(1, 12), range(0, 6)]],
    ['0 0 * * mon/2', [[0], [0], range(1, 31), range(1, 12), [0, 1, 3, 5]]],
    ['  0   12  10-20/5 */3  sun  ', [[0], [12], [10, 15, 20], [1, 4, 7, 10], [0]]],
  ])('%j expands as expected', (expression, values) => {
    expect(ours(expression)).toEqual(values);
  });

  it.each([
    ['60 * * * *', /minute value 60 is outside 0-59/],
    ['0 24 * * *', /hour value 24 is outside 0-23/],
    ['0 0 0 * *', /day-of-month value 0 is outside 1-31/],
    ['0 0 * 13 *', /month value 13 is outside 1-12/],
    ['0 0 * * 8', /day-of-week value 8 is outside 0-7/],
    ['0 0 * dec-jan *', /month range dec-jan runs backwards/],
    ['*/0 * * * *', /minute step 0 is outside 1-59/],
    ['0 0 * foo *', /month value "foo" is neither a number/],
    ['0 0 * * 1,', /empty list element/],
    ['0 0 1- * *', /missing value/],
    ['L * * * *', /not a number/],
    ['0 0 * * 1,1', /selects 1 more than once/],
    ['0 0 * * sun,7', /selects 0 more than once/],
    ['0 0-10,5 * * *', /selects 5 more than once/],
  ])('rejects %j, and so does BullMQ', (expression, why) => {
    const r = parseCron(expression);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(why);
    expect(theirs(expression)).toBeNull();
  });

  // Deliberately stricter: these mean something surprising (or nothing portable) elsewhere.
  it.each([
    ['*/60 * * * *', /minute step 60 is outside 1-59/],
    ['0 5 1-3-5 * *', /more than one "-"/],
    ['*/2-5 * * * *', /step "2-5" is not a number/],
    ['0 5 ? * *', /not a number/],
    ['0 0 5 * * *', /has 6/],
    ['0 5 * *', /needs 5 fields.*has 4/],
    ['', /has 0/],
    ['0 5 1-31/40 * *', /step 40 is outside 1-30/],
  ])('refuses %j that BullMQ would take', (expression, why) => {
    const r = parseCron(expression);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(why);
    expect(theirs(expression)).not.toBeNull();
  });

  it('agrees with BullMQ on every expression it accepts (generated)', () => {
    // A small deterministic generator (LCG) over tokens that mix valid and invalid pieces.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
    const item = (lo: number, hi: number, names: readonly string[]) => {
      const v = () => (names.length && rand(4) === 0 ? pick(names) : String(lo + rand(hi - lo + 2)));
      switch (rand(6)) {
        case 0:
          return '*';
        case 1:
          return `*/${1 + rand(hi)}`;
        case 2:
          return `${v()}-${v()}`;
        case 3:
          return `${v()}-${v()}/${1 + rand(hi)}`;
        case 4:
          return `${v()}/${1 + rand(hi)}`;
        default:
          return v();
      }
    };
    const field = (lo: number, hi: number, names: readonly string[] = []) =>
      Array.from({ length: rand(3) === 0 ? 2 : 1 }, () => item(lo, hi, names)).join(',');
    const months = ['jan', 'mar', 'Jun', 'DEC'];
    const days = ['sun', 'mon', 'Fri', 'SAT'];
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const expression = [field(0, 59), field(0, 23), field(1, 31), field(1, 12, months), field(0, 7, days)].join(' ');
      const mine = ours(expression);
      if (mine === null) continue;
      accepted++;
      expect({ expression, values: theirs(expression) }).toEqual({ expression, values: mine });
    }
    // The generator must exercise the acceptance path, not only rejections.
    expect(accepted).toBeGreaterThan(200);
  });
});
