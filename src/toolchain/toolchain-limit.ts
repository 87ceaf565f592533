/**
 * The newest go line the toolchain apply runs can build, for the planner's go-directive guard: a
 * plan must not propose a version whose go line `go get` would then refuse.
 *
 * GOTOOLCHAIN comes from the app's environment, as every go child gets it (go-env.ts, default
 * `local`). Under `local` or `path` the limit is the worker's own `go`. When it lets go switch
 * (`auto`, `goX+auto`) go fetches golang.org/toolchain through the module proxy — Go's own
 * mechanism, into apply's private module cache — so the limit is the newest toolchain that proxy
 * serves for this platform.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { StewardError } from '../errors.js';
import { compareGoVersions } from '../gomod/go-version.js';
import type { ModuleSource } from '../gomod/types.js';
import type { ToolchainLimit } from '../planner/choose-target.js';
import { findExecutableDir } from './find-executable.js';
import { makeScratch, removeScratch } from './scratch-home.js';

const TOOLCHAIN_MODULE = 'golang.org/toolchain';
/** `go1.26.8`, `go1.27rc1`: what GOVERSION and toolchain module versions name. */
const GO_RELEASE = /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)$/;

/**
 * The worker has a go but asking it its version failed. Not a reason to plan without the limit:
 * the plan could then propose versions apply's go refuses. A processor rethrows it (BullMQ retries).
 */
export class ToolchainProbeError extends StewardError {
  readonly code = 'toolchain-probe';
}

interface LocalGo {
  version: string;
  goos: string;
  goarch: string;
}

/** Whether this GOTOOLCHAIN setting lets go download another toolchain. */
export function allowsToolchainDownloads(goToolchain: string | undefined): boolean {
  const v = goToolchain || 'local';
  return v === 'auto' || v.endsWith('+auto');
}

/** The newest go version among golang.org/toolchain versions for one platform (`v0.0.1-go1.26.9.linux-amd64`). */
export function newestToolchain(versions: readonly string[], goos: string, goarch: string): string | null {
  const suffix = `.${goos}-${goarch}`;
  let best: string | null = null;
  for (const v of versions) {
    if (!v.startsWith('v0.0.1-') || !v.endsWith(suffix)) continue;
    const m = GO_RELEASE.exec(v.slice('v0.0.1-'.length, -suffix.length));
    if (m && (!best || compareGoVersions(m[1]!, best) > 0)) best = m[1]!;
  }
  return best;
}

const localMemo = new Map<string, Promise<LocalGo | null>>();

/** The worker's go, asked with GOTOOLCHAIN=local in an allow-listed environment; null without one. */
function localGo(goCommand: string, pathVar: string | undefined): Promise<LocalGo | null> {
  const dir = findExecutableDir(goCommand, pathVar);
  if (!dir) return Promise.resolve(null);
  const command = join(dir, goCommand);
  let p = localMemo.get(command);
  if (!p) {
    p = (async () => {
      const home = await makeScratch('gomod-steward-goversion-');
      try {
        const env = { PATH: dir, HOME: home, GOENV: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };
        const out = await new Promise<string>((resolve, reject) =>
          execFile(
            command,
            ['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH'],
            { env, cwd: home, timeout: 30_000, maxBuffer: 1 << 20 },
            (err, stdout) =>
              err
                ? reject(new ToolchainProbeError(`cannot ask ${command} its version: ${err.message}`, { cause: err }))
                : resolve(stdout),
          ),
        );
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(out) as Record<string, unknown>;
        } catch (err) {
          throw new ToolchainProbeError(`${command} env -json printed no JSON`, { cause: err });
        }
        const m = GO_RELEASE.exec(String(parsed.GOVERSION ?? ''));
        // A development build names no release: nothing to compare go lines with.
        if (!m) return null;
        return { version: m[1]!, goos: String(parsed.GOOS), goarch: String(parsed.GOARCH) };
      } finally {
        await removeScratch(home);
      }
    })();
    p.catch(() => localMemo.delete(command));
    localMemo.set(command, p);
  }
  return p;
}

/**
 * The limit for plans made in this environment; null when there is no go to ask (the guard then
 * knows only the go-directive policy). A go that is there but cannot be asked throws
 * ToolchainProbeError. A proxy that cannot list toolchains leaves the local limit.
 */
export async function resolveToolchainLimit(
  appEnv: Readonly<Record<string, string | undefined>>,
  source: ModuleSource,
  goCommand = 'go',
): Promise<ToolchainLimit | null> {
  const local = await localGo(goCommand, appEnv.PATH);
  if (!local) return null;
  const policy = appEnv.GOTOOLCHAIN || 'local';
  // GOTOOLCHAIN=goX: go runs exactly that toolchain.
  const pinned = GO_RELEASE.exec(policy);
  if (pinned) return { go: pinned[1]!, why: `GOTOOLCHAIN=${policy} runs go${pinned[1]!}` };
  if (allowsToolchainDownloads(policy)) {
    const versions = await source.list(TOOLCHAIN_MODULE).catch(() => [] as string[]);
    const newest = newestToolchain(versions, local.goos, local.goarch);
    if (newest && compareGoVersions(newest, local.version) > 0) {
      return {
        go: newest,
        why: `the newest Go toolchain the module proxy serves for ${local.goos}/${local.goarch} is go${newest} (GOTOOLCHAIN=${policy})`,
      };
    }
  }
  return { go: local.version, why: `the worker's go is go${local.version} and GOTOOLCHAIN=${policy}` };
}
