/** What a comment asks of the bot, one entry per `@<slug> …` line, in the order written. */
import type { UpdateType } from '../config/defaults.js';

/** `ignore this …`: the PR's own dependency, or its target's major/minor/patch version. */
export type IgnoreThisScope = 'dependency' | 'major' | 'minor' | 'patch';

export type Command =
  | { kind: 'rebase' }
  | { kind: 'recreate' }
  | { kind: 'rerun-impact' }
  /** Run the whole repository now (also on the dashboard issue). */
  | { kind: 'run' }
  | { kind: 'help' }
  | { kind: 'ignore-this'; scope: IgnoreThisScope }
  | { kind: 'ignore'; module: string; updateType?: UpdateType }
  | { kind: 'unignore'; module: string }
  | { kind: 'unignore-all' }
  | { kind: 'show-ignores'; module: string }
  /** Not a command we know, or one with a bad argument: answered with the help text. */
  | { kind: 'unknown'; text: string; problem?: string };

export type CommandKind = Command['kind'];

export interface ParsedComment {
  commands: Command[];
  /** More command lines than `MAX_COMMANDS`, or a body past `MAX_COMMENT_BODY`: the rest was not read. */
  truncated: boolean;
}
