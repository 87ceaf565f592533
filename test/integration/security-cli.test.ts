/** `plan --json` and the plan table with a vulnerability database (GOVULNDB=file://, written by the test). */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { planSchema } from '../../src/planner/plan-schema.js';
import { COMMERCE_ADVISORIES } from '../support/commerce-advisories.js';
import { EXAMPLE_DIR } from '../support/go-cli.js';
import { writeVulnDb } from '../support/vulndb-fixture.js';

async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: () => undefined, env });
  return { code, out };
}

describe('gomod-steward plan with GOVULNDB', () => {
  it('adds vulnerabilities[] and marks security updates in --json, and lists them first in the table', async () => {
    const url = await writeVulnDb(await mkdtemp(join(tmpdir(), 'vulndb-')), COMMERCE_ADVISORIES);
    const env = { ...process.env, GOVULNDB: url };
    const json = await cli(['plan', EXAMPLE_DIR, '--json'], env);
    expect(json.code).toBe(0);
    const plan = planSchema.parse(JSON.parse(json.out));
    expect(plan.vulnerabilities?.length).toBeGreaterThan(10);
    expect(plan.vulnerabilities?.[0]).toEqual({
      id: expect.stringMatching(/^GO-2099-/),
      aliases: expect.any(Array),
      summary: expect.any(String),
      module: expect.any(String),
      dir: expect.any(String),
      version: expect.any(String),
      fixed: expect.anything(),
      kind: expect.stringMatching(/^(direct|indirect)$/),
      fixedBy: expect.stringMatching(/^(update|carried|none)$/),
      url: expect.stringMatching(/^https:\/\/vulndb\.example\//),
    });
    expect(plan.updates.find((u) => u.module === 'go.uber.org/multierr')).toMatchObject({
      indirect: true,
      security: ['GO-2099-0001'],
    });

    const table = await cli(['plan', EXAMPLE_DIR], env);
    expect(table.code).toBe(0);
    const lines = table.out.split('\n');
    const known = lines.indexOf('Known vulnerabilities');
    const direct = lines.indexOf('Direct upgrades');
    expect(known).toBeGreaterThan(0);
    expect(known).toBeLessThan(direct);
    // Security updates head the upgrades table.
    const rows = lines.slice(direct + 2, direct + 4).join('\n');
    expect(rows).toMatch(/go\.uber\.org\/multierr \(indirect\) \[security: GO-2099-0001\]/);
    expect(rows).toMatch(/go\.uber\.org\/zap \[security: GO-2099-0003\]/);
  });

  it('warns, and plans without vulnerabilities, when the database cannot be read', async () => {
    const env = { ...process.env, GOVULNDB: `file://${join(tmpdir(), 'no-such-vulndb')}` };
    const plan = planSchema.parse(JSON.parse((await cli(['plan', EXAMPLE_DIR, '--json'], env)).out));
    expect(plan.vulnerabilities).toBeUndefined();
    expect(plan.warnings.at(-1)?.message).toMatch(/^vulnerabilities not checked: /);
    expect(plan.updates.length).toBeGreaterThan(5);
  });
});
