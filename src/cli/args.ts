/** Command-line parsing for `gomod-steward <command> [dir] [--json] [--config FILE]`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export const COMMANDS = ['inspect', 'plan', 'apply', 'dashboard', 'init-workflow', 'demo', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command;
  dir: string;
  json: boolean;
  config?: string;
  /** init-workflow: replace an existing, different workflow file. */
  force?: boolean;
}

export const USAGE = `usage: gomod-steward <command> [dir] [--json] [--config FILE] [--force]

commands:
  inspect   the workspace as the bot sees it (go.work and every go.mod)
  plan      what a run would upgrade, and what Minimal Version Selection carries along
  apply     perform the plan with the Go toolchain
  dashboard what is held back and why, and the version drift across modules, as Markdown
  init-workflow
            write the impact workflow to .github/workflows/gomod-impact.yml (--force replaces a different one)
  demo      the whole app against a local GitHub stand-in
  help      this text

dir defaults to "."; --config defaults to <dir>/.github/gomod-steward.yml when present.
exit codes: 0 done, 1 the work failed, 2 bad usage or bad input.`;

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command = 'help', dir = '.', ...extra] = parsed.positionals;
  if (parsed.values.help) return { command: 'help', dir, json: false };
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return {
    command: command as Command,
    dir,
    json: parsed.values.json ?? false,
    ...(parsed.values.config ? { config: parsed.values.config } : {}),
    ...(parsed.values.force ? { force: true } : {}),
  };
}
