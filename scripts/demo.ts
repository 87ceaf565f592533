/**
 * `npm run demo`: the whole product on this machine, without registering an app. A local GitHub
 * stand-in holds examples/commerce-platform as a repository; the app starts as production starts
 * it (dist/main.js, GITHUB_API_URL at the stand-in, Redis); the app is installed, its first run
 * starts on its own (as after any installation), and the demo waits for the pull request and its impact matrix (go vet, go test -race,
 * go build per affected service, really run), then prints the pull request and the dashboard issue.
 *
 * Redis: REDIS_URL when set; otherwise a private redis-server of its own (so no existing Redis
 * is touched), or one answering on 127.0.0.1:6379 when redis-server is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { install } from '../test/stand-in/events.js';
import type { FakeRepo } from '../test/stand-in/fake-repo.js';
import { SAMPLE_RELEASES } from '../test/stand-in/sample-releases.js';
import { startScenario, type Scenario } from '../test/stand-in/scenario.js';
import { answersPing, startPrivateRedis } from '../test/support/redis.js';
import { watchProgress } from './demo-progress.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/commerce-platform');
const OUT = join(ROOT, 'demo-output');
const INSTALLATION = 1;
const REPO = { owner: 'acme', name: 'commerce-platform', id: 1001, installationId: INSTALLATION };
const started = Date.now();

const say = (line: string) =>
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

async function redis(): Promise<{ url: string; stop(): Promise<void>; how: string }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined, how: 'REDIS_URL' };
  if (spawnSync('redis-server', ['--version']).status === 0) {
    const own = await startPrivateRedis();
    return { url: own.url, stop: own.stop, how: `a private redis-server at ${own.url}` };
  }
  if (await answersPing(6379))
    return { url: 'redis://127.0.0.1:6379', stop: async () => undefined, how: 'the Redis on 127.0.0.1:6379' };
  throw new Error('no Redis: install redis-server (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL');
}

async function main(): Promise<void> {
  const r = await redis();
  say(`Redis: ${r.how}`);
  let s: Scenario | undefined;
  try {
    s = await startScenario({ redisUrl: r.url, appEnv: { LOG_LEVEL: 'info' } });
    for (const [name, releases] of Object.entries(SAMPLE_RELEASES)) s.gh.sampleReleases.set(name, releases);
    say(`GitHub stand-in: ${s.gh.apiUrl} · app: ${s.app.url} (node dist/main.js, GITHUB_API_URL=${s.gh.apiUrl})`);
    const workflow = await readFile(join(ROOT, 'templates/gomod-impact.yml'), 'utf8');
    const repo = await s.gh.addRepo(EXAMPLE, REPO, { '.github/workflows/gomod-impact.yml': workflow });
    say(
      `repository ${repo.fullName}: examples/commerce-platform plus the impact workflow (gomod-steward init-workflow)`,
    );
    await install(s.gh, INSTALLATION);
    say('installed the app (installation.created webhook); its first run starts within seconds');
    const progress = watchProgress(() => s!.app.log(), repo, say);
    try {
      await s.until(() => repo.pulls.length > 0, 'the pull request', { timeoutMs: 600_000 });
      await s.until(async () => (await impactDone(repo)) !== undefined, 'the impact check', { timeoutMs: 900_000 });
    } finally {
      progress.stop();
    }
    await report(s, repo);
  } finally {
    await s?.stop();
    await r.stop();
  }
}

async function impactDone(repo: FakeRepo): Promise<string | undefined> {
  const pr = repo.pulls[0];
  if (!pr) return undefined;
  const head = await repo.branchHead(pr.head);
  const check = repo.checkRuns.filter((c) => c.name === 'gomod-steward / impact' && c.headSha === head).at(-1);
  return check?.status === 'completed' ? (check.conclusion ?? 'unknown') : undefined;
}

async function report(s: Scenario, repo: FakeRepo): Promise<void> {
  const pr = repo.pulls[0]!;
  const conclusion = await impactDone(repo);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, `pull-${pr.number}.md`), `# ${pr.title}\n\n${pr.body}\n`);
  await writeFile(join(OUT, 'app.log'), await s.app.log());
  for (const run of repo.actions.runs)
    for (const job of run.jobs)
      await writeFile(join(OUT, `run-${run.id}-${job.name.replace(/[^A-Za-z0-9_.-]+/g, '_')}.log`), job.log);
  const head = (await repo.branchHead(pr.head))!;
  const changed = (await repo.store.git(['diff', '--stat', `${head}^`, head])).trimEnd();

  const rule = '─'.repeat(78);
  process.stdout.write(`\n${rule}\nPull request #${pr.number} on ${repo.fullName}: ${pr.title}\n`);
  process.stdout.write(
    `branch ${pr.head} → ${pr.base} · labels: ${pr.labels.join(', ')} · impact check: ${conclusion}\n${rule}\n`,
  );
  // GitHub does not render the hidden metadata comment; neither does the demo.
  process.stdout.write(
    `${pr.body.replace(/<!-- gomod-steward:meta \{.*\} -->/s, '<!-- gomod-steward:meta {…} (hidden metadata; in full in the saved body) -->')}\n${rule}\n`,
  );
  process.stdout.write(
    "Release notes above are SAMPLE DATA served by the local stand-in (test/stand-in/sample-releases.ts), not the projects' real notes.\n",
  );
  const dashboard = repo.issues.issues.find((i) => i.title === 'gomod-steward dashboard');
  if (dashboard) {
    await writeFile(join(OUT, `issue-${dashboard.number}-dashboard.md`), `# ${dashboard.title}\n\n${dashboard.body}\n`);
    process.stdout.write(`${rule}\nIssue #${dashboard.number}: ${dashboard.title}\n${rule}\n`);
    // The state block is hidden on GitHub; shown shortened, as for the PR.
    process.stdout.write(
      `${dashboard.body.replace(/<!-- gomod-steward:state \{.*\} -->/s, '<!-- gomod-steward:state {…} (hidden state) -->')}\n${rule}\n`,
    );
  } else process.stdout.write('No dashboard issue was written (see app.log).\n');
  process.stdout.write(`The commit:\n${changed}\n\nWhere to look (${relative(process.cwd(), OUT) || '.'}/):\n`);
  process.stdout.write(
    `  pull-${pr.number}.md   the PR body, as the app wrote it\n  issue-*-dashboard.md   the dashboard issue\n  run-*.log   what go vet / go test -race / go build printed per service\n  app.log     the app's own log (JSON lines)\n`,
  );
  process.stdout.write(
    `Stand-in requests: ${s.gh.exchanges.length}, all checked against GitHub's OpenAPI description; violations: ${s.gh.violations.length}.\n`,
  );
  say('done');
  if (s.gh.violations.length) throw new Error(`the stand-in recorded violations:\n${s.gh.violations.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
