/** `gomod-steward init-workflow [dir] [--force]`: writes the template, never clobbers a different file silently. */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';

const TEMPLATE = new URL('../../templates/gomod-impact.yml', import.meta.url);

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), env: process.env });
  return { code, out, err };
}

describe('gomod-steward init-workflow', () => {
  it('writes .github/workflows/gomod-impact.yml, then reports it unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'impact-init-'));
    const first = await cli(['init-workflow', dir]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('gomod-impact.yml');
    expect(await readFile(join(dir, '.github/workflows/gomod-impact.yml'), 'utf8')).toBe(
      await readFile(TEMPLATE, 'utf8'),
    );
    const again = await cli(['init-workflow', dir, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual({
      path: join(dir, '.github/workflows/gomod-impact.yml'),
      outcome: 'unchanged',
    });
  });

  it('refuses to replace a different file (exit 2) unless --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'impact-init-'));
    await mkdir(join(dir, '.github/workflows'), { recursive: true });
    const path = join(dir, '.github/workflows/gomod-impact.yml');
    await writeFile(path, 'name: mine\n');
    const refused = await cli(['init-workflow', dir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('exists and differs from the template; rerun with --force');
    expect(await readFile(path, 'utf8')).toBe('name: mine\n');
    const forced = await cli(['init-workflow', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^replaced /);
    expect(await readFile(path, 'utf8')).toBe(await readFile(TEMPLATE, 'utf8'));
  });

  it('exits 2 for a directory that does not exist', async () => {
    const r = await cli(['init-workflow', join(tmpdir(), 'impact-init-no-such-dir-x9')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such directory/);
  });
});
