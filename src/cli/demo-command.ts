/**
 * `gomod-steward demo`: the same run as `npm run demo` (scripts/demo.ts). The demo needs the
 * GitHub stand-in, which lives with the tests and their development dependencies, so it runs
 * from a source checkout; an installation without them (the Docker image, a production
 * `npm ci --omit=dev`) gets a clear answer instead of a half-started app.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StewardError } from '../errors.js';

export class DemoUnavailableError extends StewardError {
  readonly code = 'demo-unavailable';
  constructor(root: string, missing: string) {
    super(
      `demo needs a source checkout with its development dependencies (missing ${missing} under ${root}); in a checkout run \`npm ci\` then \`npm run demo\``,
    );
  }
}

/** The package root, from dist/cli/ or src/cli/ alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function runDemo(root = PACKAGE_ROOT, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const script = join(root, 'scripts/demo.ts');
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const main = join(root, 'dist/main.js');
  for (const [path, name] of [
    [script, 'scripts/demo.ts'],
    [tsx, 'node_modules/tsx'],
    [main, 'dist/main.js (run `npm run build`)'],
  ] as const) {
    if (!existsSync(path)) throw new DemoUnavailableError(root, name);
  }
  const child = spawn(process.execPath, [tsx, script], { cwd: root, env, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
