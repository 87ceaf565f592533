/**
 * A private module on the installation's own GitHub, end to end: a service of acme requires
 * github.com/acme/platform-lib, a private repository of the same organisation that GOPRIVATE
 * names. The app (dist/main.js, as in production) plans its new tag from the repository's tags
 * through the API with the installation token, applies it with go (which fetches the module
 * over git, authenticated as the installation) and opens the PR; Go agrees with the result.
 *
 * The stand-in plays the GitHub at its own address; the module path stays github.com/… and the
 * app process's git rewrites https://github.com/ to the stand-in (an insteadOf rule in the file
 * GIT_CONFIG_GLOBAL names). The app's code knows nothing of that rewrite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readMeta } from '../../src/pull-request/meta.js';
import { isolatedRedisUrl } from '../support/redis.js';
import { install } from '../stand-in/events.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { installationToken } from '../stand-in/installation-client.js';
import { addPlatformLib, PLATFORM_LIB } from '../stand-in/private-modules.js';
import { startScenario, type Scenario } from '../stand-in/scenario.js';

const pexec = promisify(execFile);
const INSTALLATION = 91;

let s: Scenario;
let billing: FakeRepo;
let work: string;
let appGitConfig: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gomod-steward-e2e-private-'));
  appGitConfig = join(work, 'app-gitconfig');
  await writeFile(appGitConfig, '');
  s = await startScenario({
    redisUrl: await isolatedRedisUrl(),
    appEnv: { GOPRIVATE: 'github.com/acme/*', GITHUB_MODULE_HOSTS: 'github.com', GIT_CONFIG_GLOBAL: appGitConfig },
  });
  // The stand-in's address is known once it runs; git reads the file on every call.
  await writeFile(appGitConfig, `[url "${s.gh.url}/"]\n\tinsteadOf = https://github.com/\n`);

  const src = join(work, 'billing');
  await mkdir(src);
  await writeFile(
    join(src, 'go.mod'),
    `module example.com/acme/billing\n\ngo 1.21\n\nrequire ${PLATFORM_LIB} v1.0.0\n`,
  );
  await writeFile(
    join(src, 'main.go'),
    `package main\n\nimport (\n\t"fmt"\n\n\tplatformlib "${PLATFORM_LIB}"\n)\n\nfunc main() { fmt.Println(platformlib.Version()) }\n`,
  );
  billing = await s.gh.addRepo(src, { owner: 'acme', name: 'billing', id: 9101, installationId: INSTALLATION });
  await addPlatformLib(s.gh, { installationId: INSTALLATION, id: 9102, selected: true });
}, 60_000);

afterAll(async () => {
  await s?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** `go list -m all` in a checkout of `branch`, fetching acme's modules from the stand-in as the installation. */
async function goListAll(branch: string): Promise<string> {
  const token = await installationToken(s.gh, INSTALLATION);
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const gitconfig = join(work, 'check-gitconfig');
  await writeFile(
    gitconfig,
    `[url "${s.gh.url}/"]\n\tinsteadOf = https://github.com/\n[http "${s.gh.url}/"]\n\textraHeader = "Authorization: Basic ${basic}"\n`,
    { mode: 0o600 },
  );
  const dir = join(work, `check-${Date.now()}`);
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GOPATH: join(work, 'gopath'),
    GOMODCACHE: join(work, 'gopath', 'pkg', 'mod'),
    GOCACHE: join(work, 'gocache'),
    GOPRIVATE: 'github.com/acme/*',
    GOPROXY: process.env.GOPROXY || 'https://proxy.golang.org,direct',
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
  };
  await pexec('git', ['clone', '-q', '--branch', branch, 'https://github.com/acme/billing', dir], { env });
  const { stdout } = await pexec('go', ['list', '-m', 'all'], { cwd: dir, env });
  return stdout;
}

describe('a private module of the same organisation', () => {
  it('is planned from its tags, applied with go, proposed in the PR, and go agrees', async () => {
    expect((await install(s.gh, INSTALLATION)).delivered).toBe(true);
    await s.watch.fireSchedule(INSTALLATION, billing.o.id);
    await s.until(() => billing.pulls.length === 1, 'the PR upgrading acme/platform-lib', { timeoutMs: 180_000 });

    const pr = billing.pulls[0]!;
    expect(readMeta(pr.body)?.updates).toEqual([
      expect.objectContaining({ module: PLATFORM_LIB, to: 'v1.2.0', kind: 'minor' }),
    ]);
    expect(pr.body).toContain(PLATFORM_LIB);
    const head = (await billing.branchHead(pr.head))!;
    const goMod = (await billing.fileAt(head, 'go.mod'))!.toString('utf8');
    expect(goMod).toContain(`require ${PLATFORM_LIB} v1.2.0`);
    // The plan read acme/platform-lib through the API, as the installation.
    expect(
      s.gh.exchanges.some(
        (e) =>
          e.path === '/repos/acme/platform-lib/tags' &&
          e.status === 200 &&
          e.principal === `installation ${INSTALLATION}`,
      ),
    ).toBe(true);

    expect(await goListAll(pr.head)).toContain(`${PLATFORM_LIB} v1.2.0`);
    expect(s.gh.violations).toEqual([]);
  }, 600_000);
});
