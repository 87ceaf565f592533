/**
 * `src/main.ts` with a stand-in for the plan pipeline, for tests that run the app as a process:
 * each plan job prints `plan-started <id>`, works for FAKE_PLAN_MS (giving up when the worker
 * aborts it), prints `plan-finished <id>` and returns. No reconciliation at start-up (no GitHub).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { runProcess } from '../../src/server/run-process.js';

const workMs = Number(process.env.FAKE_PLAN_MS ?? '1500');

const code = await runProcess(process.env, {
  reconcileOnStart: false,
  ...(process.env.TEST_PREFIX ? { prefix: process.env.TEST_PREFIX } : {}),
  planHandler: async ({ job, signal }) => {
    process.stdout.write(`plan-started ${job.id}\n`);
    try {
      await sleep(workMs, undefined, { signal });
    } catch {
      process.stdout.write(`plan-aborted ${job.id}\n`);
      throw new Error(`plan ${job.id} aborted: ${String(signal?.reason)}`);
    }
    process.stdout.write(`plan-finished ${job.id}\n`);
    return { workedMs: workMs };
  },
});
process.exit(code);
