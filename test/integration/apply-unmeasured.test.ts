/**
 * Fail-safe impact on a copy of examples/commerce-platform: services/payment-service's go.sum
 * lacks the go.mod line of one of its dependencies, so Go cannot list its build list before
 * apply (`go list -m all` refuses under -mod=readonly). apply repairs the file on the way (go
 * get and tidy write go.sum), but it cannot say what moved in that module, so the module must be
 * counted as affected — a measurement that fails widens the impact set, never shrinks it — and
 * one warning must say which module and why.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/schema.js';
import { createPlan } from '../../src/planner/plan.js';
import { apply, type ApplyResult } from '../../src/toolchain/apply/index.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { fsTree } from '../../src/workspace/tree.js';
import { copyExample, go } from '../support/go-cli.js';

const BROKEN = 'services/payment-service';
const DEPENDENCY = 'github.com/go-chi/chi/v5';

let copy: string;
let listBefore: string;
let result: ApplyResult;

beforeAll(async () => {
  copy = await copyExample();
  const config = defaultConfig();
  const plan = await createPlan({
    tree: fsTree(copy),
    root: '.',
    config,
    source: proxyClientFromEnv({ env: process.env }),
  });
  const sum = join(copy, BROKEN, 'go.sum');
  const lines = (await readFile(sum, 'utf8')).split('\n');
  const kept = lines.filter((l) => !(l.startsWith(`${DEPENDENCY} `) && l.includes('/go.mod h1:')));
  expect(kept.length).toBe(lines.length - 1);
  await writeFile(sum, kept.join('\n'));
  listBefore = await go(['list', '-m', 'all'], join(copy, BROKEN), { GOFLAGS: '-mod=readonly' }).then(
    () => 'listed',
    (err: { stderr?: string }) => err.stderr ?? 'failed',
  );
  result = await apply(copy, plan, { config, appEnv: process.env });
}, 300_000);

afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

describe('apply when a module cannot be measured before apply', () => {
  it('starts from a module whose build list Go refuses to list (missing go.sum entry)', () => {
    expect(listBefore).toMatch(/missing go\.sum entry/);
  });

  it('applies the module anyway: go get and tidy repair its go.sum', () => {
    expect(result.failed).toEqual([]);
    expect(result.updates.some((u) => u.dirs.some((d) => d.dir === BROKEN))).toBe(true);
    expect(result.files).toContain(`${BROKEN}/go.sum`);
  });

  it('counts the module it could not measure as affected', () => {
    expect(result.affected).toContain(BROKEN);
    // The modules it could measure are still judged by what moved.
    expect(result.affected).toContain('services/order-service');
  });

  it('says once, for that module, why', () => {
    const about = result.warnings.filter((w) => w.dir === BROKEN && /build list/.test(w.message));
    expect(about).toHaveLength(1);
    expect(about[0]?.message).toMatch(/^cannot measure the build list before apply: .*missing go\.sum entry/s);
    expect(about[0]?.message).toMatch(/counted as affected$/);
    expect(about[0]?.message).toContain(DEPENDENCY);
  });

  it('keeps carried changes to the modules it measured', () => {
    expect(result.carried.some((c) => c.dir === BROKEN)).toBe(false);
    expect(result.carried.length).toBeGreaterThan(0);
  });
});
