/**
 * Version pins of replace directives (update kind `replace`).
 * - Held to Go, on test/fixtures/replace-pin (`replace github.com/google/uuid => github.com/google/uuid
 *   v1.3.0`, a real module from the module proxy at a pinned old version): the plan proposes the
 *   pin's move only with `update-types: [..., replace]`, to exactly what `go list -m -u` reports as
 *   the replacement's update; after `apply`, `go build ./...` and `go mod tidy -diff` are clean and
 *   `go mod edit -json` shows the new pin.
 * - Over a local file proxy: a fork replacement (`a => fork vX`) and a replace with a versioned left
 *   side move too, the target obeys the cooldown and the go-directive guard like any update, and
 *   a directory replacement never moves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli.js';
import { renderPlan } from '../../src/cli/render-plan.js';
import { parseConfig } from '../../src/config/load.js';
import { createPlan } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/plan-schema.js';
import type { ApplyResult } from '../../src/toolchain/apply/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { memoryTree } from '../../src/workspace/tree.js';
import { daysBefore, writeFileProxy } from '../oracles/file-proxy.js';
import { go, parseJsonStream } from '../support/go-cli.js';
import { writeVulnDb } from '../support/vulndb-fixture.js';

const pexec = promisify(execFile);
const FIXTURE = fileURLToPath(new URL('../fixtures/replace-pin', import.meta.url));
const UUID = 'github.com/google/uuid';

let root: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gomod-steward-replace-'));
  env = { ...process.env, GOVULNDB: await writeVulnDb(join(root, 'vulndb'), []), GOTOOLCHAIN: 'local' };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), env });
  return { code, out, err };
}

/** Go as the judge: only what locates the toolchain, its caches and the proxy; nothing repaired quietly. */
async function judge(cwd: string, args: string[]): Promise<string> {
  const keep = ['PATH', 'HOME', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOPROXY', 'GOSUMDB', 'GONOSUMDB', 'GOPRIVATE'];
  const judgeEnv: NodeJS.ProcessEnv = { GOWORK: 'off', GOFLAGS: '-mod=readonly -buildvcs=false', GOTOOLCHAIN: 'local' };
  for (const n of keep) if (process.env[n] !== undefined) judgeEnv[n] = process.env[n];
  try {
    return (await pexec('go', args, { cwd, env: judgeEnv, maxBuffer: 64 << 20 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string };
    throw new Error(`go ${args.join(' ')} in ${cwd}:\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

describe('a replace pin of a real module, held to Go', () => {
  let dir: string;
  let goUpdate: string;
  beforeAll(async () => {
    dir = join(root, 'repo');
    await cp(FIXTURE, dir, { recursive: true });
    await mkdir(join(root, 'config'), { recursive: true });
    await writeFile(join(root, 'config', 'replace.yml'), 'update-types: [minor, patch, replace]\n');
    // Go's own answer for the replacement: `Replace.Update` of `go list -m -u`.
    const listed = JSON.parse(await judge(dir, ['list', '-m', '-u', '-json', UUID])) as {
      Replace?: { Version?: string; Update?: { Version: string } };
    };
    expect(listed.Replace?.Version).toBe('v1.3.0');
    goUpdate = listed.Replace!.Update!.Version;
  });

  it('is left alone unless update-types lists replace', async () => {
    const { code, out } = await cli(['plan', dir, '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out) as Plan;
    expect(plan.updates).toEqual([]);
    expect(plan.skipped).toContainEqual(expect.objectContaining({ module: UUID, reason: 'replaced' }));
  });

  it("is proposed with replace, to Go's update of the replacement, and applied so that Go is content", async () => {
    const config = join(root, 'config', 'replace.yml');
    const planned = await cli(['plan', dir, '--json', '--config', config]);
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.out) as Plan;
    expect(plan.updates).toEqual([
      { module: UUID, to: goUpdate, kind: 'replace', dirs: [{ dir: '.', from: 'v1.3.0' }], replaces: { path: UUID } },
    ]);

    const applied = await cli(['apply', dir, '--json', '--config', config]);
    expect({ code: applied.code, err: applied.err }).toEqual({ code: 0, err: '' });
    const result = JSON.parse(applied.out) as ApplyResult;
    expect(result.failed).toEqual([]);
    expect(result.updates).toEqual(plan.updates);
    expect(result.files).toEqual(expect.arrayContaining(['go.mod', 'go.sum']));

    await judge(dir, ['build', './...']);
    await judge(dir, ['mod', 'tidy', '-diff']);
    const mod = JSON.parse(await judge(dir, ['mod', 'edit', '-json'])) as {
      Require: { Path: string; Version: string }[];
      Replace: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[];
    };
    expect(mod.Replace).toEqual([{ Old: { Path: UUID }, New: { Path: UUID, Version: goUpdate } }]);
    // The requirement itself is the replace's business, not ours: it stays as written.
    expect(mod.Require).toEqual([{ Path: UUID, Version: 'v1.1.0' }]);
  });
});

describe('replace pins over a local proxy', () => {
  const NOW = new Date('2026-06-15T12:00:00Z');
  const goMod = (path: string, go = '1.20') => `module ${path}\n\ngo ${go}\n`;
  let plan: Plan;
  let repo: string;
  let proxyUrl: string;
  beforeAll(async () => {
    const proxy = await writeFileProxy(join(root, 'proxy'), [
      { path: 'example.org/a', version: 'v1.0.0', goMod: goMod('example.org/a'), time: daysBefore(NOW, 400) },
      { path: 'example.org/b', version: 'v1.0.0', goMod: goMod('example.org/b'), time: daysBefore(NOW, 400) },
      { path: 'example.org/b', version: 'v1.2.0', goMod: goMod('example.org/b'), time: daysBefore(NOW, 300) },
      { path: 'example.org/b', version: 'v1.2.1', goMod: goMod('example.org/b'), time: daysBefore(NOW, 100) },
      { path: 'example.org/c', version: 'v1.0.0', goMod: goMod('example.org/c'), time: daysBefore(NOW, 400) },
      // The fork: its newest version is two days old, the one before needs a newer go than the module's.
      { path: 'example.org/dep', version: 'v1.0.0', goMod: goMod('example.org/dep'), time: daysBefore(NOW, 400) },
      { path: 'example.org/dep', version: 'v1.1.0', goMod: goMod('example.org/dep'), time: daysBefore(NOW, 1) },
      {
        path: 'example.org/fork',
        version: 'v1.0.0',
        goMod: `${goMod('example.org/fork')}\nrequire example.org/dep v1.0.0\n`,
        time: daysBefore(NOW, 400),
      },
      // The pin's new version requires more of a dependency: MVS carries it.
      {
        path: 'example.org/fork',
        version: 'v1.0.5',
        goMod: `${goMod('example.org/fork')}\nrequire example.org/dep v1.1.0\n`,
        time: daysBefore(NOW, 90),
      },
      {
        path: 'example.org/fork',
        version: 'v1.0.6',
        goMod: goMod('example.org/fork', '1.99'),
        time: daysBefore(NOW, 60),
      },
      { path: 'example.org/fork', version: 'v1.1.0', goMod: goMod('example.org/fork'), time: daysBefore(NOW, 2) },
    ]);
    const files = {
      'go.mod': [
        'module example.org/app',
        '',
        'go 1.22',
        '',
        'require (',
        '\texample.org/a v1.0.0',
        '\texample.org/b v1.0.0',
        '\texample.org/c v1.0.0',
        '\texample.org/dep v1.0.0 // indirect',
        ')',
        '',
        'replace example.org/a => example.org/fork v1.0.0',
        '',
        'replace example.org/b v1.0.0 => example.org/b v1.2.0',
        '',
        'replace example.org/c => ./local/c',
        '',
      ].join('\n'),
      'local/c/go.mod': goMod('example.org/c'),
    };
    repo = join(root, 'local-repo');
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(repo, name, '..'), { recursive: true });
      await writeFile(join(repo, name), text);
    }
    proxyUrl = proxy;
    const configText = 'update-types: [minor, patch, replace]\ncooldown:\n  default-days: 7\n';
    const source = proxyClientFromEnv({
      env: { ...process.env, GOPROXY: proxy, GOSUMDB: 'off', GONOSUMDB: '', GOPRIVATE: '', GONOPROXY: '' },
      cacheDir: false,
    });
    plan = await createPlan({
      tree: memoryTree(files),
      root: '.',
      config: parseConfig('.github/gomod-steward.yml', configText),
      source,
      now: NOW,
    });
  });

  it('moves a fork pin past a too-young and a too-new-go version, and a pin with a versioned left side', () => {
    expect(plan.updates).toEqual([
      {
        module: 'example.org/fork',
        to: 'v1.0.5',
        kind: 'replace',
        dirs: [{ dir: '.', from: 'v1.0.0' }],
        replaces: { path: 'example.org/a' },
      },
      {
        module: 'example.org/b',
        to: 'v1.2.1',
        kind: 'replace',
        dirs: [{ dir: '.', from: 'v1.2.0' }],
        replaces: { path: 'example.org/b', version: 'v1.0.0' },
      },
    ]);
    expect(plan.skipped).toContainEqual(
      expect.objectContaining({ module: 'example.org/fork', reason: 'cooldown', version: 'v1.1.0' }),
    );
    expect(plan.affected).toEqual(['.']);
    expect(renderPlan(plan)).toMatch(
      /example\.org\/fork \(replace pin of example\.org\/a\) +v1\.0\.0 +v1\.0\.5 \(v1\.1\.0 in cooldown until 2026-06-20\) +replace/,
    );
  });

  it('predicts what the moved pin carries as Go selects it (go mod edit -replace, then go list -m all)', async () => {
    expect(plan.carried).toEqual([{ dir: '.', module: 'example.org/dep', from: 'v1.0.0', to: 'v1.1.0' }]);
    const goEnv = {
      GOPROXY: proxyUrl,
      GOSUMDB: 'off',
      GONOSUMDB: '',
      GOPRIVATE: '',
      GOMODCACHE: join(root, 'modcache'),
    };
    const versions = async () =>
      new Map(
        parseJsonStream<{ Path: string; Version?: string; Main?: boolean }>(
          await go(['list', '-m', '-json', 'all'], repo, goEnv),
        )
          .filter((m) => !m.Main)
          .map((m) => [m.Path, m.Version]),
      );
    const before = await versions();
    for (const u of plan.updates) {
      const old = u.replaces!.version ? `${u.replaces!.path}@${u.replaces!.version}` : u.replaces!.path;
      await go(['mod', 'edit', `-replace=${old}=${u.module}@${u.to}`], repo, goEnv);
    }
    const after = await versions();
    const moved = [...after].filter(([p, v]) => before.get(p) !== v);
    expect(moved.map(([module, to]) => ({ dir: '.', module, from: before.get(module) ?? null, to }))).toEqual(
      plan.carried,
    );
  });

  it('never moves a directory replacement', () => {
    expect(plan.updates.map((u) => u.module)).not.toContain('example.org/c');
    expect(plan.skipped.filter((s) => s.module === 'example.org/c')).toEqual([]);
  });
});
