/** The bot's one reply to a comment: each command's outcome in order, then the help when it was asked for or needed. */
import { describeCommand } from './describe-command.js';
import { renderHelp } from './help.js';
import type { Command } from './types.js';

export interface CommandOutcome {
  /** Undefined for what followed from the commands together (closing, rebuilding the PR). */
  command: Command | undefined;
  ok: boolean;
  message: string;
}

export function renderReply(
  author: string,
  slug: string,
  results: readonly CommandOutcome[],
  truncated: boolean,
): string {
  const parts = [`@${author}`];
  for (const r of results) {
    const head = r.command ? `**${describeCommand(r.command)}** — ` : '';
    parts.push(`${r.ok ? '' : '⚠️ '}${head}${r.message}`);
  }
  if (truncated)
    parts.push('⚠️ The comment had more commands than I run at once (or was too long); the rest were not read.');
  if (results.some((r) => r.command?.kind === 'help' || r.command?.kind === 'unknown')) parts.push(renderHelp(slug));
  return parts.join('\n\n');
}
