/**
 * The plan job's module source (pipeline/plan-source.ts) over the stand-in: a module requiring a
 * private module of the installation's GitHub and a public one. With the private repository
 * readable its new tag is planned; without read access only that requirement is skipped, with
 * the reason and what to do, and the module's other requirements are still upgraded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/schema.js';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { planModuleSource } from '../../src/pipeline/plan-source.js';
import { createPlan } from '../../src/planner/plan.js';
import { memoryTree } from '../../src/workspace/tree.js';
import { testPrivateKey } from '../support/app-harness.js';
import { goModText, MemorySource } from '../support/memory-source.js';
import { installationClient } from '../stand-in/installation-client.js';
import { addPlatformLib, PLATFORM_LIB, type PlatformLib } from '../stand-in/private-modules.js';
import { StandIn } from '../stand-in/stand-in.js';

const APP_ID = 5151;
const INSTALLATION = 72;
let gh: StandIn;
let lib: PlatformLib;
let github: GitHubClient;
let appDir: string;

/** Public modules come from the proxy; it knows nothing of acme's. */
const proxy = () =>
  new MemorySource().add('example.org/pub', 'v1.0.0', { go: '1.21' }).add('example.org/pub', 'v1.1.0', { go: '1.21' });

const appEnv = {
  GOPROXY: 'https://proxy.example.invalid',
  GOPRIVATE: 'github.com/acme/*',
  GONOPROXY: 'github.com/acme/*',
  GONOSUMDB: 'github.com/acme/*',
};

const tree = () =>
  memoryTree({
    'go.mod': goModText('example.org/svc', {
      go: '1.22',
      require: [`${PLATFORM_LIB} v1.0.0`, 'example.org/pub v1.0.0'],
    }),
    'worker/go.mod': goModText('example.org/svc/worker', {
      go: '1.22',
      require: [`${PLATFORM_LIB} ${lib.untagged.pseudo}`],
    }),
  });

async function plan(source: ReturnType<typeof proxy>) {
  const routed = await planModuleSource({ source, appEnv, githubModuleHosts: ['github.com'] }, github, INSTALLATION);
  return createPlan({ tree: tree(), root: '.', config: defaultConfig(), source: routed });
}

beforeAll(async () => {
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'hush' });
  appDir = await mkdtemp(join(tmpdir(), 'gomod-steward-privplan-'));
  await writeFile(join(appDir, 'go.mod'), 'module example.org/svc\n\ngo 1.22\n');
  await gh.addRepo(appDir, { owner: 'acme', name: 'svc', id: 800, installationId: INSTALLATION, runner: false });
  lib = await addPlatformLib(gh, { installationId: INSTALLATION, id: 801, selected: false });
  github = await installationClient(gh, INSTALLATION);
}, 60_000);

afterAll(async () => {
  await gh?.stop();
  if (appDir) await rm(appDir, { recursive: true, force: true });
});

describe('a private module of the installation’s GitHub', () => {
  it('without read access: only that requirement is skipped, saying what to do; the rest is upgraded', async () => {
    const source = proxy();
    const p = await plan(source);
    expect(p.updates).toEqual([
      { module: 'example.org/pub', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: '.', from: 'v1.0.0' }] },
    ]);
    const skipped = p.skipped.filter((s) => s.module === PLATFORM_LIB);
    expect(skipped.map((s) => [s.dir, s.reason])).toEqual([
      ['.', 'no-access'],
      ['worker', 'no-access'],
    ]);
    expect(skipped[0]!.detail).toBe(
      'github.com/acme/platform-lib: the app cannot read acme/platform-lib (404): install the app on acme/platform-lib or grant it contents: read',
    );
    // The proxy was never asked about acme's module.
    expect([...source.calls.list, ...source.calls.mod].some((c) => c.startsWith(PLATFORM_LIB))).toBe(false);
  });

  it('readable: its newest release tag is planned beside the public upgrade; a pseudo-version ahead of it stays', async () => {
    gh.select(INSTALLATION, lib.repo);
    const p = await plan(proxy());
    expect(p.updates).toEqual([
      { module: 'example.org/pub', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: '.', from: 'v1.0.0' }] },
      { module: PLATFORM_LIB, to: 'v1.2.0', kind: 'minor', dirs: [{ dir: '.', from: 'v1.0.0' }] },
    ]);
    expect(p.skipped).toEqual([]);
    expect(gh.violations).toEqual([]);
  });

  it('without GOPRIVATE/GONOPROXY naming it, the module goes to the proxy as before', async () => {
    const source = proxy();
    const routed = await planModuleSource(
      {
        source,
        appEnv: { ...appEnv, GOPRIVATE: 'corp.example.com', GONOPROXY: 'corp.example.com' },
        githubModuleHosts: ['github.com'],
      },
      github,
      INSTALLATION,
    );
    await routed.list(PLATFORM_LIB).catch(() => undefined);
    expect(source.calls.list).toEqual([PLATFORM_LIB]);
  });
});
