/**
 * One world for end-to-end runs: the stand-in, the app started as production starts it
 * (`dist/main.js`, GITHUB_API_URL at the stand-in, a real Redis), and a view of the app's queues.
 * Shared by the scenario tests and `npm run demo`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { startAppProcess, type AppProcess } from './app-process.js';
import { QueueWatch } from './queue-watch.js';
import { StandIn } from './stand-in.js';

export interface Scenario {
  gh: StandIn;
  /** What the app was given to keep to itself. */
  secrets: { privateKey: string; webhookSecret: string };
  app: AppProcess;
  watch: QueueWatch;
  /**
   * Waits until `ready()` holds and nothing is under way: no job in the app's queues, no
   * workflow run on the stand-in, no webhook in flight. `retries`: jobs retrying are expected.
   */
  until(
    ready: () => boolean | Promise<boolean>,
    what: string,
    o?: { timeoutMs?: number; retries?: boolean },
  ): Promise<void>;
  stop(): Promise<void>;
}

export const SCENARIO_APP_ID = 424_242;

export async function startScenario(o: {
  redisUrl: string;
  appEnv?: Record<string, string>;
  /** Another build's dist/main.js (app-process.ts). */
  appMain?: string;
}): Promise<Scenario> {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
  const webhookSecret = randomBytes(16).toString('hex');
  const gh = await StandIn.start({ appId: SCENARIO_APP_ID, privateKey, webhookSecret });
  let app: AppProcess;
  try {
    app = await startAppProcess({
      appId: SCENARIO_APP_ID,
      privateKey,
      webhookSecret,
      githubApiUrl: gh.apiUrl,
      redisUrl: o.redisUrl,
      env: o.appEnv,
      ...(o.appMain ? { main: o.appMain } : {}),
    });
  } catch (err) {
    await gh.stop();
    throw err;
  }
  gh.setWebhookUrl(app.webhookUrl);
  const watch = new QueueWatch(o.redisUrl);
  return {
    gh,
    secrets: { privateKey, webhookSecret },
    app,
    watch,
    async until(ready, what, opts = {}) {
      const quiet = async () => gh.actions.busy === 0 && gh.webhooks.busy === 0 && (await ready());
      try {
        await watch.until(quiet, opts.timeoutMs ?? 240_000, what, opts.retries ?? false);
      } catch (err) {
        const log = (await app.log())
          .split('\n')
          .filter((l) => /"level":(40|50|60)/.test(l))
          .slice(-15)
          .join('\n');
        throw new Error(
          `${(err as Error).message}\nstand-in violations: ${JSON.stringify(gh.violations)}\napp warnings and errors:\n${log}`,
        );
      }
    },
    async stop() {
      await app.stop();
      await watch.close();
      await gh.stop();
    },
  };
}
