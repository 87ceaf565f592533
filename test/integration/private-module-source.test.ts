/**
 * Modules on the installation's own GitHub read through the REST API (github/module-source.ts),
 * against the stand-in, which answers only as GitHub's OpenAPI description allows: versions from
 * tags as the go command takes them, go.mod at a tag, pseudo-versions, and a repository the
 * installation cannot read.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { GitHubModuleCache, githubModuleSource } from '../../src/github/module-source.js';
import type { ModuleSource } from '../../src/gomod/types.js';
import { describeSourceFailure } from '../../src/planner/source-errors.js';
import { testPrivateKey } from '../support/app-harness.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { installationClient, installationToken } from '../stand-in/installation-client.js';
import { addPlatformLib, PLATFORM_LIB, type PlatformLib } from '../stand-in/private-modules.js';
import { StandIn } from '../stand-in/stand-in.js';

const APP_ID = 5150;
const INSTALLATION = 71;
let gh: StandIn;
let lib: PlatformLib;
let layout: FakeRepo;
let legacy: FakeRepo;
let github: GitHubClient;
const tmp: string[] = [];

async function repoFrom(name: string, id: number, files: Record<string, string>, selected = true): Promise<FakeRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-modsrc-'));
  tmp.push(dir);
  for (const [rel, text] of Object.entries(files)) await writeFile(join(dir, rel), text);
  return gh.addRepo(dir, { owner: 'acme', name, id, installationId: INSTALLATION, runner: false, selected });
}

function source(cache = new GitHubModuleCache()): ModuleSource {
  return githubModuleSource({ github, hosts: ['github.com'], cache, scope: String(INSTALLATION) });
}

const calls = (path: string) => gh.exchanges.filter((e) => e.path === path).length;

beforeAll(async () => {
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'hush' });
  // The installation holds an app repository; acme/platform-lib is private and outside it at first.
  await repoFrom('app', 700, { 'go.mod': 'module github.com/acme/app\n\ngo 1.21\n' });
  lib = await addPlatformLib(gh, { installationId: INSTALLATION, id: 701, selected: false });
  // A v3 major in a v3/ subdirectory.
  layout = await repoFrom('layout-lib', 702, { 'go.mod': 'module github.com/acme/layout-lib\n\ngo 1.21\n' });
  await layout.tag('v1.0.0');
  await layout.commitOnDefault({ 'v3/go.mod': 'module github.com/acme/layout-lib/v3\n\ngo 1.21\n' }, 'v3');
  await layout.tag('v3.1.0');
  // From before modules: no go.mod, v2+ tags are +incompatible; more tags than one page holds.
  legacy = await repoFrom('legacy', 703, { 'legacy.go': 'package legacy\n' });
  const refs = ['v1.0.0', 'v2.0.0', 'v2.1.0', ...Array.from({ length: 110 }, (_, i) => `v0.1.${i}`)];
  const head = (await legacy.branchHead('main'))!;
  await legacy.store.git(
    ['update-ref', '--stdin'],
    {},
    Buffer.from(refs.map((r) => `create refs/tags/${r} ${head}\n`).join('')),
  );
  github = await installationClient(gh, INSTALLATION);
}, 60_000);

afterAll(async () => {
  await gh?.stop();
  for (const d of tmp) await rm(d, { recursive: true, force: true });
});

describe('a repository the installation cannot read', () => {
  it('is a no-access failure naming the module and what to do', async () => {
    const err = await source()
      .list(PLATFORM_LIB)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'ModuleRepoAccessError',
      message:
        'github.com/acme/platform-lib: the app cannot read acme/platform-lib (404): install the app on acme/platform-lib or grant it contents: read',
    });
    expect(describeSourceFailure(err)).toEqual({ reason: 'no-access', detail: (err as Error).message });
    await expect(source().mod(PLATFORM_LIB, 'v1.2.0')).rejects.toMatchObject({ name: 'ModuleRepoAccessError' });
    await expect(source().info(PLATFORM_LIB, lib.untagged.pseudo)).rejects.toMatchObject({
      name: 'ModuleRepoAccessError',
    });
  });
});

describe('a readable repository', () => {
  beforeAll(() => gh.select(INSTALLATION, lib.repo));

  it('lists the root tags Go takes as versions: canonical, not pseudo-versions, not other majors', async () => {
    const s = source();
    expect(await s.list(PLATFORM_LIB)).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', 'v1.2.0']);
    expect(await s.latest(PLATFORM_LIB)).toMatchObject({ Version: 'v1.2.0', Time: '2026-01-04T12:00:00Z' });
  });

  it('reads info and go.mod at a tag, through the API', async () => {
    const s = source();
    expect(await s.info(PLATFORM_LIB, 'v1.1.0')).toEqual({
      Version: 'v1.1.0',
      Time: '2026-01-02T12:00:00Z',
      Origin: {
        VCS: 'git',
        URL: 'https://github.com/acme/platform-lib',
        Ref: 'refs/tags/v1.1.0',
        Hash: await lib.repo.store.revParse('refs/tags/v1.1.0'),
      },
    });
    expect(await s.mod(PLATFORM_LIB, 'v1.0.0')).toBe('module github.com/acme/platform-lib\n\ngo 1.21\n');
    await expect(s.info(PLATFORM_LIB, 'v1.5.0')).rejects.toMatchObject({ name: 'ModuleNotFoundError' });
  });

  it('a subdirectory module takes its dir/vX.Y.Z tags', async () => {
    const s = source();
    const tools = `${PLATFORM_LIB}/tools`;
    expect(await s.list(tools)).toEqual(['v0.1.0', 'v0.2.0']);
    expect(await s.mod(tools, 'v0.2.0')).toBe(`module ${tools}\n\ngo 1.21\n`);
    expect((await s.info(tools, 'v0.1.0')).Origin).toMatchObject({ Subdir: 'tools', Ref: 'refs/tags/tools/v0.1.0' });
  });

  it('a /v2 module on a major branch takes v2 tags whose go.mod declares …/v2', async () => {
    const s = source();
    expect(await s.list(`${PLATFORM_LIB}/v2`)).toEqual(['v2.0.0']);
    expect(await s.mod(`${PLATFORM_LIB}/v2`, 'v2.0.0')).toBe(`module ${PLATFORM_LIB}/v2\n\ngo 1.21\n`);
    // v1.2.0 has no go.mod declaring …/v2, and a v1 tag is not a v2 version at all.
    await expect(s.mod(`${PLATFORM_LIB}/v2`, 'v1.2.0')).rejects.toMatchObject({ name: 'ModuleNotFoundError' });
  });

  it('a /v3 module in a v3/ subdirectory', async () => {
    const s = source();
    expect(await s.list('github.com/acme/layout-lib/v3')).toEqual(['v3.1.0']);
    expect(await s.mod('github.com/acme/layout-lib/v3', 'v3.1.0')).toBe(
      'module github.com/acme/layout-lib/v3\n\ngo 1.21\n',
    );
    // The root module has a go.mod: its v3 tag is not offered as +incompatible.
    expect(await s.list('github.com/acme/layout-lib')).toEqual(['v1.0.0']);
  });

  it('v2+ tags of a repository without go.mod are +incompatible, across pages of tags', async () => {
    const s = source();
    const list = await s.list('github.com/acme/legacy');
    expect(list).toHaveLength(113);
    expect(list.slice(-3)).toEqual(['v1.0.0', 'v2.0.0+incompatible', 'v2.1.0+incompatible']);
    expect(await s.mod('github.com/acme/legacy', 'v2.1.0+incompatible')).toBe('module github.com/acme/legacy\n');
    expect(await s.latest('github.com/acme/legacy')).toMatchObject({ Version: 'v2.1.0+incompatible' });
  });

  it('a pseudo-version names its commit by hash prefix', async () => {
    const s = source();
    expect(await s.info(PLATFORM_LIB, lib.untagged.pseudo)).toMatchObject({
      Version: lib.untagged.pseudo,
      Time: '2026-01-05T12:00:00Z',
      Origin: { Hash: lib.untagged.sha },
    });
    expect(await s.mod(PLATFORM_LIB, lib.untagged.pseudo)).toBe(`module ${PLATFORM_LIB}\n\ngo 1.21\n`);
    await expect(s.mod(PLATFORM_LIB, 'v1.2.1-0.20260105120000-abcdefabcdef')).rejects.toMatchObject({
      name: 'ModuleNotFoundError',
    });
  });

  it('asks GitHub once for what cannot change, and shares one tag listing', async () => {
    const cache = new GitHubModuleCache();
    const tagsPath = '/repos/acme/platform-lib/tags';
    const before = calls(tagsPath);
    await Promise.all([source(cache).list(PLATFORM_LIB), source(cache).mod(PLATFORM_LIB, 'v1.1.0')]);
    const contents = gh.exchanges.filter((e) => e.path === '/repos/acme/platform-lib/contents/go.mod').length;
    await source(cache).mod(PLATFORM_LIB, 'v1.1.0');
    await source(cache).info(PLATFORM_LIB, 'v1.1.0');
    await source(cache).info(PLATFORM_LIB, 'v1.1.0');
    expect(calls(tagsPath) - before).toBe(1);
    expect(gh.exchanges.filter((e) => e.path === '/repos/acme/platform-lib/contents/go.mod').length).toBe(contents);
  });

  it("keeps one installation's answers from another", async () => {
    const cache = new GitHubModuleCache();
    expect(await source(cache).list(PLATFORM_LIB)).toContain('v1.2.0');
    const other = githubModuleSource({ github, hosts: ['github.com'], cache, scope: 'another' });
    gh.deselect(INSTALLATION, lib.repo);
    try {
      await expect(other.list(PLATFORM_LIB)).rejects.toMatchObject({ name: 'ModuleRepoAccessError' });
    } finally {
      gh.select(INSTALLATION, lib.repo);
    }
  });

  it('lists what the go command itself lists, reading the same repositories over git as the installation', async () => {
    const work = await mkdtemp(join(tmpdir(), 'gomod-steward-modsrc-go-'));
    tmp.push(work);
    const basic = Buffer.from(`x-access-token:${await installationToken(gh, INSTALLATION)}`).toString('base64');
    const gitconfig = `[url "${gh.url}/"]\n\tinsteadOf = https://github.com/\n[http "${gh.url}/"]\n\textraHeader = "Authorization: Basic ${basic}"\n`;
    await writeFile(join(work, 'gitconfig'), gitconfig, { mode: 0o600 });
    await writeFile(join(work, 'go.mod'), 'module example.com/oracle\n\ngo 1.21\n');
    const env = {
      PATH: process.env.PATH,
      HOME: work,
      GIT_CONFIG_GLOBAL: join(work, 'gitconfig'),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GOPATH: join(work, 'gopath'),
      GOMODCACHE: join(work, 'gopath', 'mod'),
      GOCACHE: join(work, 'gocache'),
      GOPRIVATE: 'github.com/acme/*',
      GOTOOLCHAIN: 'local',
      GOENV: 'off',
    };
    const paths = [
      PLATFORM_LIB,
      `${PLATFORM_LIB}/tools`,
      `${PLATFORM_LIB}/v2`,
      'github.com/acme/layout-lib/v3',
      'github.com/acme/legacy',
    ];
    const { stdout } = await promisify(execFile)('go', ['list', '-m', '-versions', ...paths], { cwd: work, env });
    const byGo = stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ').slice(1));
    const s = source();
    for (const [i, path] of paths.entries()) expect([path, await s.list(path)]).toEqual([path, byGo[i]]);
  });

  it("refuses module paths of other hosts, and breaks none of GitHub's rules", async () => {
    await expect(source().list('gitlab.com/acme/x')).rejects.toMatchObject({ name: 'ModuleNotFoundError' });
    expect(gh.violations).toEqual([]);
  });
});
