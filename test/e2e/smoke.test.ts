import { afterAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { testPrivateKey } from '../support/app-harness.js';
import { EXAMPLE_DIR } from '../support/go-cli.js';
import { isolatedRedisUrl } from '../support/redis.js';
import { startAppProcess, type AppProcess } from '../stand-in/app-process.js';
import { install } from '../stand-in/events.js';
import { QueueWatch } from '../stand-in/queue-watch.js';
import { StandIn } from '../stand-in/stand-in.js';

let gh: StandIn; let app: AppProcess; let watch: QueueWatch;
afterAll(async () => { await app?.stop(); await watch?.close(); await gh?.stop(); });

it('smoke', async () => {
  gh = await StandIn.start({ appId: 99, privateKey: testPrivateKey(), webhookSecret: 's' });
  const redisUrl = await isolatedRedisUrl();
  app = await startAppProcess({ appId: 99, privateKey: testPrivateKey(), webhookSecret: 's', githubApiUrl: gh.apiUrl, redisUrl });
  gh.setWebhookUrl(app.webhookUrl);
  watch = new QueueWatch(redisUrl);
  const workflow = readFileSync(new URL('../../templates/gomod-impact.yml', import.meta.url), 'utf8');
  const repo = await gh.addRepo(EXAMPLE_DIR, { owner: 'acme', name: 'commerce-platform', id: 9001, installationId: 77 }, { '.github/workflows/gomod-impact.yml': workflow });
  const d = await install(gh, 77);
  console.log(d.attempts);
  await watch.fireSchedule(77, 9001).catch(async (e) => { console.log(await app.log(), gh.exchanges, gh.violations); throw e; });
  const t0 = Date.now();
  await watch.until(() => repo.pulls.length > 0, 300_000, 'a PR').catch(async (e) => { console.log(await app.log(), gh.exchanges.filter(x => x.status >= 400)); throw e; });
  console.log(Date.now() - t0, repo.pulls[0]!.body.slice(0, 1500), gh.violations, repo.dispatches, repo.checkRuns.map(c => c.name), (await app.log()).slice(-3000));
  expect(gh.violations).toEqual([]);
}, 400_000);
