/**
 * The example monorepo is the fixture the planner, the benchmarks and the demo run against, so
 * it must stay a healthy Go workspace: every module tidy, building and vet-clean on its own, and
 * `go work sync` with nothing left to do. The go command itself is the judge of all of that.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const EXAMPLE = fileURLToPath(new URL('../../examples/commerce-platform', import.meta.url));

/**
 * Only what locates the toolchain and its caches is passed on; `-mod=readonly` makes an
 * incomplete go.sum fail instead of being quietly repaired.
 */
function goEnv(gowork: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOPROXY']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, GOWORK: gowork, GOFLAGS: '-mod=readonly -buildvcs=false', GOTOOLCHAIN: 'local' };
}

async function go(args: string[], cwd: string, gowork = 'off'): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync('go', args, { cwd, env: goEnv(gowork), maxBuffer: 8 << 20 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `go ${args.join(' ')} in ${relative(EXAMPLE, cwd) || '.'} failed:\n${e.stderr ?? ''}${e.stdout ?? ''}`,
    );
  }
}

interface WorkJson {
  Go?: string;
  Use?: { DiskPath: string }[];
}

interface ModJson {
  Module: { Path: string };
  Go?: string;
  Toolchain?: string;
}

// jest needs the module list while it collects tests, so go.work is read synchronously here.
const work = JSON.parse(
  execFileSync('go', ['work', 'edit', '-json'], { cwd: EXAMPLE, env: goEnv(join(EXAMPLE, 'go.work')) }).toString(),
) as WorkJson;
const moduleDirs = (work.Use ?? []).map((u) => u.DiskPath.replace(/^\.\//, ''));

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

describe('examples/commerce-platform', () => {
  it('declares the eight modules of the layout in go.work', () => {
    expect(moduleDirs).toHaveLength(8);
    expect(moduleDirs).toEqual(
      expect.arrayContaining([
        'services/order-service',
        'services/payment-service',
        'services/inventory-service',
        'libs/xredis',
        'libs/xmysql',
        'libs/observability',
        'libs/xconfig',
        'api-contracts/order',
      ]),
    );
  });

  it('keeps exactly one go 1.16 module and no toolchain lines', async () => {
    const mods = await Promise.all(
      moduleDirs.map(
        async (dir) => JSON.parse((await go(['mod', 'edit', '-json'], join(EXAMPLE, dir))).stdout) as ModJson,
      ),
    );
    for (const m of mods) {
      expect(m.Module.Path).toMatch(/^example\.com\/commerce\//);
      expect(m.Toolchain).toBeUndefined();
    }
    expect(mods.filter((m) => m.Go === '1.16').map((m) => m.Module.Path)).toEqual([
      'example.com/commerce/libs/xconfig',
    ]);
  });

  describe.each(moduleDirs)('%s with GOWORK=off', (dir) => {
    const cwd = join(EXAMPLE, dir);

    it('is tidy, builds and vets', async () => {
      const tidy = await go(['mod', 'tidy', '-diff'], cwd);
      expect(tidy.stdout).toBe('');
      await go(['build', './...'], cwd);
      await go(['vet', './...'], cwd);
    });
  });

  describe('go work sync', () => {
    let copy: string;

    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), 'steward-example-'));
      cpSync(EXAMPLE, copy, { recursive: true });
    });

    afterAll(() => {
      rmSync(copy, { recursive: true, force: true });
    });

    it('leaves every file byte-identical', async () => {
      await go(['work', 'sync'], copy, join(copy, 'go.work'));
      const before = listFiles(EXAMPLE);
      expect(listFiles(copy)).toEqual(before);
      const changed = before.filter((f) => !readFileSync(join(EXAMPLE, f)).equals(readFileSync(join(copy, f))));
      expect(changed).toEqual([]);
    });
  });
});
