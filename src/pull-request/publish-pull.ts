/**
 * Publishing a group's change: one commit on the group's branch, then the PR created or brought
 * up to date, its body rendered with the sections the caller supplies. Every write is preceded by a look, so running it twice (a retry, a duplicated job, a crash
 * between commit and PR) leaves one PR and no extra commit.
 */
import type { Logger } from 'probot';
import type { StewardConfig } from '../config/defaults.js';
import type { GitHubClient } from '../github/app-auth.js';
import { requestReviewers as askForReview } from '../github/pull-actions.js';
import { commitToBranch, type TreeEntry } from '../github/commit-files.js';
import type { CarriedChange, Skipped, Vulnerability } from '../planner/plan-schema.js';
import { renderSecuritySummary } from './security-summary.js';
import type { FailedModule } from '../toolchain/apply/types.js';
import type { BrokenBuild } from '../toolchain/apply/broken-build.js';
import { MAX_BODY, renderBody } from './body.js';
import { findOpenBotPull, listOpenBotPulls } from './bot-pull.js';
import { openOrUpdatePull, pushedByOthers } from './open-or-update.js';
import { branchName, pullTitle } from './branch.js';
import { META_VERSION, type MetaUpdate, type PullMeta } from './meta.js';
import type { SectionRenderers } from './section-renderers.js';

const HIGHLIGHTS_RESERVE = 3_000;
/** The label of a PR whose major move leaves a module unable to build. */
export const BREAKING_LABEL = 'breaking';

export interface PublishInput {
  github: GitHubClient;
  owner: string;
  repo: string;
  base: string;
  baseSha: string;
  group: string;
  entries: readonly TreeEntry[];
  updates: readonly MetaUpdate[];
  carried: readonly CarriedChange[];
  affected: readonly string[];
  services: readonly string[];
  failed: readonly FailedModule[];
  skipped: readonly Skipped[];
  /** The advisories of a security PR (the plan's `vulnerabilities`). */
  vulnerabilities?: readonly Vulnerability[];
  /** Modules a major move left unable to build: the PR opens as a draft labelled `breaking`. */
  breaking?: readonly BrokenBuild[];
  config: Pick<StewardConfig, 'labels' | 'reviewers' | 'openPullRequestsLimit'>;
  /** Discard commits others pushed to the branch (the `recreate` command). */
  force?: boolean;
  sections: SectionRenderers;
  log: Logger;
}

export type PublishOutcome =
  | { kind: 'nothing-changed' }
  | { kind: 'limit-reached'; open: number }
  | { kind: 'edited-by-others'; pr: number }
  | {
      kind: 'published';
      pr: number;
      created: boolean;
      commit: string;
      committed: boolean;
      bodyChanged: boolean;
      meta: PullMeta;
    };

export async function publishPull(input: PublishInput): Promise<PublishOutcome> {
  const { github, owner, repo, base, group, log } = input;
  const branch = branchName(base, group);
  if (!input.entries.length || !input.updates.length) {
    log.info({ branch }, 'apply changed nothing: no commit, no PR');
    return { kind: 'nothing-changed' };
  }
  const existing = await findOpenBotPull(github, owner, repo, branch, log);
  if (existing && (await pushedByOthers(github, owner, repo, branch, existing, input.force))) {
    log.warn(
      { pr: existing.number, branch },
      'someone else pushed to the bot branch: left alone (comment `recreate` to rebuild it)',
    );
    return { kind: 'edited-by-others', pr: existing.number };
  }
  if (!existing) {
    const open = await listOpenBotPulls(github, owner, repo, base);
    if (open.length >= input.config.openPullRequestsLimit) {
      log.info(
        { open: open.length, limit: input.config.openPullRequestsLimit },
        'open-pull-requests-limit reached: no new PR',
      );
      return { kind: 'limit-reached', open: open.length };
    }
  }

  const message = `${pullTitle(group)}\n\n${input.updates.map((u) => `${u.module} ${[...new Set(u.dirs.map((d) => d.from))].join(', ')} -> ${u.newPath ? `${u.newPath} ` : ''}${u.to}`).join('\n')}\n`;
  const commit = await commitToBranch(github, {
    owner,
    repo,
    branch,
    baseSha: input.baseSha,
    entries: input.entries,
    message,
  });
  const meta: PullMeta = {
    v: META_VERSION,
    base,
    group,
    baseSha: input.baseSha,
    headSha: commit.sha,
    updates: [...input.updates],
    affected: [...input.affected],
    services: [...input.services],
    ...(existing?.meta?.impact && existing.meta.headSha === commit.sha ? { impact: existing.meta.impact } : {}),
    ...(input.vulnerabilities?.length ? { vulnerabilities: [...input.vulnerabilities] } : {}),
  };
  const render = input.sections;
  const commands = await render.commands();
  const security = renderSecuritySummary(input.vulnerabilities ?? [], input.updates, input.skipped);
  const bodyWith = (notes: { section: string; highlights: string }) =>
    renderBody({
      meta,
      carried: input.carried,
      failed: input.failed,
      skipped: input.skipped,
      highlights: notes.highlights,
      ...(security ? { security } : {}),
      impact: render.impact(meta),
      releaseNotes: notes.section,
      commands,
      ...(input.breaking?.length ? { breaking: input.breaking } : {}),
    });
  // The notes get what the rest of the body leaves, less room for the highlights in the summary.
  const budget = MAX_BODY - bodyWith({ section: '', highlights: '' }).length - HIGHLIGHTS_RESERVE;
  const notes = await render.releaseNotes(meta, { github, log, budget: Math.max(budget, 500) });
  if (notes.highlights.length > HIGHLIGHTS_RESERVE)
    notes.highlights = `${notes.highlights.slice(0, HIGHLIGHTS_RESERVE - 60).replace(/\n[^\n]*$/, '')}\n- …more in the release notes below`;
  const body = bodyWith(notes);
  const title = pullTitle(group);
  const breaking = Boolean(input.breaking?.length);
  const labels = breaking ? [...new Set([...input.config.labels, BREAKING_LABEL])] : input.config.labels;
  // The label says the bot made the PR a draft; one a person made a draft stays one.
  const wasBreaking = existing?.labels.includes(BREAKING_LABEL) ?? false;

  // A change that does not build is still worth a look, but not a merge: a draft, until it builds.
  const done = await openOrUpdatePull(github, owner, repo, existing, {
    title,
    body,
    head: branch,
    base,
    labels,
    ...(breaking ? { draft: true } : wasBreaking ? { draft: false, unlabel: [BREAKING_LABEL] } : {}),
  });
  if (done.created) {
    await requestReviewers(github, owner, repo, done.pr, input.config.reviewers, log);
    log.info({ pr: done.pr, committed: commit.created }, 'PR opened');
  } else log.info({ pr: done.pr, committed: commit.created, bodyChanged: done.bodyChanged }, 'PR brought up to date');
  return {
    kind: 'published',
    pr: done.pr,
    created: done.created,
    commit: commit.sha,
    committed: commit.created,
    bodyChanged: done.created || done.bodyChanged,
    meta,
  };
}

/** `org/team` names a team; anything else a user. A reviewer GitHub refuses (not a collaborator) is logged, not fatal. */
async function requestReviewers(
  github: GitHubClient,
  owner: string,
  repo: string,
  pull: number,
  reviewers: readonly string[],
  log: Logger,
): Promise<void> {
  if (!reviewers.length) return;
  const teams = reviewers.filter((r) => r.includes('/')).map((r) => r.slice(r.indexOf('/') + 1));
  const users = reviewers.filter((r) => !r.includes('/'));
  const answer = await askForReview(github, owner, repo, pull, users, teams);
  if (answer) log.warn({ pr: pull, reviewers }, `GitHub refused the configured reviewers: ${answer.refused}`);
}
