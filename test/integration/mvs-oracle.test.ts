/**
 * The engine's build list against `go list -m all` (GOWORK=off): hand-made graphs served from a
 * file-system proxy, every module of examples/commerce-platform, and real modules at pinned
 * versions, each checked in its own downloaded directory.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGoMod, parseGoWork } from '../../src/gomod/modfile/index.js';
import { buildList, loadWorkspaceGraph, simulateGet } from '../../src/gomod/mvs/index.js';
import { compareGoVersions } from '../../src/gomod/go-version.js';
import { upgradeCandidates } from '../../src/gomod/upgrade.js';
import { compareModuleVersions } from '../../src/gomod/version.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import type { GoMod, MainModule } from '../../src/gomod/types.js';
import { writeFileProxy } from '../oracles/file-proxy.js';
import { downloadModules, REAL_MODULES, writableCopy } from '../oracles/real-modules.js';
import { runGo } from '../oracles/go-command.js';
import { goModText, listLines, memoryMain } from '../support/memory-source.js';
import { SCENARIOS, sourceFor, WORKSPACE_SCENARIO } from '../unit/mvs/scenarios.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mvs-oracle-'));
});

afterAll(async () => {
  if (!work) return;
  // The module cache is read-only; make it removable.
  await runGo(['clean', '-modcache'], work, { GOMODCACHE: join(work, 'modcache') }).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

/** `go list -m all` lines, as the memory-source helper prints them. */
async function goListAll(dir: string, extra: Record<string, string> = {}): Promise<string[]> {
  const out = await runGo(['list', '-m', '-f', '{{.Path}} {{.Version}}', 'all'], dir, extra);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A main module read from disk: directory replacements resolve relative to `dir`. */
async function diskMain(dir: string, rel = '.'): Promise<MainModule> {
  const file = join(dir, 'go.mod');
  const goMod = parseGoMod(file, await readFile(file, 'utf8'));
  return {
    dir: rel,
    goMod,
    async readLocal(relDir: string): Promise<GoMod | null> {
      const f = join(dir, relDir, 'go.mod');
      const text = await readFile(f, 'utf8').catch(() => null);
      return text === null ? null : parseGoMod(f, text);
    },
  };
}

describe('hand-made graphs against go list -m all', () => {
  it.each(SCENARIOS.map((s, i) => [s.name, i] as const))('%s', async (_name, i) => {
    const s = SCENARIOS[i]!;
    const root = join(work, `scenario-${i}`);
    const proxy = await writeFileProxy(
      join(root, 'proxy'),
      s.modules.map(([path, version, spec]) => ({
        path,
        version,
        goMod: spec === null ? `module ${path}\n` : goModText(path, spec),
      })),
    );
    await mkdir(join(root, 'main'), { recursive: true });
    await writeFile(join(root, 'main', 'go.mod'), s.main);
    for (const [rel, text] of Object.entries(s.locals ?? {})) {
      await mkdir(join(root, 'main', rel), { recursive: true });
      await writeFile(join(root, 'main', rel, 'go.mod'), text);
    }
    const go = await goListAll(join(root, 'main'), {
      GOPROXY: proxy,
      GOSUMDB: 'off',
      GOMODCACHE: join(work, `modcache-${i}`),
    });
    await runGo(['clean', '-modcache'], root, { GOMODCACHE: join(work, `modcache-${i}`) });
    expect(go).toEqual(s.expect);
    const { list } = await buildList(memoryMain(s.main, s.locals), sourceFor(s));
    expect(listLines(list)).toEqual(go);
  });
});

/** The proxy client, caching immutable answers beside this run's other temporary files. */
const proxySource = () =>
  proxyClientFromEnv({ env: process.env, cacheDir: join(tmpdir(), 'gomod-steward-oracle-proxy-cache') });

describe('workspace mode against go list -m all with a go.work', () => {
  it('agrees on a hand-made workspace whose go.work replacement overrides a go.mod one', async () => {
    const w = WORKSPACE_SCENARIO;
    const root = join(work, 'workspace');
    const proxy = await writeFileProxy(
      join(root, 'proxy'),
      w.modules.map(([path, version, spec]) => ({
        path,
        version,
        goMod: spec === null ? `module ${path}\n` : goModText(path, spec),
      })),
    );
    await mkdir(join(root, 'ws'), { recursive: true });
    await writeFile(join(root, 'ws', 'go.work'), w.work);
    for (const [dir, text] of Object.entries(w.mains)) {
      await mkdir(join(root, 'ws', dir), { recursive: true });
      await writeFile(join(root, 'ws', dir, 'go.mod'), text);
    }
    const modcache = join(root, 'modcache');
    const go = await goListAll(join(root, 'ws'), {
      GOWORK: join(root, 'ws', 'go.work'),
      GOFLAGS: '',
      GOPROXY: proxy,
      GOSUMDB: 'off',
      GOMODCACHE: modcache,
    });
    await runGo(['clean', '-modcache'], root, { GOMODCACHE: modcache });
    expect(go).toEqual(w.expect);
    const modules = Object.entries(w.mains).map(([dir, text]) => memoryMain(text, {}, dir));
    const g = await loadWorkspaceGraph(
      { work: parseGoWork('go.work', w.work), modules, readLocal: async () => null },
      sourceFor(w),
    );
    expect(listLines(g.list)).toEqual(go);
  });

  it('agrees on examples/commerce-platform as a workspace', async () => {
    const copy = join(work, 'commerce-platform-ws');
    await cp(join(repoRoot, 'examples', 'commerce-platform'), copy, { recursive: true });
    const goWork = parseGoWork(join(copy, 'go.work'), await readFile(join(copy, 'go.work'), 'utf8'));
    const modules = await Promise.all(goWork.use.map((u) => diskMain(join(copy, u.diskPath), u.diskPath)));
    const readLocal = async (relDir: string) => (await diskMain(join(copy, relDir)).catch(() => null))?.goMod ?? null;
    const g = await loadWorkspaceGraph({ work: goWork, modules, readLocal }, proxySource());
    const go = await goListAll(copy, { GOWORK: join(copy, 'go.work'), GOFLAGS: '' });
    expect(listLines(g.list)).toEqual(go);
  });
});

describe('examples/commerce-platform against go list -m all (GOWORK=off)', () => {
  const example = join(repoRoot, 'examples', 'commerce-platform');
  let copy: string;
  let dirs: string[];
  const source = proxySource();

  beforeAll(async () => {
    // A copy: with -mod=mod the go command may tidy go.sum, and the example is not ours to touch.
    copy = join(work, 'commerce-platform');
    await cp(example, copy, { recursive: true });
    const goWork = parseGoWork(join(copy, 'go.work'), await readFile(join(copy, 'go.work'), 'utf8'));
    dirs = goWork.use.map((u) => u.diskPath);
  });

  it('has modules to check', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(8);
  });

  it('agrees for every module of the workspace', async () => {
    const wrong: { dir: string; go: string[]; engine: string[] }[] = [];
    for (const rel of dirs) {
      const dir = join(copy, rel);
      const go = await goListAll(dir);
      const { list } = await buildList(await diskMain(dir, rel), source);
      const engine = listLines(list);
      if (JSON.stringify(go) !== JSON.stringify(engine)) wrong.push({ dir: rel, go, engine });
    }
    expect(wrong).toEqual([]);
  });
});

describe('simulateGet against go get (GOWORK=off)', () => {
  // go get also makes every module that provides an imported package a root; without packages
  // the engine cannot, so where Go added roots the engine may only under-predict.
  const MODULES = ['libs/observability', 'libs/xredis', 'services/payment-service'];
  const source = proxySource();

  it.each(MODULES)('upgrades each direct requirement of %s like go get', async (rel) => {
    const wrong: string[] = [];
    let exact = 0;
    const base = await diskMain(join(repoRoot, 'examples', 'commerce-platform', rel), rel);
    for (const r of base.goMod.require.filter((x) => !x.indirect && !x.path.startsWith('example.com/'))) {
      const { graph } = await buildList(base, source);
      const to = (await upgradeCandidates(r.path, graph.selected(r.path), { source })).goUpdate;
      if (!to) continue;
      const copy = join(work, 'get', `${rel}-${r.path}`.replace(/[/@.]/g, '_'));
      await cp(join(repoRoot, 'examples', 'commerce-platform'), copy, { recursive: true });
      const dir = join(copy, rel);
      const sim = await simulateGet(await diskMain(dir, rel), new Map([[r.path, to]]), source);
      await runGo(['get', `${r.path}@${to}`], dir);
      const after = await diskMain(dir, rel);
      const go = await goListAll(dir);
      const label = `${r.path}@${to}`;
      const wantGo = compareGoVersions(sim.maxGo, base.goMod.go ?? '1.16') > 0 ? sim.maxGo : base.goMod.go;
      if (after.goMod.go !== wantGo)
        wrong.push(`${label}: go get wrote go ${after.goMod.go}, engine predicts ${wantGo}`);
      const engine = listLines(sim.list);
      const goRoots = new Set(after.goMod.require.map((x) => x.path));
      const addedRoots = [...goRoots].filter((p) => !sim.roots.some((x) => x.path === p));
      if (addedRoots.length === 0) {
        if (JSON.stringify(engine) !== JSON.stringify(go))
          wrong.push(`${label}: build lists differ: Go ${go.join(', ')}; engine ${engine.join(', ')}`);
        else exact++;
      } else {
        const ours = new Map(sim.list.map((m) => [m.path, m.version]));
        for (const line of go.slice(1)) {
          const [path, version] = line.split(' ') as [string, string];
          const v = ours.get(path);
          if (v && compareModuleVersions(path, v, version) > 0)
            wrong.push(`${label}: engine predicts ${path}@${v}, go get chose ${version}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(exact).toBeGreaterThan(0);
  });
});

describe('real modules against go list -m all (GOWORK=off)', () => {
  let downloaded: Map<string, string>;
  const source = proxySource();

  beforeAll(async () => {
    downloaded = await downloadModules(REAL_MODULES, work);
  });

  it('checks at least 20 modules, some unpruned, some with replace and exclude', () => {
    expect(REAL_MODULES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(REAL_MODULES.map((m) => [`${m.path}@${m.version}`, m.why] as const))('%s (%s)', async (key) => {
    const dir = await writableCopy(downloaded.get(key)!, join(work, 'real', key.replace(/[/@]/g, '_')));
    const main = await diskMain(dir);
    const go = await goListAll(dir);
    const { list } = await buildList(main, source);
    expect(listLines(list)).toEqual(go);
  });
});
