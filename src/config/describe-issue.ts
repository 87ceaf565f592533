/**
 * Turns zod's issues into `ConfigIssue`s: a position in the YAML text, the field as the user
 * wrote it, what was expected (the schema's own error message, see schema.ts) and what was found.
 */
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import type { ConfigIssue } from './errors.js';
import { describeNode, formatField, lineColumn, locate } from './yaml-locate.js';

/** Per-parse fallback for any issue a schema did not word itself: still a noun phrase. */
export function fallbackExpected(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return (
        {
          string: 'a string',
          boolean: 'true or false',
          number: 'a number',
          int: 'an integer',
          array: 'a list',
          object: 'a mapping',
        }[String(issue.expected)] ?? `a ${String(issue.expected)}`
      );
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} items` : `at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} items` : `at most ${issue.maximum}`;
    default:
      return 'a valid value';
  }
}

interface Context {
  file: string;
  doc: Document;
  lc: LineCounter;
  /** Keys an object at this path allows, for unknown-key messages. */
  allowedKeys(path: readonly PropertyKey[]): string[];
}

export function describeIssue(issue: z.core.$ZodIssue, ctx: Context): ConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = ctx.allowedKeys(issue.path);
    const expected = allowed.length ? `one of ${allowed.join(', ')}` : 'no keys here';
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const at = locate(ctx.doc, path);
      const guess = closest(key, allowed);
      return {
        file: ctx.file,
        ...lineColumn(ctx.lc, at.key ?? at.deepest),
        field: formatField(path),
        message: `expected ${expected}, found unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
        expected,
      };
    });
  }

  const at = locate(ctx.doc, issue.path);
  const expected = issue.message;
  const detail = issue.code === 'custom' && typeof issue.params?.detail === 'string' ? ` (${issue.params.detail})` : '';
  let found: string;
  if (at.value) found = describeNode(at.value, ctx.doc);
  else if (at.key) found = 'nothing';
  else found = `nothing (the key "${String(issue.path.at(-1))}" is required)`;
  // An empty value is best shown at its key; a missing key at the mapping that lacks it.
  const empty = found === 'nothing' && at.key;
  return [
    {
      file: ctx.file,
      ...lineColumn(ctx.lc, empty ? at.key : (at.value ?? at.deepest)),
      field: formatField(issue.path),
      message: `expected ${expected}, found ${found}${detail}`,
      expected,
    },
  ];
}

/** The allowed key the user most likely meant, if any is close. */
export function closest(word: string, options: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_ ]/g, '-');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    const d = norm(option) === norm(word) ? 0 : distance(norm(word), norm(option));
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.min(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
