/**
 * Security updates, end to end: the app as production runs it (its own process, a real Redis, the
 * real Go toolchain and module proxy) against the GitHub stand-in, reading a vulnerability
 * database the test writes (`file://` GOVULNDB; real advisory shapes, synthetic ids).
 * - a daily check with nothing vulnerable opens nothing;
 * - an advisory added between two daily checks opens one security PR on the next check, without
 *   waiting for the schedule: branch gomod-steward/main/security, label security, the summary
 *   first with each advisory's id, aliases and link, an indirect module bumped explicitly;
 *   and each advisory's reachability by govulncheck (called / imported / required);
 * - a second check changes nothing;
 * - the twice-monthly run afterwards does not propose the same bumps again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMeta } from '../../src/pull-request/meta.js';
import { readSection } from '../../src/pull-request/sections.js';
import { writeTree } from '../integration/apply-fixtures.js';
import { isolatedRedisUrl } from '../support/redis.js';
import { go } from '../support/go-cli.js';
import { writeVulnDb, type FixtureAdvisory } from '../support/vulndb-fixture.js';
import { comment, install } from '../stand-in/events.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { startScenario, type Scenario } from '../stand-in/scenario.js';

const INSTALLATION = 91;
const SECURITY_BRANCH = 'gomod-steward/main/security';

/** A small real service: zap pulls multierr v1.10.0 in indirectly; x/text is required directly. */
const SERVICE = {
  'go.mod': [
    'module example.com/ledger',
    '',
    'go 1.22',
    '',
    'require (',
    '\tgo.uber.org/zap v1.27.0',
    '\tgolang.org/x/text v0.14.0',
    ')',
    '',
    'require go.uber.org/multierr v1.10.0 // indirect',
    '',
  ].join('\n'),
  'main.go': [
    'package main',
    '',
    'import (',
    '\t"go.uber.org/zap"',
    '\t"golang.org/x/text/language"',
    ')',
    '',
    'func main() {',
    '\tzap.NewNop().Info(language.English.String())',
    '}',
    '',
  ].join('\n'),
};

const ADVISORIES: FixtureAdvisory[] = [
  {
    id: 'GO-2099-0201',
    module: 'go.uber.org/multierr',
    aliases: ['CVE-2099-0201', 'GHSA-aaaa-bbbb-cccc'],
    summary: 'Unbounded error joining in multierr',
    events: [{ introduced: '0' }, { fixed: '1.11.0' }],
    modified: '2099-02-01T00:00:00Z',
  },
  {
    id: 'GO-2099-0202',
    module: 'golang.org/x/text',
    aliases: ['CVE-2099-0202'],
    summary: 'Panic on crafted language tags',
    events: [{ introduced: '0' }, { fixed: '0.15.0' }],
    packages: ['golang.org/x/text/language'],
    symbols: ['Tag.String'],
    modified: '2099-02-01T00:00:00Z',
  },
];

let s: Scenario;
let repo: FakeRepo;
let dbDir: string;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'security-e2e-'));
  dbDir = join(work, 'vulndb');
  // The database starts with nothing for this repository.
  const url = await writeVulnDb(dbDir, [
    { id: 'GO-2099-0200', module: 'example.com/elsewhere', events: [{ introduced: '0' }, { fixed: '1.0.1' }] },
  ]);
  s = await startScenario({ redisUrl: await isolatedRedisUrl(), appEnv: { GOVULNDB: url } });
  const src = join(work, 'src');
  await writeTree(src, SERVICE);
  // A go.sum, as a real repository has one: govulncheck loads the packages from it.
  await go(['mod', 'tidy'], src);
  repo = await s.gh.addRepo(src, { owner: 'acme', name: 'ledger', id: 9501, installationId: INSTALLATION });
  repo.issues.permissions.set('octo-dev', 'write');
}, 60_000);

afterAll(async () => {
  await s?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Fires the next daily check, waits for everything it started, and returns what the check returned. */
async function securityCheck(what: string, ready: () => boolean = () => true): Promise<Record<string, unknown>> {
  const id = await s.watch.fireSecurityCheck(INSTALLATION, repo.o.id);
  await s.until(ready, what);
  const job = await s.watch.queue('plan').getJob(id);
  expect(job?.name).toBe('security');
  return job!.returnvalue as Record<string, unknown>;
}

let firstApply: unknown;

const SCHEDULED_BRANCH = 'gomod-steward/main/all';
const securityPulls = () => repo.pulls.filter((p) => p.head === SECURITY_BRANCH);
const scheduledModules = () => {
  const pr = repo.pulls.find((p) => p.head === SCHEDULED_BRANCH);
  return pr ? readMeta(pr.body)!.updates.map((u) => u.module) : [];
};

describe('security updates through the stand-in', () => {
  it('a daily check with nothing vulnerable opens nothing', async () => {
    expect((await install(s.gh, INSTALLATION)).delivered).toBe(true);
    // The first run right after installation proposes the ordinary updates (zap and x/text).
    await s.until(() => scheduledModules().length > 0, "the first run's PR");
    expect(scheduledModules()).toEqual(expect.arrayContaining(['go.uber.org/zap', 'golang.org/x/text']));
    expect(await securityCheck('the first daily check')).toEqual({ due: false, reason: 'nothing-vulnerable' });
    expect(securityPulls()).toEqual([]);
  }, 300_000);

  it('an advisory added between two daily checks opens one security PR on the next check', async () => {
    await writeVulnDb(dbDir, ADVISORIES);
    const ran = await securityCheck('the security PR', () => securityPulls().length === 1);
    expect(ran).toMatchObject({ due: true, advisories: ['GO-2099-0201', 'GO-2099-0202'] });
    firstApply = ran.applyJob;

    const pr = securityPulls()[0]!;
    expect(pr).toMatchObject({ head: SECURITY_BRANCH, base: 'main', state: 'open' });
    expect(pr.title).toMatch(/security/i);
    expect(pr.labels).toEqual(expect.arrayContaining(['security', 'dependencies', 'go']));
    const meta = readMeta(pr.body)!;
    expect(meta.group).toBe('security');
    expect(
      meta.updates.map((u) => ({ module: u.module, to: u.to, security: u.security, indirect: u.indirect })),
    ).toEqual([
      { module: 'go.uber.org/multierr', to: 'v1.11.0', security: ['GO-2099-0201'], indirect: true },
      { module: 'golang.org/x/text', to: 'v0.15.0', security: ['GO-2099-0202'], indirect: undefined },
    ]);
    // Summary first, each advisory with its id, aliases and link.
    const summary = readSection(pr.body, 'summary')!;
    expect(pr.body.indexOf(summary)).toBeLessThan(pr.body.indexOf('### Direct upgrades'));
    expect(summary.split('\n')[0]).toMatch(/Security fixes/);
    for (const a of ADVISORIES) {
      expect(summary).toContain(`[${a.id}](https://vulndb.example/${a.id})`);
      for (const alias of a.aliases ?? []) expect(summary).toContain(alias);
    }
    // Reachability, by govulncheck on the checkout: main calls Tag.String; zap imports multierr.
    expect(summary).toMatch(/GO-2099-0202.*govulncheck: the code calls the vulnerable symbol/);
    expect(summary).toMatch(/GO-2099-0201.*govulncheck: the code imports the vulnerable package/);
    // go get wrote the indirect fix as an explicit requirement.
    const head = (await repo.branchHead(SECURITY_BRANCH))!;
    const goMod = await repo.store.git(['show', `${head}:go.mod`]);
    expect(goMod).toMatch(/go\.uber\.org\/multierr v1\.11\.0 \/\/ indirect/);
    expect(goMod).toMatch(/golang\.org\/x\/text v0\.15\.0/);
    expect(s.gh.violations).toEqual([]);
  }, 600_000);

  it('a second check changes nothing', async () => {
    const pr = securityPulls()[0]!;
    const head = await repo.branchHead(SECURITY_BRANCH);
    const body = pr.body;
    // The same plan makes the same apply job id: nothing is queued twice.
    expect(await securityCheck('the second daily check')).toMatchObject({ due: true, applyJob: firstApply });
    expect(securityPulls()).toHaveLength(1);
    expect(await repo.branchHead(SECURITY_BRANCH)).toBe(head);
    expect(pr.body).toBe(body);
  }, 300_000);

  it('the twice-monthly run afterwards does not propose the same bumps again', async () => {
    await s.watch.fireSchedule(INSTALLATION, repo.o.id);
    // The scheduled PR (opened by the first run) is brought up to date without the security bumps.
    await s.until(() => !scheduledModules().includes('golang.org/x/text'), 'the scheduled PR without x/text');
    expect(repo.pulls).toHaveLength(2);
    const modules = scheduledModules();
    expect(modules).toContain('go.uber.org/zap');
    expect(modules).not.toContain('golang.org/x/text');
    expect(modules).not.toContain('go.uber.org/multierr');
    expect(repo.openPulls().filter((p) => p.head === SECURITY_BRANCH)).toHaveLength(1);
    expect(s.gh.violations).toEqual([]);
    expect(await s.watch.failed()).toEqual([]);
  }, 600_000);

  it('`@gomod-steward rebase` on the security PR keeps its advisories in the summary', async () => {
    const pr = repo.pulls.find((p) => p.head === SECURITY_BRANCH)!;
    expect(
      readMeta(pr.body)
        ?.vulnerabilities?.map((v) => v.id)
        .sort(),
    ).toEqual(['GO-2099-0201', 'GO-2099-0202']);
    expect((await comment(s.gh, repo, pr.number, 'octo-dev', '@gomod-steward rebase')).delivered).toBe(true);
    await s.until(() => repo.issues.commentsOn(pr.number).some((c) => c.user === s.gh.botLogin), 'the rebase');
    const summary = readSection(pr.body, 'summary')!;
    expect(summary.split('\n')[0]).toMatch(/Security fixes/);
    for (const a of ADVISORIES) expect(summary).toContain(`[${a.id}](https://vulndb.example/${a.id})`);
    expect(pr.labels).toContain('security');
    expect(await s.watch.failed()).toEqual([]);
  }, 300_000);

  it('an ignore on the security PR rebuilds it through the security check, naming the advisory it holds back', async () => {
    const pr = repo.pulls.find((p) => p.head === SECURITY_BRANCH)!;
    const asked = await comment(s.gh, repo, pr.number, 'octo-dev', '@gomod-steward ignore go.uber.org/multierr');
    expect(asked.delivered).toBe(true);
    await s.until(() => readMeta(pr.body)?.updates.length === 1, 'the security PR without multierr');
    expect(readMeta(pr.body)?.updates.map((u) => u.module)).toEqual(['golang.org/x/text']);
    const summary = readSection(pr.body, 'summary')!;
    expect(summary).toMatch(/Not fixed by this PR/);
    expect(summary).toMatch(/GO-2099-0201.*fix for GO-2099-0201 held back: v1\.11\.0 is ignored/);
    expect(pr.state).toBe('open');
    expect(await s.watch.failed()).toEqual([]);
  }, 300_000);
});
