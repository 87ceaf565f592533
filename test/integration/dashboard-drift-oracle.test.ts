/**
 * The dashboard's version drift for examples/commerce-platform against Go itself: in every module
 * (GOWORK=off) `go list -m all` names the selected versions and `go mod edit -json` the go and
 * toolchain lines; the drift rows are the dependencies selected at more than one version. The
 * CLI's Markdown must show exactly those rows.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli.js';
import { dashboardDir } from '../../src/cli/dashboard-command.js';
import { parseGoWork } from '../../src/gomod/modfile/index.js';
import { runGo } from '../oracles/go-command.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The proxy client's cache beside the other oracle tests' (immutable answers only).
const env = { ...process.env, GOMODSTEWARD_CACHE: join(tmpdir(), 'gomod-steward-oracle-proxy-cache') };

let work: string;
let copy: string;
let dirs: string[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'dashboard-drift-'));
  // A copy: with -mod=mod the go command may tidy go.sum, and the example is not ours to touch.
  copy = join(work, 'commerce-platform');
  await cp(join(repoRoot, 'examples', 'commerce-platform'), copy, { recursive: true });
  const goWork = parseGoWork(join(copy, 'go.work'), await readFile(join(copy, 'go.work'), 'utf8'));
  dirs = goWork.use.map((u) => u.diskPath.replace(/^\.\//, ''));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

interface GoModJson {
  Module: { Path: string };
  Go?: string;
  Toolchain?: string;
}

describe('version drift of examples/commerce-platform', () => {
  it('equals what go list -m all says in each module', async () => {
    const own = new Set<string>();
    const lines: { dir: string; go: string | null; toolchain: string | null }[] = [];
    const selected = new Map<string, Map<string, string>>();
    for (const dir of dirs) {
      const mod = JSON.parse(await runGo(['mod', 'edit', '-json'], join(copy, dir))) as GoModJson;
      own.add(mod.Module.Path);
      lines.push({ dir, go: mod.Go ?? null, toolchain: mod.Toolchain ?? null });
      const out = await runGo(['list', '-m', '-f', '{{.Path}} {{.Version}}', 'all'], join(copy, dir));
      const m = new Map<string, string>();
      for (const line of out.split('\n').slice(1).filter(Boolean)) {
        const [path = '', version = ''] = line.trim().split(' ');
        m.set(path, version);
      }
      selected.set(dir, m);
    }
    // Go's answer: every dependency (the repository's own modules aside) at two or more versions.
    const all = new Set([...selected.values()].flatMap((m) => [...m.keys()]));
    const expected = [...all]
      .filter((p) => !own.has(p))
      .sort()
      .map((module) => ({ module, versions: dirs.map((d) => selected.get(d)!.get(module) ?? null) }))
      .filter((r) => new Set(r.versions.filter(Boolean)).size > 1);
    expect(expected.length).toBeGreaterThan(0);

    const report = await dashboardDir(copy, undefined, env);
    expect(report.drift.dirs).toEqual(dirs);
    expect(report.drift.rows.map(({ module, versions }) => ({ module, versions }))).toEqual(expected);
    expect(report.drift.lines.map(({ dir, go, toolchain }) => ({ dir, go, toolchain }))).toEqual(lines);

    let stdout = '';
    const code = await runCli(['dashboard', copy], { stdout: (s) => (stdout += s), stderr: () => undefined, env });
    expect(code).toBe(0);
    const tableRows = stdout.split('\n').filter((l) => /^\| `[^`]+` \| v/.test(l));
    expect(tableRows).toEqual(
      expected.map((r) => `| \`${r.module}\` | ${r.versions.map((v) => v ?? '—').join(' | ')} |`),
    );
  });
});
