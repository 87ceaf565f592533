/**
 * The running app's queues seen from outside its process, on the same Redis: whether work is
 * still under way, and firing a repository's schedule now (its scheduler's next job, promoted,
 * exactly the job the schedule would have started).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_PREFIX } from '../../src/queues/queue-set.js';
import { repoSchedulerId } from '../../src/queues/repo-schedulers.js';
import { securitySchedulerId } from '../../src/queues/security-scheduler.js';

const NAMES = ['installation', 'reschedule', 'plan', 'apply', 'publish', 'impact', 'command', 'governance'];

export class QueueWatch {
  readonly queues: Map<string, Queue>;
  private readonly connection: Redis;

  constructor(redisUrl: string) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.queues = new Map(NAMES.map((n) => [n, new Queue(n, { connection: this.connection, prefix: DEFAULT_PREFIX })]));
  }

  queue(name: string): Queue {
    return this.queues.get(name)!;
  }

  /** Jobs waiting, running or delayed (a scheduler's next run excepted), per queue. */
  async busy(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [name, q] of this.queues) {
      const running = await q.getJobs(['waiting', 'active', 'prioritized', 'waiting-children']);
      // A scheduler always holds its next occurrence as a delayed job: that is not work under way.
      // Promoted, or delayed again for a retry, it is.
      const delayed = (await q.getJobs(['delayed'])).filter((j) => j && (!j.repeatJobKey || j.attemptsMade > 0));
      const n = running.filter(Boolean).length + delayed.length;
      if (n) out[name] = n;
    }
    return out;
  }

  /** Jobs that failed for good, per queue, with their reasons. */
  async failed(): Promise<string[]> {
    const out: string[] = [];
    for (const [name, q] of this.queues)
      for (const j of await q.getFailed()) out.push(`${name} ${j.id}: ${j.failedReason}`);
    return out;
  }

  /** How many jobs each queue has finished (completed or failed), as one comparable string. */
  private async finished(): Promise<string> {
    const out: string[] = [];
    for (const [name, q] of this.queues) {
      const c = await q.getJobCounts('completed', 'failed');
      out.push(`${name}:${c.completed ?? 0}:${c.failed ?? 0}`);
    }
    return out.join(',');
  }

  /** Jobs that failed an attempt and wait to be retried. */
  async retrying(): Promise<string[]> {
    const out: string[] = [];
    for (const [name, q] of this.queues)
      for (const j of await q.getDelayed())
        if (j.failedReason) out.push(`${name} ${j.id} (attempt ${j.attemptsMade}): ${j.failedReason}`);
    return out;
  }

  /**
   * Resolves once `ready()` holds and no job is under way; throws with what is still busy. A job
   * that fails for good ends the wait at once; one waiting for a retry does too unless
   * `retries` is true (a scenario that injects faults expects retries).
   */
  async until(
    ready: () => boolean | Promise<boolean>,
    timeoutMs: number,
    what: string,
    retries = false,
  ): Promise<void> {
    const stop = Date.now() + timeoutMs;
    // The queues are read one after another, so a job that finishes after its own queue was read
    // may have queued one in a queue read before it: one quiet pass can miss work under way. Quiet
    // twice in a row with no job finished in between is quiet.
    let quietAt: string | undefined;
    for (;;) {
      const failed = [...(await this.failed()), ...(retries ? [] : await this.retrying())];
      if (failed.length) throw new Error(`${what}: a job failed: ${failed.join('; ')}`);
      if ((await ready()) && Object.keys(await this.busy()).length === 0) {
        const mark = await this.finished();
        if (mark === quietAt) return;
        quietAt = mark;
      } else {
        quietAt = undefined;
      }
      if (Date.now() > stop)
        throw new Error(
          `${what}: not reached in ${timeoutMs} ms; busy ${JSON.stringify(await this.busy())}; failed ${JSON.stringify(await this.failed())}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Starts the run the repository's schedule would start next, now. */
  async fireSchedule(installationId: number, repositoryId: number, timeoutMs = 20_000): Promise<string> {
    return this.fireScheduler(repoSchedulerId(installationId, repositoryId), timeoutMs);
  }

  /** Starts the repository's next daily security check, now. */
  async fireSecurityCheck(installationId: number, repositoryId: number, timeoutMs = 20_000): Promise<string> {
    return this.fireScheduler(securitySchedulerId(installationId, repositoryId), timeoutMs);
  }

  private async fireScheduler(id: string, timeoutMs: number): Promise<string> {
    const plan = this.queue('plan');
    const stop = Date.now() + timeoutMs;
    for (;;) {
      const next = (await plan.getDelayed()).find((j) => j.repeatJobKey === id);
      if (next) {
        await next.promote();
        return next.id!;
      }
      if (Date.now() > stop) throw new Error(`no scheduler ${id} on the plan queue after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    for (const q of this.queues.values()) await q.close();
    await this.connection.quit();
  }
}
