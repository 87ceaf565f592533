/**
 * `gomod-steward check`: every rule on a fixture that triggers it and one that does not. tidy and
 * go-sum run Go on a copy of examples/commerce-platform and are compared with Go's own verdict;
 * retracted and deprecated are held to `go list -m -u -json` on a local file proxy; vulnerable reads
 * a vulnerability database the test writes (real OSV shape, synthetic ids).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { defaultConfig, type StewardConfig } from '../../src/config/defaults.js';
import type { GovernanceLevel, GovernanceRule } from '../../src/config/governance.js';
import { runCheck } from '../../src/governance/check.js';
import { createVulnDb, type VulnDbSnapshot } from '../../src/gomod/vulndb/index.js';
import type { CheckReport } from '../../src/governance/finding.js';
import { resolveGoEnv } from '../../src/toolchain/go-env.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { writeFileProxy } from '../oracles/file-proxy.js';
import { copyExample, downloadWorkspaceModules, EXAMPLE_DIR, go } from '../support/go-cli.js';
import { writeVulnDb, type FixtureAdvisory } from '../support/vulndb-fixture.js';

const OFF_GO: Partial<Record<GovernanceRule, GovernanceLevel>> = { tidy: 'off', 'go-sum': 'off' };

function config(levels: Partial<Record<GovernanceRule, GovernanceLevel>> = {}, window = 1): StewardConfig {
  const c = defaultConfig();
  return {
    ...c,
    governance: { ...c.governance, levels: { ...c.governance.levels, ...levels }, goDirectiveWindow: window },
  };
}

async function vulnDb(advisories: FixtureAdvisory[]): Promise<VulnDbSnapshot> {
  const url = await writeVulnDb(await mkdtemp(join(tmpdir(), 'gomod-steward-governance-vulndb-')), advisories);
  return createVulnDb({ url }).snapshot();
}

async function check(
  root: string,
  cfg: StewardConfig,
  env: NodeJS.ProcessEnv = process.env,
  advisories: FixtureAdvisory[] = [],
): Promise<CheckReport> {
  return runCheck({
    root,
    config: cfg,
    source: proxyClientFromEnv({ env, cacheDir: false }),
    goEnv: () => resolveGoEnv({ appEnv: env }),
    vulnDb: () => vulnDb(advisories),
    now: Date.parse('2026-12-01T00:00:00Z'),
  });
}

const rules = (r: CheckReport, rule: string) => r.findings.filter((f) => f.rule === rule);

describe('check on the example workspace', () => {
  let clean: CheckReport;
  beforeAll(async () => {
    await downloadWorkspaceModules();
    clean = await check(await copyExample(), config());
  }, 600_000);

  it('finds nothing for tidy, go-sum, replaces, coverage, retracted or deprecated on a clean workspace', () => {
    for (const rule of [
      'tidy',
      'go-sum',
      'replace-local-outside-workspace',
      'replace-remote',
      'workspace-coverage',
      'retracted',
      'deprecated',
      'vulnerable',
    ])
      expect(rules(clean, rule)).toEqual([]);
  });

  it('vulnerable: a module of the build list inside an advisory’s range, not one at its fix', async () => {
    const report = await check(EXAMPLE_DIR, config(OFF_GO), process.env, [
      // Every module of the example selects go.uber.org/multierr v1.10.0 (indirectly).
      { id: 'GO-2099-0101', module: 'go.uber.org/multierr', events: [{ introduced: '0' }, { fixed: '1.11.0' }] },
      // Fixed at the very version selected: not vulnerable.
      { id: 'GO-2099-0102', module: 'go.uber.org/multierr', events: [{ introduced: '0' }, { fixed: '1.10.0' }] },
    ]);
    const found = rules(report, 'vulnerable');
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const f of found) {
      expect(f.severity).toBe('error');
      expect(f.message).toMatch(/^GO-2099-0101: go\.uber\.org\/multierr@v1\.10\.0 is vulnerable .*fixed in v1\.11\.0$/);
      expect(f.fix).toBe('go get go.uber.org/multierr@v1.11.0 (the lowest version that fixes GO-2099-0101)');
      expect(f.file).toBe(`${f.dir === '.' ? '' : `${f.dir}/`}go.mod`);
    }
    // Where go.mod names the module, the finding is on that requirement's line.
    for (const f of found) {
      const lines = (await readFile(join(EXAMPLE_DIR, f.file), 'utf8')).split('\n');
      const at = lines.findIndex((l) => l.trim().startsWith('go.uber.org/multierr ')) + 1;
      if (at > 0) expect(f.line).toBe(at);
    }
  }, 600_000);

  it('tidy: a requirement nothing imports, as go mod tidy -diff says', async () => {
    const root = await copyExample();
    const gomod = join(root, 'services/order-service/go.mod');
    await writeFile(gomod, (await readFile(gomod, 'utf8')) + '\nrequire github.com/stretchr/testify v1.9.0\n');
    const goSays = await go(['mod', 'tidy', '-diff'], join(root, 'services/order-service')).then(
      () => 'tidy',
      () => 'not tidy',
    );
    expect(goSays).toBe('not tidy');
    const found = rules(await check(root, config()), 'tidy');
    expect(found.map((f) => [f.dir, f.severity])).toEqual([['services/order-service', 'error']]);
    expect(found[0]!.message).toContain('go mod tidy would change this module');
    // The CLI: an error finding exits 1, with the report's JSON shape.
    let out = '';
    const emptyDb = await writeVulnDb(await mkdtemp(join(tmpdir(), 'gomod-steward-governance-vulndb-')), []);
    const code = await runCli(['check', root, '--json'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      env: { ...process.env, GOVULNDB: emptyDb },
    });
    expect(code).toBe(1);
    const json = JSON.parse(out) as CheckReport;
    expect(json.version).toBe(1);
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({ rule: 'tidy', severity: 'error', file: 'services/order-service/go.mod' }),
    ]);
  }, 600_000);

  it('go-sum: a go.sum that lacks an entry the build needs, as go list says', async () => {
    const root = await copyExample();
    const sum = join(root, 'services/payment-service/go.sum');
    const lines = (await readFile(sum, 'utf8')).split('\n');
    await writeFile(sum, lines.filter((l) => !l.startsWith('github.com/go-chi/chi/v5 ')).join('\n'));
    const report = await check(root, config({ tidy: 'off' }));
    const found = rules(report, 'go-sum');
    expect(found.map((f) => [f.file, f.severity])).toEqual([['services/payment-service/go.sum', 'error']]);
    expect(found[0]!.message).toMatch(/missing go\.sum entry/);
  }, 600_000);

  it('replace-local-outside-workspace, workspace-coverage and replace-remote, each at its line', async () => {
    const root = await copyExample();
    await mkdir(join(root, 'tools/gen'), { recursive: true });
    await writeFile(join(root, 'tools/gen/go.mod'), 'module example.com/tools/gen\n\ngo 1.23\n');
    const gomod = join(root, 'services/inventory-service/go.mod');
    const before = (await readFile(gomod, 'utf8')).split('\n').length;
    await writeFile(
      gomod,
      (await readFile(gomod, 'utf8')) +
        'replace example.com/tools/gen => ../../tools/gen\n' +
        'replace github.com/google/uuid => github.com/google/uuid v1.5.0\n',
    );
    const report = await check(root, config(OFF_GO));
    expect(rules(report, 'replace-local-outside-workspace').map((f) => [f.file, f.line, f.severity])).toEqual([
      ['services/inventory-service/go.mod', before, 'warning'],
    ]);
    expect(rules(report, 'workspace-coverage').map((f) => [f.dir, f.fix])).toEqual([
      ['tools/gen', 'go work use ./tools/gen'],
    ]);
    const remote = rules(report, 'replace-remote');
    expect(remote.map((f) => [f.line, f.severity])).toEqual([[before + 1, 'notice']]);
    expect(remote[0]!.message).toMatch(/pinned at v1\.5\.0, published \d+ days ago/);
    // Used by go.work, the same local replace is fine.
    await writeFile(join(root, 'go.work'), (await readFile(join(root, 'go.work'), 'utf8')) + '\nuse ./tools/gen\n');
    const fixed = await check(root, config(OFF_GO));
    expect(rules(fixed, 'replace-local-outside-workspace')).toEqual([]);
    expect(rules(fixed, 'workspace-coverage')).toEqual([]);
  }, 600_000);

  it('go-directive-drift: go lines further apart than the window, not within it', async () => {
    const drift = rules(clean, 'go-directive-drift');
    expect(drift.map((f) => f.dir)).toEqual(['libs/xconfig']);
    const wide = await check(await copyExample(), config(OFF_GO, 10));
    expect(rules(wide, 'go-directive-drift')).toEqual([]);
  }, 600_000);

  it('dependency-drift: one dependency selected at two versions across the services', () => {
    const drift = rules(clean, 'dependency-drift');
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((f) => f.severity === 'notice')).toBe(true);
  });
});

describe('check against a local module proxy', () => {
  let proxy: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'gomod-steward-governance-proxy-'));
    proxy = await writeFileProxy(
      join(root, 'proxy'),
      [
        { path: 'example.com/lib', version: 'v1.0.0', goMod: 'module example.com/lib\n\ngo 1.21\n' },
        { path: 'example.com/lib', version: 'v1.1.0', goMod: 'module example.com/lib\n\ngo 1.21\n' },
        {
          path: 'example.com/lib',
          version: 'v1.2.0',
          goMod: 'module example.com/lib\n\ngo 1.21\n\nretract v1.1.0 // loses data on restart\n',
        },
        { path: 'example.com/old', version: 'v1.0.0', goMod: 'module example.com/old\n\ngo 1.21\n' },
        {
          path: 'example.com/old',
          version: 'v1.1.0',
          goMod: '// Deprecated: use example.com/new instead.\nmodule example.com/old\n\ngo 1.21\n',
        },
      ],
      { 'example.com/lib': 'v1.2.0', 'example.com/old': 'v1.1.0' },
    );
    env = { ...process.env, GOPROXY: proxy, GONOSUMDB: '*', GONOSUMCHECK: '1', GOSUMDB: 'off', GOFLAGS: '-mod=mod' };
  });

  async function workspace(requires: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-governance-'));
    await writeFile(join(dir, 'go.mod'), `module example.com/app\n\ngo 1.23\n\n${requires}`);
    return dir;
  }

  it('retracted and deprecated requirements, as go list -m -u -json reports them', async () => {
    const dir = await workspace('require (\n\texample.com/lib v1.1.0\n\texample.com/old v1.0.0\n)\n');
    const fromGo = (
      await go(['list', '-m', '-u', '-json', 'example.com/lib', 'example.com/old'], dir, {
        GOPROXY: proxy,
        GOSUMDB: 'off',
      })
    )
      .split(/\n}\n/)
      .filter((s) => s.trim())
      .map(
        (s) =>
          JSON.parse(s.endsWith('}') ? s : `${s}\n}`) as { Path: string; Retracted?: string[]; Deprecated?: string },
      );
    expect(fromGo.find((m) => m.Path === 'example.com/lib')?.Retracted).toEqual(['loses data on restart']);
    expect(fromGo.find((m) => m.Path === 'example.com/old')?.Deprecated).toBe('use example.com/new instead.');

    const report = await check(dir, config(OFF_GO), env);
    expect(rules(report, 'retracted').map((f) => [f.line, f.message, f.fix])).toEqual([
      [6, 'example.com/lib@v1.1.0 is retracted by its author: loses data on restart', 'go get example.com/lib@v1.2.0'],
    ]);
    expect(rules(report, 'deprecated').map((f) => [f.line, f.message])).toEqual([
      [7, 'example.com/old is deprecated: use example.com/new instead.'],
    ]);
  });

  it('vulnerable: a database that cannot be read is a warning saying so, not a failed check', async () => {
    const dir = await workspace('require example.com/lib v1.2.0\n');
    const report = await runCheck({
      root: dir,
      config: config(OFF_GO),
      source: proxyClientFromEnv({ env, cacheDir: false }),
      vulnDb: () => Promise.reject(new Error('GOVULNDB unreachable')),
    });
    expect(report.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['vulnerable', 'warning', 'the vulnerable check could not run: GOVULNDB unreachable'],
    ]);
  });

  it('no finding for a current, undeprecated requirement', async () => {
    const dir = await workspace('require example.com/lib v1.2.0\n');
    const report = await check(dir, config(OFF_GO), env);
    expect(report.findings).toEqual([]);
  });
});
