/**
 * The environment of a go child process, built name by name from an allowlist. The app's
 * environment is only read for the proxy and auth settings Go needs; it is never copied.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { GoEnvError } from './errors.js';
import { telemetryOff } from './scratch-home.js';
import { findExecutableDir } from './find-executable.js';
import { GO_PASSTHROUGH_NAMES, type GoEnv } from './go-env-names.js';
import { resolveGoSettings, type GoSettings } from './go-settings.js';
import { detectSharedGoCaches, type GoCachePaths } from './shared-go-caches.js';

export interface GoEnvOptions {
  /** The app's environment (usually process.env). Only PATH, HOME and TMPDIR are read here. */
  appEnv: Readonly<Record<string, string | undefined>>;
  /**
   * The Go settings every go child gets (go-settings.ts); resolved from `appEnv` when absent, so
   * the planner's proxy client and go agree.
   */
  settings?: GoSettings;
  /**
   * A private root for GOPATH, GOMODCACHE, GOCACHE, temporary files and HOME. Unset: share the
   * user's module and build caches (as `go env` reports them) and the user's HOME.
   */
  cacheDir?: string;
  /** `off` (default) or the absolute path of a go.work file. */
  goWork?: string;
  /** GOTOOLCHAIN policy; default `local`, so no go.mod can make the worker download a toolchain. */
  goToolchain?: string;
  /** Default false: no C compiler is on the child's PATH anyway, and the result does not depend on the host. */
  cgoEnabled?: boolean;
  home?: string;
  tmpDir?: string;
  /** More directories for the child's PATH (e.g. a C compiler when cgoEnabled). */
  extraPath?: readonly string[];
}

/** Where the executables are and which caches to share; found by `resolveGoEnv`. */
export interface GoToolLocations {
  goDir: string;
  gitDir?: string;
  /** Required when `cacheDir` is not set. */
  shared?: GoCachePaths;
}

const GOTOOLCHAIN_FORM = /^(?:local|auto|path|go\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?(?:\+(?:auto|path))?)$/;

/** Pure: the same options and locations always give the same environment. */
export function buildGoEnv(options: GoEnvOptions, tools: GoToolLocations): GoEnv {
  const { appEnv } = options;
  const goWork = options.goWork ?? 'off';
  if (goWork !== 'off' && !isAbsolute(goWork)) {
    throw new GoEnvError(`GOWORK must be "off" or an absolute path, got ${JSON.stringify(goWork)}`);
  }
  const goToolchain = options.goToolchain ?? 'local';
  if (!GOTOOLCHAIN_FORM.test(goToolchain)) {
    throw new GoEnvError(`invalid GOTOOLCHAIN policy ${JSON.stringify(goToolchain)}`);
  }

  let caches: GoCachePaths;
  let home: string;
  let tmp: string;
  if (options.cacheDir !== undefined) {
    const root = resolve(options.cacheDir);
    caches = {
      GOPATH: join(root, 'gopath'),
      GOMODCACHE: join(root, 'gopath', 'pkg', 'mod'),
      GOCACHE: join(root, 'gocache'),
    };
    home = options.home ?? join(root, 'home');
    tmp = options.tmpDir ?? join(root, 'tmp');
  } else {
    if (!tools.shared) throw new GoEnvError('no cacheDir given and the shared Go caches are unknown');
    caches = tools.shared;
    home = options.home ?? (appEnv.HOME || homedir());
    tmp = options.tmpDir ?? (appEnv.TMPDIR || tmpdir());
  }

  const path = [...new Set([tools.goDir, tools.gitDir, ...(options.extraPath ?? [])])]
    .filter((d): d is string => typeof d === 'string' && d !== '')
    .join(delimiter);

  const env: Record<string, string> = {
    PATH: path,
    HOME: home,
    GOPATH: caches.GOPATH,
    GOMODCACHE: caches.GOMODCACHE,
    GOCACHE: caches.GOCACHE,
    GOTMPDIR: tmp,
    TMPDIR: tmp,
    // The user's `go env -w` file would be a second, invisible source of GOPROXY & co.
    GOENV: 'off',
    GOWORK: goWork,
    GOTOOLCHAIN: goToolchain,
    CGO_ENABLED: options.cgoEnabled ? '1' : '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const settings = options.settings?.vars ?? appEnv;
  for (const name of GO_PASSTHROUGH_NAMES) {
    const value = settings[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  return Object.freeze(env);
}

/**
 * Finds go (and git, if present) on the app's PATH, learns the shared caches when no
 * `cacheDir` is given, builds the environment and creates the directories go expects to exist.
 */
export async function resolveGoEnv(options: GoEnvOptions): Promise<GoEnv> {
  const goDir = findExecutableDir('go', options.appEnv.PATH);
  if (!goDir) throw new GoEnvError('go is not on PATH: install Go or add its bin directory to PATH');
  const tools: GoToolLocations = { goDir };
  const gitDir = findExecutableDir('git', options.appEnv.PATH);
  if (gitDir) tools.gitDir = gitDir;
  if (options.cacheDir === undefined) tools.shared = await detectSharedGoCaches(goDir, options.appEnv);

  const settings = options.settings ?? (await resolveGoSettings(options.appEnv));
  const env = buildGoEnv({ ...options, settings }, tools);
  const ownHome = options.cacheDir !== undefined && options.home === undefined;
  const dirs = [env.GOTMPDIR];
  if (ownHome) dirs.push(env.HOME);
  for (const dir of dirs) if (dir) await mkdir(dir, { recursive: true });
  if (ownHome) await ownHomeTelemetryOff(env.HOME);
  return env;
}

/**
 * In a HOME of our own, Go's telemetry would write counters there and, once a day, start a
 * helper in a session of its own that no process-group kill reaches. Turned off as `go telemetry
 * off` does; the user's own HOME (shared mode) keeps whatever the user chose.
 */
async function ownHomeTelemetryOff(home: string | undefined): Promise<void> {
  if (!home || existsSync(join(home, '.config', 'go', 'telemetry', 'mode'))) return;
  await telemetryOff(home);
}
