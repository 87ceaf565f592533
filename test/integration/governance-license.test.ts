/**
 * The `license` rule on real modules at pinned versions, downloaded by the go command and read by
 * Google's licensecheck (built from the module proxy): xxhash is MIT, logr Apache-2.0, uuid
 * BSD-3-Clause. Held to an allow list; with a base only modules added since are checked; a module
 * whose LICENSE matches no known license (a local file proxy's) is a warning naming the file.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, type StewardConfig } from '../../src/config/defaults.js';
import { runCheck } from '../../src/governance/check.js';
import type { CheckReport } from '../../src/governance/finding.js';
import { resolveGoEnv } from '../../src/toolchain/go-env.js';
import { locateLicenseScanner, moduleLicenses } from '../../src/toolchain/license-scan.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { memoryTree } from '../../src/workspace/tree.js';
import { writeFileProxy } from '../oracles/file-proxy.js';
import { runCli } from '../../src/cli.js';
import { writeVulnDb } from '../support/vulndb-fixture.js';

const MIT = 'github.com/cespare/xxhash/v2 v2.3.0';
const APACHE = 'github.com/go-logr/logr v1.4.2';
const BSD3 = 'github.com/google/uuid v1.6.0';

/** The CLI's own default, kept across runs: the scanner is built once. */
const TOOLS = join(tmpdir(), 'gomod-steward-tools');

function config(allow: string[] | null, level: 'warning' | 'error' = 'error'): StewardConfig {
  const c = defaultConfig();
  const off = Object.fromEntries(Object.keys(c.governance.levels).map((r) => [r, 'off'])) as typeof c.governance.levels;
  return { ...c, governance: { ...c.governance, levels: { ...off, license: level }, licenseAllow: allow } };
}

const goMod = (requires: string[]) =>
  `module example.com/app\n\ngo 1.22\n\nrequire (\n${requires.map((r) => `\t${r}\n`).join('')})\n`;

async function check(
  files: Record<string, string>,
  cfg: StewardConfig,
  o: { base?: Record<string, string>; env?: NodeJS.ProcessEnv } = {},
): Promise<CheckReport> {
  const env = o.env ?? process.env;
  return runCheck({
    tree: memoryTree(files),
    config: cfg,
    source: proxyClientFromEnv({ env, cacheDir: false }),
    goEnv: () => resolveGoEnv({ appEnv: env }),
    toolCache: TOOLS,
    ...(o.base ? { base: memoryTree(o.base) } : {}),
  });
}

describe('license of newly added modules', () => {
  beforeAll(async () => {
    // Builds the scanner once (kept across runs in TOOLS).
    await locateLicenseScanner({ env: await resolveGoEnv({ appEnv: process.env }), cacheRoot: TOOLS });
  }, 300_000);

  it('identifies MIT, Apache-2.0 and BSD-3-Clause from the zips’ LICENSE files', async () => {
    const env = await resolveGoEnv({ appEnv: process.env });
    const found = await moduleLicenses(
      [MIT, APACHE, BSD3].map((r) => ({ path: r.split(' ')[0]!, version: r.split(' ')[1]! })),
      { env, cacheRoot: TOOLS },
    );
    expect(found.map((l) => [l.path, l.files.map((f) => [f.file, f.ids])])).toEqual([
      ['github.com/cespare/xxhash/v2', [['LICENSE.txt', ['MIT']]]],
      ['github.com/go-logr/logr', [['LICENSE', ['Apache-2.0']]]],
      ['github.com/google/uuid', [['LICENSE', ['BSD-3-Clause']]]],
    ]);
    for (const l of found) expect(l.files[0]!.percent).toBeGreaterThanOrEqual(75);
  }, 300_000);

  it('a license outside the allow list is a finding at its requirement, at the rule’s level', async () => {
    const text = goMod([MIT, APACHE, BSD3]);
    const report = await check({ 'go.mod': text }, config(['MIT', 'Apache-2.0']));
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([
      ['license', 'error', 'go.mod', text.split('\n').findIndex((l) => l.includes('google/uuid')) + 1],
    ]);
    expect(report.findings[0]!.message).toBe(
      'github.com/google/uuid@v1.6.0 is licensed BSD-3-Clause (LICENSE); BSD-3-Clause is not in governance.license.allow',
    );
  }, 300_000);

  it('no finding when every license is allowed, or when the base already had the module', async () => {
    const text = goMod([MIT, APACHE, BSD3]);
    expect((await check({ 'go.mod': text }, config(['MIT', 'Apache-2.0', 'BSD-3-Clause']))).findings).toEqual([]);
    // With a base that required uuid already, only xxhash and logr are new: both allowed.
    const base = { 'go.mod': goMod([BSD3]) };
    expect((await check({ 'go.mod': text }, config(['MIT', 'Apache-2.0']), { base })).findings).toEqual([]);
  }, 300_000);

  it('a LICENSE that matches no known license is a warning naming the file, even at level error', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gomod-steward-license-proxy-'));
    const proxy = await writeFileProxy(
      join(root, 'proxy'),
      [
        {
          path: 'example.com/closed',
          version: 'v1.0.0',
          goMod: 'module example.com/closed\n\ngo 1.21\n',
          files: {
            LICENSE:
              'Copyright 2026 Example Corp. All rights reserved.\nNo permission is granted to anyone for anything.\n',
            'closed.go': 'package closed\n',
          },
        },
      ],
      { 'example.com/closed': 'v1.0.0' },
    );
    const env = { ...process.env, GOPROXY: proxy, GONOSUMDB: 'example.com', GOSUMDB: 'off', GOFLAGS: '-mod=mod' };
    await writeFile(join(root, 'unused'), '');
    const report = await check({ 'go.mod': goMod(['example.com/closed v1.0.0']) }, config(['MIT']), { env });
    expect(report.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['license', 'warning', 6]]);
    expect(report.findings[0]!.message).toMatch(
      /^example\.com\/closed@v1\.0\.0: the license is unknown: LICENSE matches no known license/,
    );
  }, 300_000);

  it('the CLI with --base GIT-REF checks only the modules added since that commit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-license-cli-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    git('init', '-q');
    await writeFile(join(dir, 'go.mod'), goMod([BSD3]));
    git('add', '.');
    git('commit', '-qm', 'base');
    const text = goMod([MIT, APACHE, BSD3]);
    await writeFile(join(dir, 'go.mod'), text);
    const rules = ['tidy', 'go-sum', 'replace-local-outside-workspace', 'replace-remote', 'workspace-coverage'];
    const more = ['go-directive-drift', 'dependency-drift', 'retracted', 'deprecated', 'vulnerable'];
    const cfg = join(dir, 'steward.yml');
    await writeFile(
      cfg,
      `governance:\n${[...rules, ...more].map((r) => `  ${r}: off\n`).join('')}  license:\n    allow: [MIT]\n`,
    );
    const env = { ...process.env, GOVULNDB: await writeVulnDb(await mkdtemp(join(tmpdir(), 'vulndb-')), []) };
    let out = '';
    const code = await runCli(['check', dir, '--json', '--config', cfg, '--base', 'HEAD'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      env,
    });
    const report = JSON.parse(out) as CheckReport;
    // uuid (BSD-3-Clause) was there at the base; logr is new and Apache-2.0 is not allowed.
    expect(report.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['license', 'error', text.split('\n').findIndex((l) => l.includes('go-logr')) + 1],
    ]);
    expect(code).toBe(1);
    let err = '';
    const bad = await runCli(['check', dir, '--base', 'no-such-ref'], {
      stdout: () => undefined,
      stderr: (t) => (err += t),
      env,
    });
    expect([bad, err]).toEqual([2, expect.stringContaining('--base no-such-ref: not a commit')]);
  }, 300_000);
});
