/** The app's queues on one Redis connection, as producers. Workers live in workers.ts. */
import { Queue } from 'bullmq';
import type { RedisConnection } from '../redis/connection.js';
import { APPLY_QUEUE } from './apply-queue.js';
import { IMPACT_QUEUE } from './impact-queue.js';
import { COMMAND_QUEUE } from './command-queue.js';
import { GOVERNANCE_QUEUE } from './governance-queue.js';
import { INSTALLATION_QUEUE } from './installation-queue.js';
import { PLAN_QUEUE } from './plan-queue.js';
import { PUBLISH_QUEUE } from './publish-queue.js';
import { RESCHEDULE_QUEUE } from './reschedule-queue.js';

/** Keys live under `<prefix>:<queue>:…`; tests use their own prefix on a shared Redis. */
export const DEFAULT_PREFIX = 'gomod-steward';

/**
 * The prefix every key of the app starts with. On a Redis Cluster it is a hash tag
 * (`{gomod-steward}`): BullMQ's scripts touch several keys of a queue at once, which a cluster
 * allows only within one hash slot, and the tag puts every key of every queue, and the app's own
 * locks, pauses and caches beside them, in the one slot the tag hashes to. One slot rather than
 * one per queue: the app's load is a few jobs per repository and day, far below what one node
 * serves, and one slot keeps the keyspace in one place to inspect. Outside a cluster the prefix
 * stays as it was, so an upgrade finds the queues it left.
 */
export function keyPrefix(prefix: string, cluster: boolean): string {
  return cluster && !/\{[^}]+\}/.test(prefix) ? `{${prefix}}` : prefix;
}

export interface QueueSet {
  plan: Queue;
  installation: Queue;
  reschedule: Queue;
  apply: Queue;
  publish: Queue;
  impact: Queue;
  command: Queue;
  governance: Queue;
  all(): Queue[];
  close(): Promise<void>;
}

/** `onError`: connection trouble (the connection's own handler reports it too; this keeps BullMQ from printing it). */
export function createQueues(
  connection: RedisConnection,
  prefix: string = DEFAULT_PREFIX,
  onError: (err: Error) => void = () => undefined,
): QueueSet {
  const opts = { connection, prefix };
  const plan = new Queue(PLAN_QUEUE, opts);
  const installation = new Queue(INSTALLATION_QUEUE, opts);
  const reschedule = new Queue(RESCHEDULE_QUEUE, opts);
  const apply = new Queue(APPLY_QUEUE, opts);
  const publish = new Queue(PUBLISH_QUEUE, opts);
  const impact = new Queue(IMPACT_QUEUE, opts);
  const command = new Queue(COMMAND_QUEUE, opts);
  const governance = new Queue(GOVERNANCE_QUEUE, opts);
  const all = () => [plan, installation, reschedule, apply, publish, impact, command, governance];
  for (const q of all()) q.on('error', onError);
  return {
    plan,
    installation,
    reschedule,
    apply,
    publish,
    impact,
    command,
    governance,
    all,
    close: async () => {
      await Promise.all(all().map((q) => q.close()));
    },
  };
}
