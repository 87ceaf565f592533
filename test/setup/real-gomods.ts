/**
 * A corpus of real go.mod files for oracle tests: the go.mod of every module in the build list
 * of a fixed set of popular modules at pinned versions (test/fixtures/real-modules.txt). The go
 * command fetches them through the module proxy into the module cache (only `.mod` files, no
 * zips); nothing is committed. The same list gives the same files on every machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const FIXTURE = fileURLToPath(new URL('../fixtures/real-modules.txt', import.meta.url));

/** Variables a go command may see in tests: Go's own settings and what locates caches, no secrets. */
const PASSED_VARS = [
  'PATH',
  'HOME',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'GOPATH',
  'GOMODCACHE',
  'GOCACHE',
  'GOROOT',
  'GOENV',
  'GOPROXY',
  'GOSUMDB',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOINSECURE',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

/** An environment for running `go` in tests: a module checked alone, the local toolchain only. */
export function goTestEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of PASSED_VARS) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return { ...env, GOWORK: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', ...extra };
}

export interface RealGoMod {
  path: string;
  version: string;
  /** The cached `.mod` file. */
  file: string;
}

/** `path@version` lines of the fixture, comments and blanks skipped. */
export function pinnedModules(): string[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

interface ListedModule {
  Path: string;
  Version?: string;
  Main?: boolean;
  GoMod?: string;
}

/** `go list -json` prints objects one after another; nested ones are indented, top-level ones are not. */
function parseJsonStream(text: string): ListedModule[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return JSON.parse(`[${trimmed.replace(/^\}\n\{$/gm, '},{')}]`) as ListedModule[];
}

let cached: Promise<RealGoMod[]> | null = null;

/**
 * Makes sure the go.mod files of the pinned modules' build lists are in the module cache and
 * returns them, sorted by module path. Takes well under two minutes on an empty cache.
 */
export function realGoMods(): Promise<RealGoMod[]> {
  cached ??= load();
  return cached;
}

async function load(): Promise<RealGoMod[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gomod-steward-real-gomods-'));
  try {
    const requires = pinnedModules().map((pv) => {
      const at = pv.lastIndexOf('@');
      return `\t${pv.slice(0, at)} ${pv.slice(at + 1)}`;
    });
    writeFileSync(
      join(dir, 'go.mod'),
      `module example.com/modfile-oracle-corpus\n\ngo 1.21\n\nrequire (\n${requires.join('\n')}\n)\n`,
    );
    const env = goTestEnv();
    const { stdout: modcache } = await run('go', ['env', 'GOMODCACHE'], { cwd: dir, env });
    const download = join(modcache.trim(), 'cache', 'download');
    const { stdout } = await run('go', ['list', '-m', '-json', 'all'], {
      cwd: dir,
      env,
      maxBuffer: 64 << 20,
      timeout: 170_000,
    });
    const mods: RealGoMod[] = [];
    for (const m of parseJsonStream(stdout)) {
      if (m.Main || !m.GoMod || !m.Version) continue;
      if (!m.GoMod.startsWith(download) || !existsSync(m.GoMod)) {
        throw new Error(`go list reported ${m.Path}@${m.Version} with go.mod ${m.GoMod}, outside ${download}`);
      }
      mods.push({ path: m.Path, version: m.Version, file: m.GoMod });
    }
    return mods.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
