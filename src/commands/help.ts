/**
 * The command reference, in two forms: the `commands` section of every bot PR body and the reply
 * to `help` (or to anything we did not understand). One list feeds both so they cannot drift.
 */
const COMMANDS: readonly (readonly [string, string])[] = [
  ['rebase', 'rebuild this PR on the current base branch, with the same target versions'],
  ['recreate', 'rebuild this PR from scratch, discarding commits others pushed to its branch'],
  ['ignore this dependency', 'stop updating the dependency of this PR (when it has exactly one)'],
  ['ignore this major version', "skip this PR's target major version of its dependency"],
  ['ignore this minor version', "skip this PR's target minor version of its dependency"],
  ['ignore this patch version', "skip this PR's exact target version of its dependency"],
  ['ignore <module> [major|minor|patch]', 'stop updating a module, or only its updates of one kind'],
  ['unignore <module>', 'forget the ignore decisions recorded for a module'],
  ['unignore *', 'forget every ignore decision recorded by commands'],
  ['show <module> ignore conditions', 'list what keeps a module from being updated'],
  ['rerun impact', 'run the impact workflow on this PR again'],
  ['run', 'run the whole repository now, as the schedule would (also on the dashboard issue)'],
  ['help', 'show this list'],
];

function table(slug: string): string {
  // A `|` ends a table cell even inside a code span unless escaped (GitHub-flavoured tables).
  const rows = COMMANDS.map(([command, what]) => `| \`@${slug} ${command.replace(/\|/g, '\\|')}\` | ${what} |`);
  return ['| Command | What it does |', '| --- | --- |', ...rows].join('\n');
}

/** Markdown for the PR body's `commands` section (wrap it with `wrapSection('commands', …)`). */
export function renderCommandsSection(slug: string): string {
  return [
    '<details>',
    '<summary>Commands</summary>',
    '',
    `Comment on this PR with one command per line, each starting with \`@${slug}\`. Only people with write access to the repository can use them. Ignore decisions are recorded in the repository's "gomod-steward dashboard" issue.`,
    '',
    table(slug),
    '',
    '</details>',
  ].join('\n');
}

/** The reply to `help`, and the part of any reply that answers a command we did not understand. */
export function renderHelp(slug: string): string {
  return [`These are the commands I understand, one per line, each starting with \`@${slug}\`:`, '', table(slug)].join(
    '\n',
  );
}
