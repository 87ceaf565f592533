/**
 * Helpers for the apply tests: small repositories written to a temp dir, a local module proxy
 * with fake modules, the go command pointed at it, and plans written by hand (the planner's
 * policy would refuse exactly the versions these tests want apply to meet).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { apply } from '../../src/toolchain/apply/index.js';
import { discoverModules } from '../../src/workspace/discover.js';
import { fsTree } from '../../src/workspace/tree.js';
import type { Plan, PlanUpdate } from '../../src/planner/plan-schema.js';
import type { LocalModule, LocalVersion } from '../support/local-proxy.js';

const pexec = promisify(execFile);

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `gomod-steward-${prefix}-`));
}

export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), text);
  }
}

/** A fake module version whose root package `pkg` returns `value`. */
export function fakeVersion(path: string, go: string, value: string): LocalVersion {
  const pkg = path.split('/').pop()!;
  return {
    mod: `module ${path}\n\ngo ${go}\n`,
    files: { [`${pkg}.go`]: `package ${pkg}\n\nfunc V() string { return ${JSON.stringify(value)} }\n` },
  };
}

export function fakeModule(path: string, versions: Record<string, string>): LocalModule {
  return {
    versions: Object.fromEntries(Object.entries(versions).map(([v, go]) => [v, fakeVersion(path, go, `${path}@${v}`)])),
  };
}

/** The environment for the go command against the local proxy only, with its own module cache. */
export function proxyGoEnv(proxyUrl: string, modCache: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOCACHE: process.env.GOCACHE,
    GOPROXY: proxyUrl,
    GOSUMDB: 'off',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOMODCACHE: modCache,
    GOWORK: 'off',
    GOFLAGS: '-mod=mod -modcacherw',
    GOTOOLCHAIN: 'local',
    ...extra,
  };
}

export async function goIn(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await pexec('go', args, {
      cwd,
      env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
      maxBuffer: 64 << 20,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`go ${args.join(' ')} in ${cwd} failed: ${e.stderr ?? e.message}`);
  }
}

export interface HandUpdate {
  dir: string;
  module: string;
  from: string;
  to: string;
}

/** A plan as the planner would write it for these updates; nothing carried, nothing skipped. */
export async function handPlan(root: string, updates: HandUpdate[]): Promise<Plan> {
  const d = await discoverModules(fsTree(root));
  const grouped: PlanUpdate[] = [];
  for (const u of updates) {
    const g = grouped.find((x) => x.module === u.module && x.to === u.to);
    if (g) g.dirs.push({ dir: u.dir, from: u.from });
    else grouped.push({ module: u.module, to: u.to, kind: 'minor', dirs: [{ dir: u.dir, from: u.from }] });
  }
  return {
    version: 1,
    root: '.',
    modules: d.modules.map((m) => ({ dir: m.dir, path: m.goMod.module?.path ?? '', go: m.goMod.go })),
    updates: grouped,
    carried: [],
    affected: [],
    skipped: [],
    warnings: [],
  };
}

/** Every file under root (relative paths) with its bytes. */
export async function readAll(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') await walk(full);
      } else out.set(relative(root, full), await readFile(full));
    }
  };
  await walk(root);
  return out;
}

/** Paths whose bytes differ between two readAll() results (added and removed included), sorted. */
export function differing(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const f of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(f);
    const y = b.get(f);
    if (!x || !y || !x.equals(y)) out.push(f);
  }
  return out.sort();
}

/** apply with go-directive keep against a local proxy (no sum database), its caches under `work`. */
export function applyWithLocalProxy(
  repo: string,
  plan: Plan,
  proxyUrl: string,
  work: string,
): ReturnType<typeof apply> {
  return apply(repo, plan, {
    config: { goDirective: 'keep' },
    appEnv: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GOPROXY: proxyUrl,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
    },
    cacheDir: join(work, 'apply-cache'),
  });
}
