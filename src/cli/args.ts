/** Command-line parsing for `gomod-steward <command> [dir] [--json] [--config FILE]`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export const COMMANDS = [
  'inspect',
  'plan',
  'apply',
  'dashboard',
  'check',
  'init-workflow',
  'demo',
  'register',
  'help',
  'version',
] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command;
  dir: string;
  json: boolean;
  config?: string;
  /** init-workflow: replace an existing, different workflow file; plan/apply: run although the config says `enabled: false`. */
  force?: boolean;
  /** check: the git ref the `license` rule measures "newly added" against. */
  base?: string;
  /** register: where and how the app is created. */
  register?: { githubUrl: string; org?: string; webhookUrl?: string; envFile: string; port: number };
}

export const USAGE = `usage: gomod-steward <command> [dir] [--json] [--config FILE] [--force]
       gomod-steward --version

commands:
  inspect   the workspace as the bot sees it (go.work and every go.mod)
  plan      what a run would upgrade, and what Minimal Version Selection carries along
  check     the multi-module checklist: tidy, go.sum, replaces, workspace coverage, go-line and
            dependency drift, retracted, deprecated and vulnerable requirements, licenses of
            modules added since --base GIT-REF (exit 1 on an error finding)
  apply     perform the plan with the Go toolchain (--force: even when the config says enabled: false)
  dashboard what is held back and why, and the version drift across modules, as Markdown
  init-workflow
            write the impact workflow to .github/workflows/gomod-impact.yml (--force replaces a different one)
  demo      the whole app against a local GitHub stand-in
  register  create the GitHub App from app.yml through GitHub's manifest flow and write .env
            [--org ORG] [--webhook-url URL] [--github-url URL (GHES)] [--env-file FILE] [--port N]
  help      this text

dir defaults to "."; --config defaults to <dir>/.github/gomod-steward.yml when present.
exit codes: 0 done, 1 the work failed (apply: any module failed), 2 bad usage or bad input.`;

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
        version: { type: 'boolean', short: 'v', default: false },
        org: { type: 'string' },
        'webhook-url': { type: 'string' },
        'github-url': { type: 'string' },
        'env-file': { type: 'string' },
        port: { type: 'string' },
        base: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command = 'help', dir = '.', ...extra] = parsed.positionals;
  if (parsed.values.help) return { command: 'help', dir, json: false };
  if (parsed.values.version) return { command: 'version', dir, json: false };
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (parsed.values.base !== undefined && command !== 'check') throw new UsageError('--base is an option of check');
  if (parsed.values.base !== undefined && !/^[^-\s][^\s]*$/.test(parsed.values.base))
    throw new UsageError(`--base wants a git ref, found "${parsed.values.base}"`);
  const v = parsed.values;
  const register =
    command === 'register'
      ? {
          githubUrl: webUrl(v['github-url'] ?? 'https://github.com', '--github-url'),
          ...(v.org ? { org: v.org } : {}),
          ...(v['webhook-url'] ? { webhookUrl: webUrl(v['webhook-url'], '--webhook-url') } : {}),
          envFile: v['env-file'] ?? '.env',
          port: portNumber(v.port ?? '0'),
        }
      : undefined;
  return {
    ...(register ? { register } : {}),
    command: command as Command,
    dir,
    json: parsed.values.json ?? false,
    ...(parsed.values.config ? { config: parsed.values.config } : {}),
    ...(parsed.values.force ? { force: true } : {}),
    ...(parsed.values.base !== undefined ? { base: parsed.values.base } : {}),
  };
}

function webUrl(v: string, flag: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`${flag} wants an http(s) URL, found "${v}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new UsageError(`${flag} wants an http(s) URL, found "${v}"`);
  return v.replace(/\/+$/, '');
}

function portNumber(v: string): number {
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65535)
    throw new UsageError(`--port wants a TCP port (0 picks a free one), found "${v}"`);
  return Number(v);
}
