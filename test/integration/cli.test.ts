/** The CLI as users run it: JSON shapes, exit codes, and bad input that names file and line. */
import { describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli.js';
import { copyExample, EXAMPLE_DIR, exampleModuleDirs, go } from '../support/go-cli.js';

const pexec = promisify(execFile);

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), env: process.env });
  return { code, out, err };
}

describe('gomod-steward CLI', () => {
  it('is installed as a bin that answers help', async () => {
    const bin = new URL('../../dist/cli.js', import.meta.url).pathname;
    const { stdout } = await pexec('node', [bin, 'help']);
    expect(stdout).toMatch(/usage: gomod-steward <command>/);
  });

  it('answers --version with the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const { code, out } = await cli(['--version']);
    expect(code).toBe(0);
    expect(out).toBe(`gomod-steward ${pkg.version}\n`);
  });

  it('exits 2 with one line when the directory does not exist', async () => {
    for (const command of ['inspect', 'plan', 'apply']) {
      const { code, out, err } = await cli([command, '/nonexistent/gomod-steward-dir', '--json']);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe('gomod-steward: /nonexistent/gomod-steward-dir: no such directory\n');
    }
  });

  it('ends quietly when the reader closes the pipe early (plan | head)', async () => {
    const bin = new URL('../../dist/cli.js', import.meta.url).pathname;
    const child = spawn('node', [bin, 'inspect', EXAMPLE_DIR, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(0);
  });

  it('honours enabled: false in plan and apply, unless --force', async () => {
    const copy = await copyExample();
    await mkdir(join(copy, '.github'), { recursive: true });
    await writeFile(join(copy, '.github', 'gomod-steward.yml'), 'enabled: false\n');
    const before = await readFile(join(copy, 'services', 'order-service', 'go.mod'), 'utf8');
    for (const command of ['plan', 'apply']) {
      const { code, out } = await cli([command, copy, '--json']);
      expect(code).toBe(0);
      const json = JSON.parse(out) as { updates: unknown[]; warnings: { message: string }[] };
      expect(json.updates).toEqual([]);
      expect(json.warnings[0]?.message).toMatch(/enabled: false/);
    }
    expect(await readFile(join(copy, 'services', 'order-service', 'go.mod'), 'utf8')).toBe(before);
    const forced = await cli(['plan', copy, '--json', '--force']);
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.out) as { updates: unknown[] }).updates.length).toBeGreaterThan(0);
  });

  it('exits 2 with usage on an unknown command or flag', async () => {
    const a = await cli(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/unknown command "frobnicate"/);
    const b = await cli(['plan', '--colour']);
    expect(b.code).toBe(2);
  });

  it('inspect --json reports go.work and every module like go mod edit -json', async () => {
    const { code, out } = await cli(['inspect', EXAMPLE_DIR, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      root: string;
      goWork: { go: string; use: string[] };
      modules: {
        dir: string;
        path: string;
        go: string | null;
        require: { path: string; version: string; indirect: boolean }[];
      }[];
    };
    const dirs = await exampleModuleDirs();
    expect(json.modules.map((m) => m.dir).sort()).toEqual([...dirs].sort());
    for (const m of json.modules) {
      const edit = JSON.parse(await go(['mod', 'edit', '-json'], join(EXAMPLE_DIR, m.dir))) as {
        Module: { Path: string };
        Go?: string;
        Require?: { Path: string; Version: string; Indirect?: boolean }[];
      };
      expect(m.path).toBe(edit.Module.Path);
      expect(m.go).toBe(edit.Go ?? null);
      expect(m.require).toEqual(
        (edit.Require ?? []).map((r) => ({ path: r.Path, version: r.Version, indirect: r.Indirect ?? false })),
      );
    }
  });

  it('plans the rest of the repository when one go.mod is broken, and exits 2 naming file and line', async () => {
    const copy = await copyExample();
    await writeFile(
      join(copy, 'libs/xconfig/go.mod'),
      'module example.com/commerce/libs/xconfig\n\ngo 1.16\n\nrequire (\n\tgopkg.in/yaml.v3 latest\n)\n',
    );
    const { code, out, err } = await cli(['plan', copy, '--json']);
    expect(code).toBe(2);
    expect(err).toMatch(/libs\/xconfig\/go\.mod:6:\d+/);
    const plan = JSON.parse(out) as { skipped: { dir: string; reason: string }[]; updates: unknown[] };
    expect(plan.skipped).toContainEqual(expect.objectContaining({ dir: 'libs/xconfig', reason: 'invalid-input' }));
    expect(plan.updates.length).toBeGreaterThan(0);
  });

  it('refuses an invalid config with file, line and field, and plans nothing', async () => {
    const copy = await copyExample();
    await mkdir(join(copy, '.github'), { recursive: true });
    await writeFile(join(copy, '.github/gomod-steward.yml'), 'update-types: [minor, mayor]\n');
    const { code, out, err } = await cli(['plan', copy, '--json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/\.github\/gomod-steward\.yml:1:\d+: update-types\[1\]/);
  });
});
