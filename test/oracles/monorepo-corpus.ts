/**
 * Real multi-module repositories rebuilt from the module proxy, for oracle tests and benchmarks.
 *
 * A project that publishes many modules from one repository at one tag (the OpenTelemetry
 * collector, contrib, ...) can be put back together without git: download every module at the
 * release's version with `go mod download -json`, copy each extracted zip to its path below the
 * repository prefix (a module zip never holds its nested modules, so the copies do not overlap),
 * and add a go.work using every module dir. Each go.mod keeps its own `replace ../x` lines, so the
 * tree is the repository as it was at the tag, minus files outside any published module.
 *
 * Which modules and versions: either listed by the caller, or read from the `versions.yaml` that
 * the root module's zip carries (module sets, each with its own version: at one tag the stable
 * set and the beta set have different versions). Nothing is committed but the pinned names.
 *
 * The result is cached in a folder reused across test files and runs (GOMODSTEWARD_CORPUS_DIR, or
 * a folder under os.tmpdir()), keyed by project and version; it is built in a scratch folder and
 * renamed into place, so concurrent jest workers never see half a tree. Downloads go to a private
 * module cache beside it (GOFLAGS=-modcacherw, so it can be deleted), shared by every corpus.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { goEnv } from './go-command.js';

const exec = promisify(execFile);

export interface CorpusModule {
  path: string;
  version: string;
}

export interface MonorepoSpec {
  /** Names the cache folder: a short slug such as `otel-collector`. */
  name: string;
  /** Module path of the repository root: every module is laid out at its path below it. */
  prefix: string;
  /** The root module's version at the release; its zip carries versions.yaml. */
  version: string;
  /** The modules to lay out; read from the root module's versions.yaml when absent. */
  modules?: CorpusModule[];
  /** Module paths to leave out even if versions.yaml lists them. */
  skip?: string[];
}

export interface LaidOutModule extends CorpusModule {
  /** Slash-separated, relative to the corpus root; "." for the root module. */
  dir: string;
}

export interface MonorepoCorpus {
  /** The laid-out repository: module dirs plus go.work. Treat it as read-only; copy it to edit. */
  root: string;
  modules: LaidOutModule[];
  /** The private module cache the corpus was downloaded into; pass it as GOMODCACHE to go. */
  modCache: string;
  /**
   * Modules the release lists but the proxy does not serve (a module set may name a module that
   * was first tagged later), each `path@version: go's error`. They are left out of the tree.
   */
  missing: string[];
}

const versionsYamlSchema = z.object({
  'module-sets': z.record(
    z.string(),
    z.object({ version: z.string(), modules: z.array(z.string()).nullish() }).passthrough(),
  ),
  'excluded-modules': z.array(z.string()).nullish(),
});

const downloadedSchema = z.object({
  Path: z.string(),
  Version: z.string(),
  Dir: z.string().optional(),
  GoMod: z.string().optional(),
  Error: z.string().optional(),
});

/** The folder every corpus and the private module cache live in. */
export function corpusCacheDir(): string {
  return process.env.GOMODSTEWARD_CORPUS_DIR ?? join(tmpdir(), 'gomod-steward-corpus');
}

/** The environment for a go command working on a corpus: its private module cache, writable. */
export function corpusGoEnv(corpus: Pick<MonorepoCorpus, 'modCache'>, extra: Record<string, string> = {}) {
  return goEnv({ GOMODCACHE: corpus.modCache, GOFLAGS: '-mod=mod -modcacherw', ...extra });
}

/** Modules and versions of a release, from the versions.yaml of the root module's zip. */
export function modulesFromVersionsYaml(text: string): CorpusModule[] {
  const doc = versionsYamlSchema.parse(parseYaml(text));
  const out: CorpusModule[] = [];
  for (const set of Object.values(doc['module-sets'])) {
    for (const path of set.modules ?? []) out.push({ path, version: set.version });
  }
  return out;
}

function splitJson(text: string): unknown[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : (JSON.parse(`[${trimmed.replace(/^\}\n\{$/gm, '},{')}]`) as unknown[]);
}

interface Downloads {
  dirs: Map<string, string>;
  /** `path@version: error` of modules the proxy does not serve. */
  failed: string[];
}

async function download(mods: CorpusModule[], modCache: string, cwd: string): Promise<Downloads> {
  const env = goEnv({ GOMODCACHE: modCache, GOFLAGS: '-modcacherw' });
  const args = ['mod', 'download', '-json', ...mods.map((m) => `${m.path}@${m.version}`)];
  // go mod download exits 1 when one module fails, but still prints every module's JSON.
  const stdout = await exec('go', args, { cwd, env, maxBuffer: 64 << 20, timeout: 600_000 }).then(
    (r) => r.stdout,
    (err: { stdout?: string; message: string }) => {
      if (!err.stdout) throw new Error(`go mod download: ${err.message}`);
      return err.stdout;
    },
  );
  const dirs = new Map<string, string>();
  const failed: string[] = [];
  for (const raw of splitJson(stdout)) {
    const d = downloadedSchema.parse(raw);
    if (d.Error || !d.Dir) failed.push(`${d.Path}@${d.Version}: ${d.Error ?? 'no Dir'}`);
    else dirs.set(`${d.Path}@${d.Version}`, d.Dir);
  }
  return { dirs, failed };
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const e of await readdir(dir)) {
    const p = join(dir, e);
    if ((await stat(p)).isDirectory()) await makeWritable(p);
    else await chmod(p, 0o644);
  }
}

function dirOf(prefix: string, path: string): string {
  if (path === prefix) return '.';
  if (!path.startsWith(`${prefix}/`)) throw new Error(`${path} is not below ${prefix}`);
  return path.slice(prefix.length + 1);
}

/** The highest `go` line among the modules: go.work must declare at least that. */
async function maxGoLine(root: string, dirs: string[]): Promise<string> {
  let best = [1, 17, 0];
  let text = '1.17';
  for (const dir of dirs) {
    const m = /^go\s+(\d+)\.(\d+)(?:\.(\d+))?\s*$/m.exec(await readFile(join(root, dir, 'go.mod'), 'utf8'));
    if (!m) continue;
    const v = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (v[0]! > best[0]! || (v[0] === best[0] && (v[1]! > best[1]! || (v[1] === best[1] && v[2]! > best[2]!)))) {
      best = v;
      text = m[0].replace(/^go\s+/, '').trim();
    }
  }
  return text;
}

function key(spec: MonorepoSpec): string {
  return `${spec.name}@${spec.version}`.replace(/[^A-Za-z0-9@._-]/g, '_');
}

const MANIFEST = 'corpus.json';
const manifestSchema = z.object({
  modules: z.array(z.object({ path: z.string(), version: z.string(), dir: z.string() })),
  missing: z.array(z.string()),
});

const building = new Map<string, Promise<MonorepoCorpus>>();

/**
 * The laid-out repository of one release: built on first use (a few seconds to a minute on a
 * cold cache, depending on the project), then read back from the cache folder.
 */
export function monorepoCorpus(spec: MonorepoSpec): Promise<MonorepoCorpus> {
  const k = key(spec);
  let p = building.get(k);
  if (!p) {
    p = build(spec);
    building.set(k, p);
  }
  return p;
}

async function build(spec: MonorepoSpec): Promise<MonorepoCorpus> {
  const cache = corpusCacheDir();
  const modCache = join(cache, 'gomodcache');
  const root = join(cache, key(spec));
  await mkdir(modCache, { recursive: true });
  if (existsSync(join(root, MANIFEST))) {
    const { modules, missing } = manifestSchema.parse(JSON.parse(await readFile(join(root, MANIFEST), 'utf8')));
    return { root, modules, modCache, missing };
  }

  const scratch = await mkdtemp(join(cache, `.${key(spec)}-`));
  try {
    const listed = spec.modules ?? (await releaseModules(spec, modCache, scratch));
    const skip = new Set(spec.skip ?? []);
    const mods = listed.filter((m) => !skip.has(m.path));
    const { dirs, failed: missing } = await download(mods, modCache, scratch);
    // Half the modules missing means the proxy is unreachable, not that the release is odd.
    if (missing.length * 2 > mods.length) throw new Error(`go mod download failed:\n${missing.join('\n')}`);
    const tree = join(scratch, 'tree');
    const modules: LaidOutModule[] = [];
    for (const m of mods) {
      if (!dirs.has(`${m.path}@${m.version}`)) continue;
      const dir = dirOf(spec.prefix, m.path);
      const to = join(tree, ...dir.split('/'));
      await mkdir(to, { recursive: true });
      await cp(dirs.get(`${m.path}@${m.version}`)!, to, { recursive: true });
      modules.push({ ...m, dir });
    }
    await makeWritable(tree);
    modules.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
    const go = await maxGoLine(
      tree,
      modules.map((m) => m.dir),
    );
    const uses = modules.map((m) => `\t${m.dir === '.' ? '.' : `./${posix.normalize(m.dir)}`}\n`).join('');
    await writeFile(join(tree, 'go.work'), `go ${go}\n\nuse (\n${uses})\n`);
    await writeFile(join(tree, MANIFEST), `${JSON.stringify({ modules, missing }, null, 2)}\n`);
    try {
      await rename(tree, root);
    } catch (err) {
      // Another worker finished first: its tree is the same one.
      if (!existsSync(join(root, MANIFEST))) throw err;
    }
    return { root, modules, modCache, missing };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function releaseModules(spec: MonorepoSpec, modCache: string, cwd: string): Promise<CorpusModule[]> {
  const got = await download([{ path: spec.prefix, version: spec.version }], modCache, cwd);
  const rootDir = got.dirs.get(`${spec.prefix}@${spec.version}`);
  if (!rootDir) throw new Error(`go mod download ${spec.prefix}@${spec.version}: ${got.failed.join('; ')}`);
  const mods = modulesFromVersionsYaml(await readFile(join(rootDir, 'versions.yaml'), 'utf8'));
  if (!mods.some((m) => m.path === spec.prefix)) mods.push({ path: spec.prefix, version: spec.version });
  return mods;
}

/** Pinned releases used by the tests and benchmarks. */
export const OTEL_COLLECTOR: MonorepoSpec = {
  name: 'otel-collector',
  prefix: 'go.opentelemetry.io/collector',
  version: 'v0.100.0',
};
