/**
 * The vulnerability matching held to govulncheck itself (golang.org/x/vuln/cmd/govulncheck, built
 * from the module proxy at a pinned version into a cache dir reused across runs), over the same
 * `file://` database: for every module govulncheck loads in a module dir (`-scan package ./...`: those that provide a
 * package), the advisories it finds are the ones the plan reports for that dir and module — on
 * examples/commerce-platform (pseudo-versions, withdrawn, no-fix) and on a module that requires
 * a `+incompatible` version. Where govulncheck cannot be built, the test says so and stops.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultConfig } from '../../src/config/schema.js';
import { advisoryFileUrl, createVulnDb } from '../../src/gomod/vulndb/index.js';
import { createPlan } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/plan-schema.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { splitJsonStream } from '../../src/toolchain/apply/json-stream.js';
import { fsTree } from '../../src/workspace/tree.js';
import { COMMERCE_ADVISORIES } from '../support/commerce-advisories.js';
import { copyExample, exampleModuleDirs } from '../support/go-cli.js';
import { writeVulnDb, type FixtureAdvisory } from '../support/vulndb-fixture.js';
import { pinnedGovulncheck } from '../support/govulncheck-bin.js';

const pexec = promisify(execFile);
const source = proxyClientFromEnv({ env: process.env });

interface Scan {
  /** Modules govulncheck scanned (main module and stdlib left out). */
  modules: string[];
  /** module → advisory ids it found. */
  found: Map<string, Set<string>>;
}

async function govulncheck(bin: string, dir: string, db: string): Promise<Scan> {
  const { stdout } = await pexec(bin, ['-scan', 'package', '-db', db, '-format', 'json', './...'], {
    cwd: dir,
    env: { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
    maxBuffer: 64 << 20,
  });
  const messages = splitJsonStream(stdout) as {
    SBOM?: { modules: { path: string; version?: string }[]; roots: string[] };
    finding?: { osv: string; trace: { module: string }[] };
  }[];
  const sbom = messages.find((m) => m.SBOM)!.SBOM!;
  const found = new Map<string, Set<string>>();
  for (const m of messages) {
    const f = m.finding;
    if (!f?.trace[0]) continue;
    const mod = f.trace[0].module;
    found.set(mod, (found.get(mod) ?? new Set()).add(f.osv));
  }
  return { modules: sbom.modules.filter((m) => m.version && m.path !== 'stdlib').map((m) => m.path), found };
}

function ours(plan: Plan, dir: string, module: string): string[] {
  return (plan.vulnerabilities ?? [])
    .filter((v) => v.dir === dir && v.module === module)
    .map((v) => v.id)
    .sort();
}

async function planWith(root: string, advisories: FixtureAdvisory[]): Promise<{ plan: Plan; db: string }> {
  const db = await writeVulnDb(await mkdtemp(join(tmpdir(), 'vulndb-')), advisories);
  const snapshot = await createVulnDb({ url: db }).snapshot();
  const vulnDb = { snapshot, advisoryUrl: (id: string) => advisoryFileUrl(db, id) };
  return { plan: await createPlan({ tree: fsTree(root), root: '.', config: defaultConfig(), source, vulnDb }), db };
}

describe('vulnerability matching against govulncheck', () => {
  let bin: string | null;
  beforeAll(async () => {
    bin = await pinnedGovulncheck();
  }, 400_000);

  it('finds what govulncheck finds in every module of examples/commerce-platform', async () => {
    if (!bin) return;
    // A copy: go may write go.sum lines while govulncheck loads packages.
    const root = await copyExample();
    const { plan, db } = await planWith(root, COMMERCE_ADVISORIES);
    let compared = 0;
    let findings = 0;
    const seen = new Set<string>();
    for (const dir of await exampleModuleDirs(root)) {
      const scan = await govulncheck(bin, join(root, dir), db);
      for (const module of scan.modules) {
        const theirs = [...(scan.found.get(module) ?? [])].sort();
        expect({ dir, module, ids: ours(plan, dir, module) }).toEqual({ dir, module, ids: theirs });
        compared++;
        findings += theirs.length;
        for (const id of theirs) seen.add(id);
      }
    }
    expect(compared).toBeGreaterThan(10);
    expect(findings).toBeGreaterThan(3);
    // The pseudo-version inside a range is found, the withdrawn advisory and the range it is past are not.
    expect([...seen].sort()).toEqual(['GO-2099-0001', 'GO-2099-0002', 'GO-2099-0003', 'GO-2099-0005']);
  }, 300_000);

  it('matches +incompatible versions as govulncheck does', async () => {
    if (!bin) return;
    const dir = await mkdtemp(join(tmpdir(), 'incompatible-'));
    await writeFile(
      join(dir, 'go.mod'),
      'module example.com/m\n\ngo 1.22\n\nrequire github.com/golang-jwt/jwt v3.2.1+incompatible\n',
    );
    await writeFile(join(dir, 'm.go'), 'package m\n\nimport _ "github.com/golang-jwt/jwt"\n');
    const jwt = 'github.com/golang-jwt/jwt';
    const { plan, db } = await planWith(dir, [
      { id: 'GO-2099-0101', module: jwt, events: [{ introduced: '0' }, { fixed: '3.2.2' }] },
      { id: 'GO-2099-0102', module: jwt, events: [{ introduced: '0' }, { fixed: '3.2.1+incompatible' }] },
      { id: 'GO-2099-0103', module: jwt, events: [{ introduced: '3.2.1' }, { fixed: '3.2.2+incompatible' }] },
      { id: 'GO-2099-0104', module: jwt, events: [{ introduced: '3.3.0' }] },
    ]);
    const scan = await govulncheck(bin, dir, db);
    expect(ours(plan, '.', jwt)).toEqual([...(scan.found.get(jwt) ?? [])].sort());
    expect(ours(plan, '.', jwt)).toEqual(['GO-2099-0101', 'GO-2099-0103']);
    expect(plan.updates).toEqual([
      expect.objectContaining({ module: jwt, to: 'v3.2.2+incompatible', security: ['GO-2099-0101', 'GO-2099-0103'] }),
    ]);
  }, 300_000);
});
