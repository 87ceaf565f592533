/**
 * Security updates over examples/commerce-platform with a vulnerability database the test writes
 * (real advisory shapes, synthetic ids), planned against the real module proxy:
 * - an indirect vulnerable module no planned bump carries gets an explicit bump (`indirect: true`);
 * - a module the direct bumps carry past the fix is `fixedBy: "carried"`, one a direct bump
 *   fixes is `fixedBy: "update"` and the update names the advisory;
 * - a withdrawn advisory is ignored; one with no fix is listed with `fixedBy: "none"`;
 * - an ignore rule that holds a fix back names the advisory;
 * - the security-only plan (the security PR) bumps to the lowest fixing version.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/schema.js';
import { advisoryFileUrl, createVulnDb, type VulnDbSnapshot } from '../../src/gomod/vulndb/index.js';
import { createPlan } from '../../src/planner/plan.js';
import type { Plan } from '../../src/planner/plan-schema.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { fsTree } from '../../src/workspace/tree.js';
import { EXAMPLE_DIR } from '../support/go-cli.js';
import { writeVulnDb, type FixtureAdvisory } from '../support/vulndb-fixture.js';
import { COMMERCE_ADVISORIES } from '../support/commerce-advisories.js';

const source = proxyClientFromEnv({ env: process.env });

async function snapshotOf(
  advisories: FixtureAdvisory[],
): Promise<{ snapshot: VulnDbSnapshot; advisoryUrl(id: string): string }> {
  const url = await writeVulnDb(await mkdtemp(join(tmpdir(), 'vulndb-')), advisories);
  return { snapshot: await createVulnDb({ url }).snapshot(), advisoryUrl: (id) => advisoryFileUrl(url, id) };
}

const now = new Date('2099-03-01T00:00:00Z');
const vulnsOf = (plan: Plan, id: string) => (plan.vulnerabilities ?? []).filter((v) => v.id === id);
const updateOf = (plan: Plan, module: string) => plan.updates.find((u) => u.module === module);

describe('security updates on examples/commerce-platform', () => {
  let vulnDb: Awaited<ReturnType<typeof snapshotOf>>;
  let plan: Plan;
  beforeAll(async () => {
    vulnDb = await snapshotOf(COMMERCE_ADVISORIES);
    plan = await createPlan({ tree: fsTree(EXAMPLE_DIR), root: '.', config: defaultConfig(), source, vulnDb, now });
  });

  it('bumps an indirect vulnerable module that no planned bump carries, explicitly', () => {
    const u = updateOf(plan, 'go.uber.org/multierr');
    expect(u).toMatchObject({ to: 'v1.11.0', kind: 'minor', indirect: true, security: ['GO-2099-0001'] });
    const dirs = vulnsOf(plan, 'GO-2099-0001').map((v) => v.dir);
    expect(dirs.length).toBeGreaterThanOrEqual(5);
    expect(u!.dirs.map((d) => d.dir).sort()).toEqual([...dirs].sort());
    for (const v of vulnsOf(plan, 'GO-2099-0001'))
      expect(v).toMatchObject({
        module: 'go.uber.org/multierr',
        version: 'v1.10.0',
        fixed: 'v1.11.0',
        kind: 'indirect',
        fixedBy: 'update',
        aliases: ['CVE-2099-0001'],
      });
    // The explicit bump moves those build lists: they count as affected.
    for (const d of dirs) expect(plan.affected).toContain(d);
  });

  it('reports a module the direct bumps carry past the fix as carried, with no bump of its own', () => {
    const net = vulnsOf(plan, 'GO-2099-0002');
    expect(net.map((v) => v.dir).sort()).toEqual([
      'api-contracts/order',
      'services/inventory-service',
      'services/order-service',
    ]);
    for (const v of net)
      expect(v).toMatchObject({ version: 'v0.22.0', fixed: 'v0.23.0', kind: 'indirect', fixedBy: 'carried' });
    expect(updateOf(plan, 'golang.org/x/net')).toBeUndefined();
  });

  it('marks the direct update that fixes an advisory', () => {
    const zap = updateOf(plan, 'go.uber.org/zap');
    expect(zap).toMatchObject({ to: 'v1.28.0', security: ['GO-2099-0003'] });
    expect(zap!.indirect).toBeUndefined();
    for (const v of vulnsOf(plan, 'GO-2099-0003')) expect(v).toMatchObject({ kind: 'direct', fixedBy: 'update' });
    expect(vulnsOf(plan, 'GO-2099-0003').length).toBe(6);
  });

  it('ignores withdrawn advisories and matches pseudo-versions by their base release', () => {
    expect(vulnsOf(plan, 'GO-2099-0004')).toEqual([]);
    expect(vulnsOf(plan, 'GO-2099-0006')).toEqual([]);
    const rendezvous = vulnsOf(plan, 'GO-2099-0005');
    expect(rendezvous.length).toBe(3);
    for (const v of rendezvous)
      expect(v).toMatchObject({
        version: 'v0.0.0-20200823014737-9f7001d12a5f',
        fixed: 'v0.0.0-20210101000000-aaaaaaaaaaaa',
        fixedBy: 'none',
      });
    expect(plan.skipped.filter((s) => s.module === 'github.com/dgryski/go-rendezvous')[0]).toMatchObject({
      reason: 'no-fixed-version',
      detail: expect.stringContaining('GO-2099-0005'),
    });
  });

  it('lists advisories with no fixed version instead of dropping them', () => {
    const spew = vulnsOf(plan, 'GO-2099-0007');
    expect(spew.length).toBeGreaterThanOrEqual(5);
    for (const v of spew)
      expect(v).toMatchObject({ fixed: null, fixedBy: 'none', module: 'github.com/davecgh/go-spew' });
  });

  it('names the advisory where an ignore rule holds its fix back', async () => {
    const config = { ...defaultConfig(), ignore: [{ dependency: 'go.uber.org/multierr' }] };
    const held = await createPlan({ tree: fsTree(EXAMPLE_DIR), root: '.', config, source, vulnDb, now });
    expect(updateOf(held, 'go.uber.org/multierr')).toBeUndefined();
    const skipped = held.skipped.filter((s) => s.module === 'go.uber.org/multierr');
    expect(skipped.length).toBeGreaterThanOrEqual(5);
    for (const s of skipped)
      expect(s).toMatchObject({
        reason: 'ignored',
        detail: expect.stringMatching(/^fix for GO-2099-0001 held back: v1\.11\.0 is ignored/),
      });
    for (const v of vulnsOf(held, 'GO-2099-0001')) expect(v.fixedBy).toBe('none');
  });

  it('plans only the lowest fixing versions for the security PR', async () => {
    const sec = await createPlan({
      tree: fsTree(EXAMPLE_DIR),
      root: '.',
      config: defaultConfig(),
      source,
      vulnDb,
      now,
      securityOnly: true,
    });
    expect(sec.updates.map((u) => `${u.module}@${u.to}${u.indirect ? ' indirect' : ''}`)).toEqual([
      'go.uber.org/multierr@v1.11.0 indirect',
      'go.uber.org/zap@v1.27.1',
      'golang.org/x/net@v0.23.0 indirect',
    ]);
    expect(sec.updates.every((u) => u.security?.length)).toBe(true);
    // x/net is not carried here: nothing else moves, so it needs a bump of its own.
    expect(vulnsOf(sec, 'GO-2099-0002').every((v) => v.fixedBy === 'update')).toBe(true);
  });
});
