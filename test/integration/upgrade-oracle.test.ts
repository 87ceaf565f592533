/**
 * Go's "upgrade" answer against `go list -m -u` (GOWORK=off): for every module in the build
 * list of every examples/commerce-platform module (Go computes Update relative to the SELECTED
 * version), and for real modules whose histories exercise retractions, +incompatible tags and
 * pseudo-versions.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGoMod, parseGoWork } from '../../src/gomod/modfile/index.js';
import { buildList } from '../../src/gomod/mvs/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import type { GoMod, MainModule, ModuleSource } from '../../src/gomod/types.js';
import { upgradeCandidates } from '../../src/gomod/upgrade.js';
import { compareModuleVersions } from '../../src/gomod/version.js';
import { writeFileProxy } from '../oracles/file-proxy.js';
import { defaultProxyUrl, runGo } from '../oracles/go-command.js';
import { goModText } from '../support/memory-source.js';
import { UPGRADE_PATH, UPGRADE_SCENARIOS, upgradeSource } from '../unit/mvs/upgrade-scenarios.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let work: string;
/** Only the proxy: a `direct` fallback would try the network for modules the proxy lacks. */
let goEnvExtra: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'upgrade-oracle-'));
  goEnvExtra = { GOPROXY: await defaultProxyUrl() };
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const source: ModuleSource = proxyClientFromEnv({
  env: process.env,
  cacheDir: join(tmpdir(), 'gomod-steward-oracle-proxy-cache'),
});

interface ListedModule {
  Path: string;
  Version?: string;
  Main?: boolean;
  Update?: { Version: string };
  Error?: { Err: string };
}

/** Update.Version, null for none, or 'error' when the query failed. */
type Answer = string | null;
const FAILED = 'error';

/** `go list -e -m -u -json args` → Update.Version (null: none; FAILED: the query failed) by path, main modules left out. */
async function goUpdates(
  dir: string,
  args: string[],
  env: Record<string, string> = goEnvExtra,
): Promise<Map<string, Answer>> {
  const out = await runGo(['list', '-e', '-m', '-u', '-json', ...args], dir, env);
  const updates = new Map<string, Answer>();
  for (const chunk of out.split(/\n(?=\{)/)) {
    if (!chunk.trim()) continue;
    const m = JSON.parse(chunk) as ListedModule;
    if (!m.Main) updates.set(m.Path, m.Error ? FAILED : (m.Update?.Version ?? null));
  }
  return updates;
}

async function diskMain(dir: string, rel = '.'): Promise<MainModule> {
  const file = join(dir, 'go.mod');
  return {
    dir: rel,
    goMod: parseGoMod(file, await readFile(file, 'utf8')),
    async readLocal(relDir: string): Promise<GoMod | null> {
      const f = join(dir, relDir, 'go.mod');
      const text = await readFile(f, 'utf8').catch(() => null);
      return text === null ? null : parseGoMod(f, text);
    },
  };
}

/** The engine's Update for each of `paths`, relative to the version its build list selects. */
async function engineUpdates(main: MainModule, paths: string[]): Promise<Map<string, Answer>> {
  const { graph } = await buildList(main, source);
  const out = new Map<string, Answer>();
  await Promise.all(
    paths.map(async (path) => {
      const excluded = new Set(main.goMod.exclude.filter((e) => e.path === path).map((e) => e.version));
      try {
        const r = await upgradeCandidates(path, graph.selected(path), {
          source,
          excluded,
          replace: main.goMod.replace,
        });
        out.set(path, r.goUpdate);
      } catch {
        out.set(path, FAILED);
      }
    }),
  );
  return out;
}

function differences(go: Map<string, Answer>, engine: Map<string, Answer>): string[] {
  const wrong: string[] = [];
  for (const [path, want] of go) {
    const got = engine.get(path);
    if (got !== want) wrong.push(`${path}: Go ${want}, engine ${got}`);
  }
  return wrong;
}

describe('examples/commerce-platform: Update of every module in every build list', () => {
  it('agrees with go list -m -u -json all', async () => {
    const copy = join(work, 'commerce-platform');
    await cp(join(repoRoot, 'examples', 'commerce-platform'), copy, { recursive: true });
    const goWork = parseGoWork(join(copy, 'go.work'), await readFile(join(copy, 'go.work'), 'utf8'));
    expect(goWork.use.length).toBeGreaterThanOrEqual(8);
    const wrong: string[] = [];
    let checked = 0;
    for (const use of goWork.use) {
      const dir = join(copy, use.diskPath);
      const main = await diskMain(dir, use.diskPath);
      const go = await goUpdates(dir, ['all']);
      for (const r of main.goMod.require) {
        if (!go.has(r.path)) wrong.push(`${use.diskPath}: go list does not list requirement ${r.path}`);
      }
      const engine = await engineUpdates(main, [...go.keys()]);
      wrong.push(...differences(go, engine).map((w) => `${use.diskPath}: ${w}`));
      checked += [...go.values()].filter((a) => a !== FAILED).length;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});

/** Real modules whose version histories exercise Go's rules. */
const HISTORIES: { name: string; require: [string, string]; rule: string }[] = [
  {
    name: 'tags retracted by the latest version, itself retracted',
    require: ['github.com/prometheus/common', 'v0.55.0'],
    rule: 'retract',
  },
  {
    name: 'current inside a retracted +incompatible range',
    require: ['github.com/mattn/go-sqlite3', 'v2.0.1+incompatible'],
    rule: 'retract',
  },
  {
    name: 'retracted +incompatible tags above a v1 with go.mod',
    require: ['github.com/mattn/go-sqlite3', 'v1.14.16'],
    rule: 'incompatible',
  },
  {
    name: 'a v2 +incompatible tag over a v1 with go.mod',
    require: ['github.com/russross/blackfriday', 'v1.5.2'],
    rule: 'incompatible',
  },
  {
    name: 'current is +incompatible',
    require: ['github.com/golang-jwt/jwt', 'v3.2.1+incompatible'],
    rule: 'incompatible',
  },
  {
    name: 'v0 module with retracted v2 +incompatible tags',
    require: ['github.com/prometheus/prometheus', 'v0.50.0'],
    rule: 'incompatible',
  },
  {
    name: 'pseudo-version current below +incompatible tags',
    require: ['github.com/dgrijalva/jwt-go', 'v0.0.0-20170104182250-a601269ab70c'],
    rule: 'pseudo',
  },
];

describe('real version histories', () => {
  it.each(HISTORIES.map((h) => [h.name, h] as const))('%s', async (_name, h) => {
    const [path, version] = h.require;
    const dir = join(work, 'histories', path.replace(/\//g, '_'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'go.mod'), `module example.com/history\n\ngo 1.22\n\nrequire ${path} ${version}\n`);
    const go = await goUpdates(dir, [path]);
    expect(go.has(path)).toBe(true);
    expect(go.get(path)).not.toBe(FAILED);
    const engine = await engineUpdates(await diskMain(dir), [path]);
    expect(differences(go, engine)).toEqual([]);
  });

  it('includes histories where the rules change the answer', async () => {
    // Without retractions and the +incompatible rule, Go would pick the highest listed version.
    const changed: string[] = [];
    for (const h of HISTORIES) {
      const [path, version] = h.require;
      const listed = (await source.list(path)).filter((v) => v !== version);
      const r = await upgradeCandidates(path, version, { source });
      const naive = listed.sort((a, b) => compareModuleVersions(path, b, a))[0];
      if (r.goUpdate !== naive) changed.push(h.rule);
    }
    expect(new Set(changed)).toEqual(new Set(['retract', 'incompatible']));
  });
});

describe('hand-made histories against go list -m -u (file-system proxy)', () => {
  it.each(UPGRADE_SCENARIOS.map((s, i) => [s.name, i] as const))('%s', async (_name, i) => {
    const s = UPGRADE_SCENARIOS[i]!;
    const root = join(work, `history-${i}`);
    const proxy = await writeFileProxy(
      join(root, 'proxy'),
      s.versions.map(([version, spec, time, listed]) => ({
        path: UPGRADE_PATH,
        version,
        time,
        listed: listed ?? true,
        goMod: spec === null ? `module ${UPGRADE_PATH}\n` : goModText(UPGRADE_PATH, spec),
      })),
      s.latest ? { [UPGRADE_PATH]: s.latest } : {},
    );
    await mkdir(join(root, 'main'), { recursive: true });
    const exclude = (s.excluded ?? []).map((v) => `exclude ${UPGRADE_PATH} ${v}\n`).join('');
    await writeFile(
      join(root, 'main', 'go.mod'),
      `module example.com/main\n\ngo 1.22\n\nrequire ${UPGRADE_PATH} ${s.current}\n${exclude}`,
    );
    const modcache = join(root, 'modcache');
    const go = await goUpdates(join(root, 'main'), [UPGRADE_PATH], {
      GOPROXY: proxy,
      GOSUMDB: 'off',
      GOMODCACHE: modcache,
    });
    await runGo(['clean', '-modcache'], root, { GOMODCACHE: modcache });
    expect(go.get(UPGRADE_PATH)).toBe(s.expect);
    const r = await upgradeCandidates(UPGRADE_PATH, s.current, {
      source: upgradeSource(s),
      excluded: new Set(s.excluded ?? []),
    });
    expect(r.goUpdate).toBe(go.get(UPGRADE_PATH));
  });
});
