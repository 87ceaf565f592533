/**
 * A strict reader for classic 5-field cron expressions (minute hour day-of-month month
 * day-of-week). BullMQ's cron library accepts far more (seconds, `L`, `W`, `#`, `?`, and
 * oddities such as `1-3-5`); a repository config should only say what any cron reader agrees
 * on, so anything accepted here means the same thing there (the unit tests hold it to that).
 */

export interface CronFieldSpec {
  name: string;
  min: number;
  max: number;
  /** Three-letter names, index 0 standing for `min`. */
  names?: readonly string[];
}

export const CRON_FIELDS: readonly CronFieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  // 7 is Sunday as well as 0, as in every cron since Vixie's.
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** Each field expanded to its sorted values; day-of-week 7 is folded into 0. */
export type CronValues = [number[], number[], number[], number[], number[]];

export type CronParse = { ok: true; values: CronValues } | { ok: false; problem: string };

export function parseCron(expression: string): CronParse {
  const parts = expression
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  if (parts.length !== CRON_FIELDS.length) {
    return {
      ok: false,
      problem: `a cron needs 5 fields (minute hour day-of-month month day-of-week), this has ${parts.length}`,
    };
  }
  const values: number[][] = [];
  for (const [i, spec] of CRON_FIELDS.entries()) {
    const field = parseField(parts[i] ?? '', spec);
    if (typeof field === 'string') return { ok: false, problem: field };
    values.push(field);
  }
  return { ok: true, values: values as CronValues };
}

/** The field's values, or a sentence saying what is wrong with it. */
function parseField(text: string, spec: CronFieldSpec): number[] | string {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') return `${spec.name} field "${text}" has an empty list element`;
    const values = itemValues(item, spec);
    if (typeof values === 'string') return values;
    // BullMQ's cron library refuses a list that names a value twice (0 and 7 are both Sunday).
    const twice = values.find((v) => out.has(v));
    if (twice !== undefined) return `${spec.name} field "${text}" selects ${twice} more than once`;
    for (const v of values) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** The values one list item selects, day-of-week 7 folded into 0; or what is wrong with it. */
function itemValues(item: string, spec: CronFieldSpec): number[] | string {
  const slash = item.split('/');
  if (slash.length > 2) return `${spec.name} item "${item}" has more than one "/"`;
  const [rangeText = '', stepText] = slash;

  // Day-of-week runs 0-6 once 7 is read as Sunday.
  const top = spec.name === 'day-of-week' ? 6 : spec.max;
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText)) return `${spec.name} step "${stepText}" is not a number`;
    step = Number(stepText);
    // A step as wide as the whole field fires once: almost surely not what was meant.
    const span = top - spec.min;
    if (step < 1 || step > span) {
      return `${spec.name} step ${step} is outside 1-${span}`;
    }
  }

  let low: number;
  let high: number;
  if (rangeText === '*') {
    low = spec.min;
    high = top;
  } else {
    const ends = rangeText.split('-');
    if (ends.length > 2) return `${spec.name} range "${rangeText}" has more than one "-"`;
    const first = readValue(ends[0] ?? '', spec);
    if (typeof first === 'string') return first;
    low = first;
    if (ends.length === 2) {
      const second = readValue(ends[1] ?? '', spec);
      if (typeof second === 'string') return second;
      high = second;
      if (high < low) return `${spec.name} range ${rangeText} runs backwards`;
    } else {
      // `5/15` means "from 5 to the end, every 15"; for day-of-week the end is 7 (Sunday), as
      // in BullMQ's cron library.
      high = stepText === undefined ? low : spec.max;
    }
  }
  if (low > high) return `${spec.name} item "${item}" selects nothing`;
  const values = new Set<number>();
  for (let v = low; v <= high; v += step) values.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  return [...values];
}

function readValue(text: string, spec: CronFieldSpec): number | string {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < spec.min || n > spec.max) {
      return `${spec.name} value ${n} is outside ${spec.min}-${spec.max}`;
    }
    return n;
  }
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index >= 0) return spec.min + index;
  if (text === '') return `${spec.name} field has a missing value`;
  return spec.names
    ? `${spec.name} value "${text}" is neither a number in ${spec.min}-${spec.max} nor a name (${spec.names.join(', ')})`
    : `${spec.name} value "${text}" is not a number in ${spec.min}-${spec.max}`;
}
