/**
 * Runs the commands of one comment on one pull request: decides whether the comment is for us
 * and from someone allowed, reacts 👀, runs each command in order, answers in one reply and
 * reacts 👍 (all done) or 😕 (something was refused or not understood).
 *
 * Transient failures (GitHub, Redis) propagate so the queue retries the job; every step is safe
 * to repeat: reactions are idempotent, recorded ignores are deduplicated and pipeline actions
 * are keyed by the comment id.
 */
import { updateKind } from '../gomod/update-kind.js';
import type { RedisConnection } from '../redis/connection.js';
import type { Logger } from 'probot';
import type { IgnoreRule } from '../config/defaults.js';
import { matchGlob } from '../config/glob.js';
import { findIgnoreRule } from '../config/ignore.js';
import type { GitHubClient } from '../github/app-auth.js';
import { mayCommand } from '../github/collaborator-permission.js';
import { reactToComment } from '../github/comment-reactions.js';
import { isBotLogin } from '../github/dashboard-issue.js';
import { commentOnIssue } from '../github/issue-comments.js';
import { closePull } from '../github/pull-actions.js';
import { getPull, type Pull } from '../github/pulls.js';
import { readRepoConfig } from '../github/read-repo-config.js';
import { DashboardStateError } from '../ignores/dashboard-state.js';
import { addRecorded, describeRule, moduleRule, versionRule } from '../ignores/ignore-rules.js';
import { readIgnoreRecordsCached, updateIgnores, type IgnoreStore } from '../ignores/ignore-store.js';
import type { RecordedIgnore } from '../ignores/types.js';
import { readMeta, type PullMeta } from '../pull-request/meta.js';
import type { RepoRef } from '../repo-ref.js';
import { CommandUnavailableError, type CommandActions, type CommandTarget } from './actions.js';
import { parseCommands } from './parse.js';
import { renderReply, type CommandOutcome } from './reply.js';
import type { Command } from './types.js';

export type { CommandOutcome };

export interface CommandRequest {
  ref: RepoRef;
  pullNumber: number;
  commentId: number;
  author: string;
  body: string;
}

export interface CommandDeps {
  github: GitHubClient;
  redis: RedisConnection;
  /** Key prefix for locks and caches (the queues' prefix). */
  prefix: string;
  appSlug: string;
  actions: CommandActions;
  log: Logger;
  now?: () => Date;
}

export type CommandRunResult =
  | { outcome: 'not-addressed' }
  | { outcome: 'not-our-pull' }
  | { outcome: 'refused' }
  | { outcome: 'done'; ok: boolean; results: CommandOutcome[]; closed: boolean };

export async function runCommands(deps: CommandDeps, req: CommandRequest): Promise<CommandRunResult> {
  const { github, appSlug } = deps;
  const { owner, repo } = req.ref;
  const parsed = parseCommands(req.body, appSlug);
  if (parsed.commands.length === 0) return { outcome: 'not-addressed' };

  const pull = await getPull(github, owner, repo, req.pullNumber);
  // Ours: opened by the app, with a metadata block that fits the schema (a hand-edited one does not).
  const meta = isBotLogin(pull.author, appSlug) ? readMeta(pull.body, deps.log, { pr: pull.number }) : undefined;
  // On other PRs only `help` is answered: the rest would act on a PR we do not own.
  const commands = meta ? parsed.commands : parsed.commands.filter((c) => c.kind === 'help');
  if (commands.length === 0) return { outcome: 'not-our-pull' };

  await reactToComment(github, owner, repo, req.commentId, 'eyes');
  if (!(await mayCommand(github, owner, repo, req.author))) {
    await commentOnIssue(
      github,
      owner,
      repo,
      req.pullNumber,
      `Sorry @${req.author}, only people with write access to this repository can give me commands. A maintainer can repeat the command if it should be done.`,
    );
    await reactToComment(github, owner, repo, req.commentId, 'confused');
    return { outcome: 'refused' };
  }

  const run = new CommandRun(deps, req, pull, meta);
  const results: CommandOutcome[] = [];
  for (const command of commands) results.push(await run.execute(command));
  const followUp = await run.finish();
  if (followUp) results.push(followUp);

  const ok = results.every((r) => r.ok) && !parsed.truncated;
  await commentOnIssue(
    github,
    owner,
    repo,
    req.pullNumber,
    renderReply(req.author, appSlug, results, parsed.truncated),
  );
  await reactToComment(github, owner, repo, req.commentId, ok ? '+1' : 'confused');
  deps.log.info(
    { pull: req.pullNumber, commands: commands.map((c) => c.kind), ok, closed: run.closed },
    'commands run',
  );
  return { outcome: 'done', ok, results, closed: run.closed };
}

class CommandRun {
  closed = false;
  /** Recorded decisions after this comment's changes; undefined until one changes them. */
  private recorded: RecordedIgnore[] | undefined;
  private added = false;
  private removed = false;
  private readonly store: IgnoreStore;

  constructor(
    private readonly deps: CommandDeps,
    private readonly req: CommandRequest,
    private readonly pull: Pull,
    private readonly meta: PullMeta | undefined,
  ) {
    this.store = { github: deps.github, redis: deps.redis, prefix: deps.prefix, appSlug: deps.appSlug };
  }

  async execute(command: Command): Promise<CommandOutcome> {
    const done = (message: string, ok = true): CommandOutcome => ({ command, ok, message });
    try {
      switch (command.kind) {
        case 'help':
          return done('See the list of commands below.');
        case 'unknown':
          return done(
            `I did not understand this${command.problem ? `: ${command.problem}` : ''}. See the list of commands below.`,
            false,
          );
        case 'rebase':
        case 'recreate':
        case 'rerun-impact': {
          const target = this.target();
          if (this.pull.state !== 'open') return done('This pull request is closed.', false);
          const action =
            command.kind === 'rebase' ? 'rebase' : command.kind === 'recreate' ? 'recreate' : 'rerunImpact';
          return done((await this.deps.actions[action](target)).message);
        }
        case 'run':
          await this.deps.actions.replan(this.req.ref, `run-${this.req.commentId}`);
          return done(
            'A run of the whole repository is queued; the "gomod-steward dashboard" issue shows what it did.',
          );
        case 'ignore-this': {
          const updates = this.target().meta.updates;
          const [only] = updates;
          if (updates.length !== 1 || !only) {
            const names = updates.map((u) => `\`${u.module}\``).join(', ');
            return done(
              `This pull request updates ${updates.length} dependencies (${names}): say which one, with \`ignore <module>\`.`,
              false,
            );
          }
          const rule =
            command.scope === 'dependency' ? moduleRule(only.module) : versionRule(only.module, only.to, command.scope);
          return done(await this.record(rule));
        }
        case 'ignore':
          return done(await this.record(moduleRule(command.module, command.updateType)));
        case 'unignore':
          return done(await this.forget((r) => r.dependency === command.module, `\`${command.module}\``));
        case 'unignore-all':
          return done(await this.forget(() => true, 'any dependency'));
        case 'show-ignores':
          return done(await this.show(command.module));
      }
    } catch (err) {
      if (err instanceof CommandUnavailableError) return done(err.message, false);
      if (err instanceof DashboardStateError)
        return done(`${err.message}. Fix or remove the state block of the "gomod-steward dashboard" issue.`, false);
      throw err;
    }
  }

  /** After the commands: a PR left with nothing to update is closed, one that lost some is rebuilt. */
  async finish(): Promise<CommandOutcome | undefined> {
    if (!this.meta || this.pull.state !== 'open' || !this.recorded || !(this.added || this.removed)) return undefined;
    const rules = this.recorded;
    // A moved replace pin is ignored by the size of its step, as any other update of that module.
    const step = (u: (typeof this.meta.updates)[number]) =>
      u.kind === 'replace' ? updateKind(u.dirs[0]?.from ?? u.to, u.to) : u.kind;
    const left = this.meta.updates.filter((u) => !findIgnoreRule(rules, u.module, step(u), u.to));
    // A PR without updates (the go-line PR) has nothing an ignore could empty.
    if (this.added && left.length === 0 && this.meta.updates.length > 0) {
      await closePull(this.deps.github, this.req.ref.owner, this.req.ref.repo, this.pull.number);
      this.closed = true;
      return {
        command: undefined,
        ok: true,
        message: 'Every update in this pull request is now ignored, so I am closing it.',
      };
    }
    if (left.length === this.meta.updates.length && !this.removed) return undefined;
    const { message } = await this.deps.actions.replan(this.req.ref, `command-${this.req.commentId}`, this.meta.group);
    return { command: undefined, ok: true, message };
  }

  private target(): CommandTarget {
    if (!this.meta) throw new CommandUnavailableError('This is not a gomod-steward pull request.');
    return {
      ref: this.req.ref,
      pull: this.pull,
      meta: this.meta,
      requestedBy: this.req.author,
      commentId: this.req.commentId,
    };
  }

  private async record(rule: IgnoreRule): Promise<string> {
    const entry: RecordedIgnore = {
      ...rule,
      by: this.req.author,
      at: (this.deps.now?.() ?? new Date()).toISOString(),
      pr: this.pull.number,
    };
    const result = await updateIgnores(this.store, this.req.ref, (current) => addRecorded(current, entry));
    this.recorded = result.after;
    const what = `\`${rule.dependency}\`: ${describeRule(rule)}`;
    if (result.after.length === result.before.length) return `Already ignored: ${what}.`;
    this.added = true;
    return `Ignored ${what}. Recorded in #${result.issueNumber}.`;
  }

  private async forget(match: (r: RecordedIgnore) => boolean, label: string): Promise<string> {
    const result = await updateIgnores(this.store, this.req.ref, (current) => current.filter((r) => !match(r)));
    this.recorded = result.after;
    const gone = result.before.length - result.after.length;
    if (gone === 0)
      return `No ignore decision was recorded for ${label}. Rules in the config file's \`ignore\` are changed there.`;
    this.removed = true;
    return `Forgot ${gone} ignore decision${gone === 1 ? '' : 's'} for ${label}.`;
  }

  private async show(module: string): Promise<string> {
    const recorded = (await readIgnoreRecordsCached(this.store, this.req.ref)).filter((r) =>
      matchGlob(r.dependency, module),
    );
    const config = await readRepoConfig(this.deps.github, { owner: this.req.ref.owner, repo: this.req.ref.repo });
    const fromConfig =
      config.kind === 'invalid' ? [] : config.config.ignore.filter((r) => matchGlob(r.dependency, module));
    const lines = [
      ...fromConfig.map((r) => `- config file: \`${r.dependency}\` — ${describeRule(r)}`),
      ...recorded.map(
        (r) =>
          `- command by ${r.by}${r.pr ? ` on #${r.pr}` : ''} (${r.at.slice(0, 10)}): \`${r.dependency}\` — ${describeRule(r)}`,
      ),
    ];
    const broken = config.kind === 'invalid' ? '\n\n(The config file is invalid, so its rules are not shown.)' : '';
    if (lines.length === 0) return `Nothing keeps \`${module}\` from being updated.${broken}`;
    return `\`${module}\` is ignored by:\n\n${lines.join('\n')}${broken}`;
  }
}
