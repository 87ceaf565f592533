#!/usr/bin/env node
/**
 * gomod-steward CLI: the bot's engine without GitHub. Exit codes: 0 done, 1 the work failed,
 * 2 bad usage or bad input.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, StewardError } from './errors.js';
import { parseCliArgs, USAGE } from './cli/args.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

/** The version of the installed package: dist/cli.js and src/cli.ts both sit one level under it. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** A directory argument that is not one is bad input (exit 2), said in one line, not a raw ENOENT. */
function requireDir(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`${dir}: no such directory`);
  }
  if (!isDir) throw new InputError(`${dir}: not a directory`);
}

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
};

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (!['help', 'version', 'demo', 'register'].includes(args.command)) requireDir(args.dir);
    switch (args.command) {
      case 'help':
        io.stdout(USAGE + '\n');
        return 0;
      case 'version':
        io.stdout(`gomod-steward ${packageVersion()}\n`);
        return 0;
      case 'inspect': {
        // Commands load their own modules: `inspect` should not pay for the planner's.
        const { inspect, renderInspect } = await import('./cli/inspect-command.js');
        const { fsTree } = await import('./workspace/tree.js');
        const r = await inspect(fsTree(args.dir), args.dir);
        io.stdout(args.json ? JSON.stringify(r.json, null, 2) + '\n' : renderInspect(r));
        for (const p of r.problems) io.stderr(`gomod-steward: ${p.message}\n`);
        return r.problems.length > 0 ? 2 : 0;
      }
      case 'plan': {
        const { planDir } = await import('./cli/plan-command.js');
        const plan = await planDir(args.dir, args.config, io.env, { force: args.force ?? false });
        io.stdout(
          args.json ? JSON.stringify(plan, null, 2) + '\n' : (await import('./cli/render-plan.js')).renderPlan(plan),
        );
        const bad = plan.skipped.filter((s) => s.reason === 'invalid-input');
        for (const s of bad) io.stderr(`gomod-steward: ${s.detail}\n`);
        return bad.length > 0 ? 2 : 0;
      }
      case 'apply': {
        const { applyDir, applyExitCode, renderApply } = await import('./cli/apply-command.js');
        const result = await applyDir(args.dir, args.config, io.env, { force: args.force ?? false });
        io.stdout(args.json ? JSON.stringify(result, null, 2) + '\n' : renderApply(result));
        for (const s of result.skipped.filter((x) => x.reason === 'invalid-input'))
          io.stderr(`gomod-steward: ${s.detail}\n`);
        for (const f of result.failed) io.stderr(`gomod-steward: ${f.dir}: ${f.kind}: ${f.error.split('\n')[0]}\n`);
        return applyExitCode(result);
      }
      case 'dashboard': {
        const { dashboardDir } = await import('./cli/dashboard-command.js');
        const { renderLocalDashboard } = await import('./dashboard/render.js');
        const report = await dashboardDir(args.dir, args.config, io.env);
        io.stdout(
          args.json
            ? JSON.stringify({ version: 1, heldBack: report.heldBack, drift: report.drift }, null, 2) + '\n'
            : renderLocalDashboard(report),
        );
        const bad = report.plan.skipped.filter((s) => s.reason === 'invalid-input');
        for (const s of bad) io.stderr(`gomod-steward: ${s.detail}\n`);
        return bad.length > 0 ? 2 : 0;
      }
      case 'check': {
        const { checkDir, checkExitCode, renderCheck } = await import('./cli/check-command.js');
        const report = await checkDir(args.dir, args.config, io.env, args.base);
        io.stdout(args.json ? JSON.stringify(report, null, 2) + '\n' : renderCheck(report));
        return checkExitCode(report);
      }
      case 'init-workflow': {
        const { initWorkflow, renderInitWorkflow } = await import('./cli/init-workflow-command.js');
        const result = await initWorkflow(args.dir, { force: args.force ?? false });
        io.stdout(args.json ? JSON.stringify(result, null, 2) + '\n' : renderInitWorkflow(result));
        return 0;
      }
      case 'register': {
        const { register } = await import('./cli/register-command.js');
        const r = await register({
          ...args.register!,
          force: args.force ?? false,
          onListening: (url) => io.stdout(`Open ${url} in a browser to create the GitHub App (waiting for GitHub)…\n`),
        });
        io.stdout(
          `Registered ${r.app.slug} (App ID ${r.app.id}). Wrote ${r.envFile} and ${r.keyFile}.\n` +
            `Install it on your repositories: ${r.installUrl}\n`,
        );
        return 0;
      }
      case 'demo': {
        const { runDemo } = await import('./cli/demo-command.js');
        return await runDemo(undefined, io.env);
      }
    }
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`gomod-steward: ${err.message}\n`);
      if (err.code === 'usage') io.stderr(USAGE + '\n');
      return 2;
    }
    const msg = err instanceof StewardError || err instanceof Error ? err.message : String(err);
    io.stderr(`gomod-steward: ${msg}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * `gomod-steward plan | head` closes the pipe early: that is the reader's choice, not a failure,
 * so the process ends quietly instead of crashing on EPIPE.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

if (isEntryPoint()) {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
