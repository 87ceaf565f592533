/**
 * The process around the runtime: validate the environment (a bad value: one line on stderr,
 * exit 2), start, and on SIGTERM/SIGINT shut down gracefully (exit 0). A second signal exits at
 * once (1); a start-up failure exits 1.
 */
import { EnvError, loadEnv } from '../env.js';
import { startRuntime, type RuntimeOptions } from './runtime.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Resolves with the exit code once the process should exit. */
export async function runProcess(
  vars: Readonly<Record<string, string | undefined>>,
  options: RuntimeOptions = {},
): Promise<number> {
  let env;
  try {
    env = loadEnv(vars);
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`gomod-steward: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  // Listening before starting: workers may take a job before start-up has finished.
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    for (const s of SIGNALS) process.once(s, () => resolve(s));
  });
  let runtime;
  try {
    // A signal while start-up still waits for Redis ends the process now: there is nothing to drain.
    const started = startRuntime(env, options);
    const first = await Promise.race([started, stopRequested]);
    if (typeof first === 'string') {
      process.stderr.write(`gomod-steward: ${first} during start-up: exiting\n`);
      void started.then((r) => r.stop()).catch(() => undefined);
      return 0;
    }
    runtime = first;
  } catch (err) {
    process.stderr.write(`gomod-steward: cannot start: ${(err as Error).message}\n`);
    return 1;
  }

  const signal = await stopRequested;
  runtime.probot.log.info({ signal }, 'shutting down');
  for (const s of SIGNALS) {
    process.once(s, () => {
      process.stderr.write(`gomod-steward: ${s} during shutdown: exiting now\n`);
      process.exit(1);
    });
  }
  // A backstop past the grace period: stop() bounds every wait, but an exit must not depend on it.
  let backstop: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    backstop = setTimeout(() => resolve('late'), env.shutdownGraceMs + 500);
  });
  const outcome = await Promise.race([runtime.stop(), late]);
  clearTimeout(backstop);
  if (outcome === 'late') {
    process.stderr.write(`gomod-steward: shutdown did not finish within ${env.shutdownGraceMs} ms: exiting\n`);
    return 1;
  }
  return 0;
}
