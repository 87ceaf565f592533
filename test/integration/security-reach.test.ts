/**
 * Reachability from govulncheck (pinned, built from the module proxy): an advisory whose symbol
 * the code calls is `called`, one whose package it only imports is `imported`, one on a module it
 * only requires is `required`; what the security PR's summary then says.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { withReachability } from '../../src/pipeline/security-reach.js';
import type { Vulnerability } from '../../src/planner/plan-schema.js';
import { renderSecuritySummary } from '../../src/pull-request/security-summary.js';
import { scanReachability } from '../../src/toolchain/govulncheck.js';
import { resolveGoEnv } from '../../src/toolchain/index.js';
import { go } from '../support/go-cli.js';
import { pinnedGovulncheck, TOOLS_CACHE } from '../support/govulncheck-bin.js';
import { writeVulnDb } from '../support/vulndb-fixture.js';

const JWT = 'github.com/golang-jwt/jwt';
const MULTIERR = 'go.uber.org/multierr';

describe('reachability by govulncheck', () => {
  let bin: string | null;
  let dir: string;
  let db: string;
  beforeAll(async () => {
    bin = await pinnedGovulncheck();
    dir = await mkdtemp(join(tmpdir(), 'reach-'));
    await writeFile(
      join(dir, 'go.mod'),
      `module example.com/reach\n\ngo 1.22\n\nrequire (\n\t${JWT} v3.2.1+incompatible\n\t${MULTIERR} v1.10.0\n)\n`,
    );
    await writeFile(
      join(dir, 'reach.go'),
      `package reach\n\nimport "${JWT}"\n\nfunc F() { _, _ = jwt.Parse("", nil) }\n`,
    );
    // Required (tidy keeps it: tidy reads every build tag) but never built: no package in the graph.
    await writeFile(join(dir, 'never.go'), `//go:build never\n\npackage reach\n\nimport _ "${MULTIERR}"\n`);
    await go(['mod', 'tidy'], dir);
    db = await writeVulnDb(await mkdtemp(join(tmpdir(), 'vulndb-')), [
      {
        id: 'GO-2099-0301',
        module: JWT,
        events: [{ introduced: '0' }, { fixed: '3.2.2' }],
        packages: [JWT],
        symbols: ['Parse'],
      },
      {
        id: 'GO-2099-0302',
        module: JWT,
        events: [{ introduced: '0' }, { fixed: '3.2.2' }],
        packages: [JWT],
        symbols: ['NewWithClaims'],
      },
      { id: 'GO-2099-0303', module: MULTIERR, events: [{ introduced: '0' }, { fixed: '1.11.0' }] },
    ]);
  }, 400_000);

  it('tells called from imported, and leaves a module the code only requires out', async () => {
    if (!bin) return;
    const env = await resolveGoEnv({ appEnv: process.env });
    const reach = await scanReachability({ bin, dir, db, env });
    expect(Object.fromEntries(reach)).toEqual({ 'GO-2099-0301': 'called', 'GO-2099-0302': 'imported' });
  }, 300_000);

  it('marks the advisories of a security PR and says so in its summary', async () => {
    if (!bin) return;
    const vuln = (id: string, module: string, version: string, fixed: string): Vulnerability => ({
      id,
      aliases: [],
      summary: '',
      module,
      dir: '.',
      version,
      fixed,
      kind: 'direct',
      fixedBy: 'update',
    });
    const marked = await withReachability(
      dir,
      [
        vuln('GO-2099-0301', JWT, 'v3.2.1+incompatible', 'v3.2.2'),
        vuln('GO-2099-0302', JWT, 'v3.2.1+incompatible', 'v3.2.2'),
        vuln('GO-2099-0303', MULTIERR, 'v1.10.0', 'v1.11.0'),
      ],
      { appEnv: { ...process.env, GOVULNDB: db }, cacheDir: undefined },
      [],
      pino({ level: 'silent' }),
    );
    expect(marked.map((v) => v.reach)).toEqual(['called', 'imported', 'required']);
    const summary = renderSecuritySummary(marked, [], []);
    expect(summary).toMatch(/GO-2099-0301.*govulncheck: the code calls the vulnerable symbol/);
    expect(summary).toMatch(/GO-2099-0303.*govulncheck: the module is required, no vulnerable package imported/);
    expect(TOOLS_CACHE).toBeTruthy();
  }, 300_000);
});
