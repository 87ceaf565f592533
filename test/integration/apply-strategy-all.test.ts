/**
 * `strategy: all` (like `go get -u`): indirect requirements are upgraded too. On a copy of
 * libs/observability as a repository of its own, every planned upgrade, indirect ones included,
 * ends up in go.mod with its `// indirect` marking as tidy wants it, and the module stays tidy,
 * buildable and on its go line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultConfig, type StewardConfig } from '../../src/config/schema.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { createPlan } from '../../src/planner/plan.js';
import { fsTree } from '../../src/workspace/tree.js';
import { apply, type ApplyResult } from '../../src/toolchain/apply/index.js';
import { EXAMPLE_DIR, go } from '../support/go-cli.js';
import { tempDir } from './apply-fixtures.js';

interface ModJson {
  Go?: string;
  Toolchain?: string;
  Require?: { Path: string; Version: string; Indirect?: boolean }[];
}

let repo: string;
let original: ModJson;
let result: ApplyResult;

beforeAll(async () => {
  repo = await tempDir('apply-all');
  await cp(join(EXAMPLE_DIR, 'libs/observability'), repo, { recursive: true });
  original = JSON.parse(await go(['mod', 'edit', '-json'], repo)) as ModJson;
  const config: StewardConfig = { ...defaultConfig(), strategy: 'all' };
  const plan = await createPlan({
    tree: fsTree(repo),
    root: '.',
    config,
    source: proxyClientFromEnv({ env: process.env }),
  });
  result = await apply(repo, plan, { config, appEnv: process.env });
}, 120_000);

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('apply with strategy: all', () => {
  it('upgrades indirect requirements as well as direct ones', () => {
    const indirect = new Set((original.Require ?? []).filter((r) => r.Indirect).map((r) => r.Path));
    expect(result.failed).toEqual([]);
    expect(result.updates.some((u) => indirect.has(u.module))).toBe(true);
    expect(result.updates.some((u) => !indirect.has(u.module))).toBe(true);
  });

  it("writes every upgrade into go.mod, keeping each requirement's indirect marking", async () => {
    const now = JSON.parse(await go(['mod', 'edit', '-json'], repo)) as ModJson;
    const req = new Map((now.Require ?? []).map((r) => [r.Path, r]));
    for (const u of result.updates) {
      const was = original.Require?.find((r) => r.Path === u.module);
      expect({
        module: u.module,
        version: req.get(u.module)?.Version,
        indirect: req.get(u.module)?.Indirect ?? false,
      }).toEqual({
        module: u.module,
        version: u.to,
        indirect: was?.Indirect ?? false,
      });
    }
    expect({ go: now.Go, toolchain: now.Toolchain }).toEqual({ go: original.Go, toolchain: original.Toolchain });
  });

  it('leaves the module tidy and building', async () => {
    expect(await go(['mod', 'tidy', '-diff'], repo)).toBe('');
    await go(['build', './...'], repo, { GOFLAGS: '-mod=readonly' });
    expect(result.files).toEqual(['go.mod', 'go.sum']);
  });
});
