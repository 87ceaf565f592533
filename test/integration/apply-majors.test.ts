/**
 * Applying majors that move to a new module path, held to Go, on fixtures of real modules at
 * pinned versions (test/fixtures/majors):
 *  - keeps-api: `gopkg.in/yaml.v2 → gopkg.in/yaml.v3` and `progressbar/v2 → /v3`, whose API the
 *    code uses unchanged. After apply, `go build ./...`, `go vet ./...` and `go mod tidy -diff`
 *    are clean, no import of an old path is left (the source read line by line, and
 *    `go list -deps -test`), the old requirements are gone, and gofmt finds nothing to do.
 *  - breaks: `urfave/cli/v2 → /v3`, whose v3 has no `cli.App`: the change is kept, and the
 *    result names the module with the compiler's first lines.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultConfig, type StewardConfig } from '../../src/config/schema.js';
import { createPlan } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/plan-schema.js';
import { apply, type ApplyResult } from '../../src/toolchain/apply/index.js';
import { goSourceFiles } from '../../src/toolchain/apply/go-source-files.js';
import { BROKEN_BUILD_LINES } from '../../src/toolchain/apply/broken-build.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { fsTree } from '../../src/workspace/tree.js';

const pexec = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('../fixtures/majors', import.meta.url));
const source = proxyClientFromEnv({ env: process.env });
const config: StewardConfig = { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'] };

/** What locates the toolchain, its caches and the proxy; -mod=readonly so nothing is repaired quietly. */
function judgeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const n of ['PATH', 'HOME', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOPROXY'])
    if (process.env[n] !== undefined) env[n] = process.env[n];
  return { ...env, GOWORK: 'off', GOFLAGS: '-mod=readonly -buildvcs=false', GOTOOLCHAIN: 'local' };
}

async function judge(cwd: string, args: string[]): Promise<string> {
  try {
    return (await pexec('go', args, { cwd, env: judgeEnv(), maxBuffer: 64 << 20 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string };
    throw new Error(`go ${args.join(' ')} in ${cwd}:\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

/** A copy of a fixture, and the plan's major moves for it (what the major group's apply job gets). */
async function planMajors(fixture: string): Promise<{ dir: string; plan: Plan }> {
  const dir = await mkdtemp(join(tmpdir(), `apply-majors-${fixture}-`));
  await cp(join(FIXTURES, fixture), dir, { recursive: true });
  const plan = await createPlan({ tree: fsTree(dir), root: '.', config, source });
  return { dir, plan: { ...plan, updates: plan.updates.filter((u) => u.newPath) } };
}

/** Import specs naming `old` or a package under it, read line by line from every .go file. */
async function importsOf(dir: string, old: string): Promise<string[]> {
  const esc = old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const spec = new RegExp(`^\\s*(import\\s+)?([\\w.]+\\s+)?"${esc}(/[^"]*)?"`);
  const out: string[] = [];
  for (const f of await goSourceFiles(dir, '.')) {
    for (const line of (await readFile(join(dir, f), 'utf8')).split('\n'))
      if (spec.test(line)) out.push(`${f}: ${line}`);
  }
  return out;
}

const OLD = ['gopkg.in/yaml.v2', 'github.com/schollz/progressbar/v2'];
const NEW = ['gopkg.in/yaml.v3', 'github.com/schollz/progressbar/v3'];

describe('apply of majors that keep their API', () => {
  let dir: string;
  let plan: Plan;
  let result: ApplyResult;
  beforeAll(async () => {
    ({ dir, plan } = await planMajors('keeps-api'));
    result = await apply(dir, plan, { config: { goDirective: 'keep' }, appEnv: process.env });
  }, 240_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('plans both moves and makes them, named as the plan names them', () => {
    expect(plan.updates.map((u) => [u.module, u.newPath])).toEqual(OLD.map((o, i) => [o, NEW[i]]).reverse());
    expect(result.failed).toEqual([]);
    expect(result.breaking).toBeUndefined();
    expect(result.updates.map((u) => ({ module: u.module, newPath: u.newPath, to: u.to, kind: u.kind }))).toEqual(
      plan.updates.map((u) => ({ module: u.module, newPath: u.newPath, to: u.to, kind: 'major' })),
    );
    expect(result.files).toEqual(
      expect.arrayContaining(['go.mod', 'go.sum', 'main.go', 'internal/conf/conf.go', 'internal/conf/conf_test.go']),
    );
  });

  it('builds, vets and is tidy by Go', async () => {
    await judge(dir, ['build', '-o', '/dev/null', './...']);
    await judge(dir, ['vet', './...']);
    await judge(dir, ['mod', 'tidy', '-diff']);
    const goroot = (await judge(dir, ['env', 'GOROOT'])).trim();
    expect((await pexec(join(goroot, 'bin', 'gofmt'), ['-l', '.'], { cwd: dir })).stdout).toBe('');
  });

  it('leaves no import of an old path, by the source and by go list -deps', async () => {
    for (const old of OLD) expect(await importsOf(dir, old)).toEqual([]);
    const deps = (await judge(dir, ['list', '-deps', '-test', './...'])).split('\n');
    for (const old of OLD) expect(deps.filter((p) => p === old || p.startsWith(`${old}/`))).toEqual([]);
    for (const now of NEW) expect(deps).toContain(now);
    const mod = JSON.parse(await judge(dir, ['mod', 'edit', '-json'])) as { Require: { Path: string }[] };
    const required = mod.Require.map((r) => r.Path);
    for (const old of OLD) expect(required).not.toContain(old);
    for (const now of NEW) expect(required).toContain(now);
  });

  it('keeps the alias and leaves comments and strings that name the old path', async () => {
    const conf = await readFile(join(dir, 'internal/conf/conf.go'), 'utf8');
    expect(conf).toContain('\ty "gopkg.in/yaml.v3" // the YAML codec');
    expect(conf).toContain('const Codec = "gopkg.in/yaml.v2"');
    expect(conf).toContain('Its doc names "gopkg.in/yaml.v2"');
  });
});

describe('apply of a major that breaks the build', () => {
  let dir: string;
  let result: ApplyResult;
  beforeAll(async () => {
    const planned = await planMajors('breaks');
    dir = planned.dir;
    expect(planned.plan.updates.map((u) => u.newPath)).toEqual(['github.com/urfave/cli/v3']);
    result = await apply(dir, planned.plan, { config: { goDirective: 'keep' }, appEnv: process.env });
  }, 240_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the move and reports the compiler errors Go gives', async () => {
    expect(result.failed).toEqual([]);
    expect(result.files).toEqual(expect.arrayContaining(['go.mod', 'go.sum', 'main.go']));
    expect(result.breaking).toHaveLength(1);
    const broken = result.breaking![0]!;
    expect(broken.dir).toBe('.');
    expect(broken.modules).toEqual(['github.com/urfave/cli/v3']);
    // Go's own words, at most the first lines, repository-relative.
    let goErrors = '';
    try {
      await judge(dir, ['build', '-o', '/dev/null', './...']);
    } catch (err) {
      goErrors = (err as Error).message;
    }
    expect(goErrors).toContain('undefined: cli.App');
    expect(broken.errors).toContain('undefined: cli.App');
    expect(broken.errors.split('\n').length).toBeLessThanOrEqual(BROKEN_BUILD_LINES);
    expect(broken.errors).not.toContain(dir);
    expect(await importsOf(dir, 'github.com/urfave/cli/v2')).toEqual([]);
  });
});
