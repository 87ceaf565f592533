/**
 * The guard knows the toolchain apply runs. Over a local file proxy whose newest version of a
 * module says `go 1.99` (no toolchain builds it), a plan with go-directive: allow proposes the
 * next older version and says why the newest was held back — and Go agrees: `go get` of the held
 * version fails under GOTOOLCHAIN=local, `go get` of the proposed one works. With GOTOOLCHAIN=auto
 * the limit is the newest toolchain the proxy lists (golang.org/toolchain, Go's own mechanism).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDir } from '../../src/cli/plan-command.js';
import { newestToolchain } from '../../src/toolchain/toolchain-limit.js';
import { writeFileProxy } from '../oracles/file-proxy.js';
import { go } from '../support/go-cli.js';

let root: string;
let proxy: string;
let repo: string;
let env: NodeJS.ProcessEnv;

const goMod = (go: string, require = '') => `module example.org/tc\n\ngo ${go}\n${require}`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gomod-steward-toolchain-'));
  const [version, goos, goarch] = (await go(['env', 'GOVERSION', 'GOOS', 'GOARCH'], root)).trim().split('\n');
  const localGo = version!.replace(/^go/, '');
  const [maj, min] = localGo.split('.').map(Number);
  // A release after the local one that a proxy could serve as a toolchain.
  const next = `${maj}.${min! + 1}.0`;
  proxy = await writeFileProxy(join(root, 'proxy'), [
    { path: 'example.org/tc', version: 'v1.0.0', goMod: goMod('1.20') },
    { path: 'example.org/tc', version: 'v1.1.0', goMod: goMod('1.22') },
    { path: 'example.org/tc', version: 'v1.2.0', goMod: goMod('1.99') },
    { path: 'example.org/nx', version: 'v1.0.0', goMod: 'module example.org/nx\n\ngo 1.20\n' },
    { path: 'example.org/nx', version: 'v1.1.0', goMod: `module example.org/nx\n\ngo ${next}\n` },
    {
      path: 'golang.org/toolchain',
      version: `v0.0.1-go${next}.${goos}-${goarch}`,
      goMod: 'module golang.org/toolchain\n',
    },
    {
      path: 'golang.org/toolchain',
      version: `v0.0.1-go${maj}.${min! + 2}.0.${goos === 'plan9' ? 'linux' : 'plan9'}-${goarch}`,
      goMod: 'module golang.org/toolchain\n',
    },
  ]);
  repo = join(root, 'repo');
  await mkdir(join(repo, '.github'), { recursive: true });
  await writeFile(
    join(repo, 'go.mod'),
    'module example.org/app\n\ngo 1.22\n\nrequire (\n\texample.org/tc v1.0.0\n\texample.org/nx v1.0.0\n)\n',
  );
  await writeFile(join(repo, '.github', 'gomod-steward.yml'), 'go-directive: allow\n');
  env = {
    ...process.env,
    GOPROXY: proxy,
    GOSUMDB: 'off',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOTOOLCHAIN: 'local',
    GOMODSTEWARD_CACHE: join(root, 'cache'),
  };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the toolchain-aware guard', () => {
  it('under GOTOOLCHAIN=local never proposes a version the local go refuses, and says why', async () => {
    const plan = await planDir(repo, undefined, env);
    expect(plan.updates).toEqual([
      expect.objectContaining({ module: 'example.org/tc', to: 'v1.1.0', dirs: [{ dir: '.', from: 'v1.0.0' }] }),
    ]);
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({
        module: 'example.org/tc',
        message: expect.stringMatching(/^held at v1\.1\.0: v1\.2\.0 needs go 1\.99; the worker's go is go1\.\d+/),
      }),
    );
    expect(plan.skipped).toContainEqual(
      expect.objectContaining({
        module: 'example.org/nx',
        reason: 'needs-newer-go',
        detail: expect.stringMatching(/GOTOOLCHAIN=local/),
      }),
    );

    // Go itself: the held version is refused, the proposed one is taken (the requirement as `go get`
    // would write it, then the graph loaded; the proxy serves no zips, so no package is loaded).
    const goEnv = { GOPROXY: proxy, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOMODCACHE: join(root, 'modcache') };
    const scratch = join(root, 'scratch');
    await mkdir(scratch, { recursive: true });
    await writeFile(join(scratch, 'go.mod'), 'module example.org/app\n\ngo 1.22\n\nrequire example.org/tc v1.0.0\n');
    await go(['mod', 'edit', '-require=example.org/tc@v1.2.0'], scratch, goEnv);
    await expect(go(['list', '-m', 'all'], scratch, goEnv)).rejects.toThrow(/requires go >= 1\.99/);
    await go(['mod', 'edit', '-require=example.org/tc@v1.1.0'], scratch, goEnv);
    await go(['list', '-m', 'all'], scratch, goEnv);
  });

  it('with toolchain downloads (GOTOOLCHAIN=auto) allows up to the newest toolchain the proxy serves', async () => {
    const plan = await planDir(repo, undefined, { ...env, GOTOOLCHAIN: 'auto' });
    const byModule = Object.fromEntries(plan.updates.map((u) => [u.module, u.to]));
    expect(byModule).toEqual({ 'example.org/tc': 'v1.1.0', 'example.org/nx': 'v1.1.0' });
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({
        module: 'example.org/tc',
        message: expect.stringMatching(/needs go 1\.99; the newest Go toolchain the module proxy serves/),
      }),
    );
  });

  it('reads toolchain versions for the worker platform only', () => {
    const versions = ['v0.0.1-go1.30.1.darwin-arm64', 'v0.0.1-go1.30.0.linux-amd64', 'v0.0.1-go1.29.9.linux-amd64'];
    expect(newestToolchain(versions, 'linux', 'amd64')).toBe('1.30.0');
    expect(newestToolchain(versions, 'windows', 'amd64')).toBeNull();
  });
});
