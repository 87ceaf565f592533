/**
 * The go-line pull request: one commit on `gomod-steward/<base>/go-line` with the raised go.mod
 * and go.work files, then the PR created or brought up to date. Looks before every write (the
 * commit is not made again when the branch already holds the same tree on the same base, the PR
 * is found by its branch), so a retried job or a second tick leaves one PR and no extra commit;
 * a tick for another version rewrites the same PR. Commits someone else pushed are left alone.
 */
import type { Logger } from 'probot';
import type { StewardConfig } from '../config/defaults.js';
import type { GitHubClient } from '../github/app-auth.js';
import { commitToBranch, type TreeEntry } from '../github/commit-files.js';
import type { RaisedLines } from '../toolchain/raise-go-line.js';
import { findOpenBotPull } from './bot-pull.js';
import { openOrUpdatePull, pushedByOthers } from './open-or-update.js';
import { branchName, GO_LINE_GROUP } from './branch.js';
import { cell, code, plural } from './markdown.js';
import { META_VERSION, renderMeta, type PullMeta } from './meta.js';

export interface GoLinePublishInput {
  github: GitHubClient;
  owner: string;
  repo: string;
  base: string;
  baseSha: string;
  go: string;
  toolchain: StewardConfig['goLine']['toolchain'];
  lines: readonly RaisedLines[];
  entries: readonly TreeEntry[];
  /** The Go that tidied and built the change (`go1.26.8`). */
  builtWith: string;
  labels: readonly string[];
  /** Discard commits others pushed to the branch (the `recreate` command). */
  force?: boolean;
  log: Logger;
}

export type GoLinePublishOutcome =
  | { kind: 'nothing-changed' }
  | { kind: 'edited-by-others'; pr: number }
  | { kind: 'published'; pr: number; created: boolean; committed: boolean; bodyChanged: boolean; commit: string };

export const goLineTitle = (go: string) => `chore(go): raise the go line to ${go}`;

const TOOLCHAIN_WORDS: Readonly<Record<GoLinePublishInput['toolchain'], string>> = {
  keep: 'kept as written, except lines older than the new go line, which Go never selects (`go-line.toolchain: keep`)',
  raise: 'set to the Go that built this change where that is newer (`go-line.toolchain: raise`)',
  drop: 'removed (`go-line.toolchain: drop`)',
};

export function renderGoLineBody(
  input: Omit<GoLinePublishInput, 'github' | 'log' | 'entries'>,
  meta: PullMeta,
): string {
  const rows = input.lines.map((l) => {
    const go = `${l.from.go ?? '(none)'} → ${l.to.go ?? '(none)'}`;
    const tc =
      l.from.toolchain === l.to.toolchain
        ? (l.to.toolchain ?? '—')
        : `${l.from.toolchain ?? '—'} → ${l.to.toolchain ?? '—'}`;
    return `| ${code(l.file)} | ${cell(go)} | ${cell(tc)} |`;
  });
  return [
    '### Summary',
    '',
    `Raises the \`go\` line to ${input.go} in ${plural(input.lines.length, 'file')} that declared less, as asked on the dashboard issue. The go-directive guard holds back updates that need it; once this is merged, the next run proposes them.`,
    '',
    '| File | go | toolchain |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `\`go mod tidy\` ran in every raised module, and \`go build ./...\` passed there with ${input.builtWith} (\`-mod=readonly\`). Toolchain lines: ${TOOLCHAIN_WORDS[input.toolchain]}.`,
    '',
    '### Commands',
    '',
    'Comment `@gomod-steward rebase` to rebuild this pull request on the current base (`recreate` also discards commits others pushed).',
    '',
    renderMeta(meta),
    '',
  ].join('\n');
}

export async function publishGoLine(input: GoLinePublishInput): Promise<GoLinePublishOutcome> {
  const { github, owner, repo, base, log } = input;
  const branch = branchName(base, GO_LINE_GROUP);
  if (!input.entries.length) return { kind: 'nothing-changed' };
  const existing = await findOpenBotPull(github, owner, repo, branch, log);
  if (existing && (await pushedByOthers(github, owner, repo, branch, existing, input.force))) {
    log.warn({ pr: existing.number, branch }, 'someone else pushed to the go-line branch: left alone');
    return { kind: 'edited-by-others', pr: existing.number };
  }
  const title = goLineTitle(input.go);
  const commit = await commitToBranch(github, {
    owner,
    repo,
    branch,
    baseSha: input.baseSha,
    entries: input.entries,
    message: `${title}\n\n${input.lines.map((l) => `${l.file}: go ${l.from.go ?? '(none)'} -> ${l.to.go ?? '(none)'}`).join('\n')}\n`,
  });
  const meta: PullMeta = {
    v: META_VERSION,
    base,
    group: GO_LINE_GROUP,
    baseSha: input.baseSha,
    headSha: commit.sha,
    updates: [],
    affected: [...new Set(input.lines.filter((l) => l.file !== 'go.work').map((l) => l.dir))],
    services: [],
    goLine: { go: input.go, toolchain: input.toolchain },
  };
  const body = renderGoLineBody(input, meta);
  const done = await openOrUpdatePull(github, owner, repo, existing, {
    title,
    body,
    head: branch,
    base,
    labels: input.labels,
  });
  if (done.created) log.info({ pr: done.pr, committed: commit.created }, 'go-line PR opened');
  else
    log.info(
      { pr: done.pr, committed: commit.created, bodyChanged: done.bodyChanged },
      'go-line PR brought up to date',
    );
  return {
    kind: 'published',
    pr: done.pr,
    created: done.created,
    committed: commit.created,
    bodyChanged: done.created || done.bodyChanged,
    commit: commit.sha,
  };
}
