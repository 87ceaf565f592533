/** Config problems are the user's to fix: each issue names the file, line, field and what was expected. */
import { InputError, formatPosition } from '../errors.js';

export interface ConfigIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path with YAML keys, e.g. `ignore[1].update-types[0]`; empty for the whole file. */
  field: string;
  /** `expected …, found …`, or the YAML parser's own words. */
  message: string;
  expected: string;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = formatPosition({ file: issue.file, line: issue.line, column: issue.column });
  return issue.field ? `${where}: ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Every problem in the file at once, sorted by position; the message has one line per issue. */
export class ConfigError extends InputError {
  override readonly code = 'bad-config';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
    const first = sorted[0];
    if (!first) throw new RangeError('ConfigError needs at least one issue');
    super(
      first.field ? `${first.field}: ${first.message}` : first.message,
      { file: first.file, line: first.line, column: first.column },
      first.expected,
    );
    this.issues = sorted;
    this.message = sorted.map(formatIssue).join('\n');
  }
}

/** A config file named explicitly (`--config`) that cannot be read. */
export class ConfigReadError extends InputError {
  override readonly code = 'config-read';
}
