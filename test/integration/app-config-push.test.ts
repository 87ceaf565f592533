/**
 * Pushes to the default branch that touch `.github/gomod-steward.yml` reschedule the repository
 * from the config at the pushed commit; an invalid config gets a failing check run naming
 * file:line, field and what is expected. Deliveries are real signed requests with payloads from
 * @octokit/webhooks-examples; GitHub is nock, checked against its OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CronExpressionParser } from 'cron-parser';
import {
  mockCheckRunCreated,
  mockConfigFile,
  mockInstallationRepos,
  mockInstallationToken,
  startTestApp,
  type TestApp,
} from '../support/app-harness.js';
import { documentedExample } from '../support/github-openapi.js';
import { examplePayload, signBody } from '../support/webhooks.js';

const CONFIG = '.github/gomod-steward.yml';
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

let app: TestApp;
let installationId: number;
let owner: string;
let repo: { id: number; name: string };

beforeEach(async () => {
  app = await startTestApp();
  // Installed on the repository of the push examples, with no config file.
  const created = examplePayload('installation', 'created');
  installationId = (created['installation'] as { id: number }).id;
  const listed = (created['repositories'] as { id: number; name: string; full_name: string }[])[0];
  owner = (listed?.full_name ?? '').split('/')[0] ?? '';
  repo = { id: listed?.id ?? 0, name: listed?.name ?? '' };
  mockInstallationToken(app.gh, installationId);
  mockConfigFile(app.gh, owner, repo.name, null);
  expect((await app.send('installation', created)).status).toBe(200);
  await app.idle();
  app.gh.done();
});

afterEach(async () => {
  await app.stop();
});

function push(
  changes: { modified?: string[]; added?: string[]; removed?: string[] },
  ref = 'refs/heads/master',
  sha = SHA,
) {
  const p = examplePayload('push', undefined, (x) => x['ref'] === 'refs/heads/master');
  (p['installation'] as { id: number }).id = installationId;
  const repository = p['repository'] as { id: number; name: string; default_branch: string; owner: { login: string } };
  expect(repository.default_branch).toBe('master');
  repository.id = repo.id;
  repository.name = repo.name;
  repository.owner.login = owner;
  p['ref'] = ref;
  p['after'] = sha;
  const [commit] = p['commits'] as Record<string, unknown>[];
  const changed = {
    ...commit,
    id: sha,
    added: changes.added ?? [],
    modified: changes.modified ?? [],
    removed: changes.removed ?? [],
  };
  p['commits'] = [changed];
  p['head_commit'] = changed;
  return p;
}

async function jobCounts() {
  const [a, b] = await Promise.all([
    app.runtime.queues.installation.getJobCounts(),
    app.runtime.queues.reschedule.getJobCounts(),
  ]);
  return { installation: a, reschedule: b };
}

describe('push webhooks', () => {
  it('a config change with schedule: weekly reschedules to Mondays 05:xx in the configured zone, keeping the jitter', async () => {
    const [before] = await app.schedulers();
    mockConfigFile(app.gh, owner, repo.name, 'schedule: weekly\ntimezone: Europe/Berlin\n', SHA);
    expect((await app.send('push', push({ modified: [CONFIG, 'README.md'] }))).status).toBe(200);
    await app.idle();
    app.gh.done();
    const [after] = await app.schedulers();
    expect(after?.id).toBe(before?.id);
    expect(after?.tz).toBe('Europe/Berlin');
    // Same per-repo second and minute, new days.
    expect(after?.pattern?.split(' ').slice(0, 2)).toEqual(before?.pattern?.split(' ').slice(0, 2));
    const next = CronExpressionParser.parse(after?.pattern ?? '', {
      tz: 'Europe/Berlin',
      currentDate: new Date(Date.now() - 1000),
    }).next();
    expect(after?.next).toBe(next.getTime());
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Berlin',
      weekday: 'short',
      hour: 'numeric',
      hour12: false,
    }).formatToParts(new Date(after?.next ?? 0));
    expect(local.find((p) => p.type === 'weekday')?.value).toBe('Mon');
    expect(Number(local.find((p) => p.type === 'hour')?.value)).toBe(5);
  });

  it('removing the config file goes back to the defaults', async () => {
    mockConfigFile(app.gh, owner, repo.name, 'schedule: daily\n', SHA);
    expect((await app.send('push', push({ added: [CONFIG] }))).status).toBe(200);
    await app.idle();
    expect((await app.schedulers())[0]?.pattern).toMatch(/ 5 \* \* \*$/);
    const sha2 = 'b'.repeat(40);
    mockConfigFile(app.gh, owner, repo.name, null, sha2);
    expect((await app.send('push', push({ removed: [CONFIG] }, 'refs/heads/master', sha2))).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect((await app.schedulers())[0]?.pattern).toMatch(/ 5 1,15 \* \*$/);
  });

  it('enabled: false removes the scheduler', async () => {
    mockConfigFile(app.gh, owner, repo.name, 'enabled: false\n', SHA);
    expect((await app.send('push', push({ modified: [CONFIG] }))).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect(await app.schedulers()).toEqual([]);
  });

  it('an invalid config creates a failing check run on the commit with file:line, field and what is expected', async () => {
    const [before] = await app.schedulers();
    const text = 'enabled: true\nschedule: fortnightly\nupdate-types: [minor, mjor]\n';
    mockConfigFile(app.gh, owner, repo.name, text, SHA);
    mockCheckRunCreated(app.gh, owner, repo.name, 77);
    expect((await app.send('push', push({ modified: [CONFIG] }))).status).toBe(200);
    await app.idle();
    app.gh.done();

    const created = app.gh.requests.find((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
    const body = created?.body as {
      name: string;
      head_sha: string;
      status: string;
      conclusion: string;
      output: { title: string; summary: string; annotations: { path: string; start_line: number; message: string }[] };
    };
    expect(body.name).toBe('gomod-steward / config');
    expect(body.head_sha).toBe(SHA);
    expect([body.status, body.conclusion]).toEqual(['completed', 'failure']);
    // Positions from the text itself: 1-based line, column of the offending value.
    const scheduleLine = text.split('\n').findIndex((l) => l.startsWith('schedule:')) + 1;
    const scheduleCol = (text.split('\n')[scheduleLine - 1] ?? '').indexOf('fortnightly') + 1;
    const typesLine = text.split('\n').findIndex((l) => l.startsWith('update-types:')) + 1;
    const typesCol = (text.split('\n')[typesLine - 1] ?? '').indexOf('mjor') + 1;
    expect(body.output.summary).toContain(
      `| \`${CONFIG}:${scheduleLine}:${scheduleCol}\` | \`schedule\` | one of daily, weekly, twice-monthly, monthly or a 5-field cron |`,
    );
    expect(body.output.summary).toContain(
      `| \`${CONFIG}:${typesLine}:${typesCol}\` | \`update-types[1]\` | one of major, minor, patch, replace |`,
    );
    expect(body.output.summary).toContain('found "mjor"');
    expect(body.output.title).toBe(`2 problems in ${CONFIG}`);
    expect(body.output.annotations.map((a) => [a.path, a.start_line])).toEqual([
      [CONFIG, scheduleLine],
      [CONFIG, typesLine],
    ]);
    // The last good schedule stays.
    expect(await app.schedulers()).toEqual([before]);
  });

  it('an invalid config found at installation gets its check run on the default branch head', async () => {
    await app.runtime.queues.plan.removeJobScheduler(`repo:${installationId}:${repo.id}`);
    const added = examplePayload('installation_repositories', 'added');
    (added['installation'] as { id: number }).id = installationId;
    const [listed] = added['repositories_added'] as Record<string, unknown>[];
    added['repositories_added'] = [{ ...listed, id: repo.id, name: repo.name, full_name: `${owner}/${repo.name}` }];
    const head = 'c'.repeat(40);
    // The delivery is checked against what GitHub lists for the installation now.
    mockInstallationRepos(app.gh, [{ id: repo.id, owner, name: repo.name }]);
    mockConfigFile(app.gh, owner, repo.name, 'schedule: [weekly]\n');
    const repository = documentedExample('get', `/repos/${owner}/${repo.name}`, 200) as Record<string, unknown>;
    // The documented example omits `language`, which the schema requires (nullable).
    app.gh
      .get(`/repos/${owner}/${repo.name}`)
      .reply(200, { ...repository, language: null, source: undefined, parent: undefined, default_branch: 'trunk' });
    const ref = documentedExample('get', `/repos/${owner}/${repo.name}/git/ref/heads%2Ftrunk`, 200) as Record<
      string,
      unknown
    >;
    app.gh
      .get(`/repos/${owner}/${repo.name}/git/ref/heads%2Ftrunk`)
      .reply(200, { ...ref, ref: 'refs/heads/trunk', object: { ...(ref['object'] as object), sha: head } });
    mockCheckRunCreated(app.gh, owner, repo.name, 78);
    expect((await app.send('installation_repositories', added)).status).toBe(200);
    await app.idle();
    app.gh.done();
    const created = app.gh.requests.find((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
    expect((created?.body as { head_sha: string }).head_sha).toBe(head);
    // Nothing to keep, so the default schedule: the plan run refuses while the config is broken.
    expect((await app.schedulers())[0]?.pattern).toMatch(/ 5 1,15 \* \*$/);
  });

  it('pushes that touch neither the config nor a module file, or go elsewhere than the default branch, are counted skips', async () => {
    const before = await jobCounts();
    const governance = await app.runtime.queues.governance.getJobCounts();
    expect((await app.send('push', push({ modified: ['README.md', 'cmd/go.mod.txt'] }))).status).toBe(200);
    expect((await app.send('push', push({ modified: ['go.mod'] }, 'refs/heads/feature'))).status).toBe(200);
    expect((await app.send('push', push({ modified: [CONFIG] }, 'refs/heads/feature'))).status).toBe(200);
    expect((await app.send('push', push({ modified: [CONFIG] }, 'refs/tags/v1.0.0'))).status).toBe(200);
    expect(await jobCounts()).toEqual(before);
    expect(await app.runtime.queues.governance.getJobCounts()).toEqual(governance);
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toContain(
      'gomod_steward_webhook_deliveries_total{event="push",outcome="skipped",reason="no-watched-file"} 1',
    );
    expect(metrics).toContain(
      'gomod_steward_webhook_deliveries_total{event="push",outcome="skipped",reason="not-default-branch"} 3',
    );
  });

  it('a redelivered push (same commit) reschedules once', async () => {
    mockConfigFile(app.gh, owner, repo.name, 'schedule: monthly\n', SHA);
    const payload = push({ modified: [CONFIG] });
    expect((await app.send('push', payload)).status).toBe(200);
    expect((await app.send('push', payload)).status).toBe(200);
    await app.idle();
    app.gh.done();
    expect(app.gh.requests.filter((r) => r.path.includes(`/contents/`) && r.path.includes(`ref=${SHA}`))).toHaveLength(
      1,
    );
  });
});

describe('deliveries the app refuses', () => {
  it('a forged signature gets a 4xx and queues nothing', async () => {
    const before = await jobCounts();
    const res = await app.send('push', push({ modified: [CONFIG] }), { signature: `sha256=${'0'.repeat(64)}` });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    // Signed with another secret: as forged as a made-up one.
    const other = await fetch(app.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': 'x-1',
        'x-hub-signature-256': 'sha256=deadbeef',
      },
      body: '{}',
    });
    expect(other.status).toBe(400);
    expect(await jobCounts()).toEqual(before);
  });

  it('a signed but malformed payload gets a 4xx and queues nothing', async () => {
    const before = await jobCounts();
    const noInstallation = examplePayload('installation_repositories', 'added');
    delete noInstallation['installation'];
    expect((await app.send('installation_repositories', noInstallation)).status).toBe(400);
    const badSha = push({ modified: [CONFIG] });
    badSha['after'] = 'not-a-sha';
    expect((await app.send('push', badSha)).status).toBe(400);
    const notJson = '{"ref": "refs/heads/master", ';
    const res = await fetch(app.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': 'x-2',
        'x-hub-signature-256': signBody(app.secret, notJson),
      },
      body: notJson,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await jobCounts()).toEqual(before);
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toContain('{event="installation_repositories",outcome="rejected",reason="malformed"} 1');
    expect(metrics).toContain('{event="push",outcome="rejected",reason="malformed"} 1');
  });
});
