/**
 * Correlation ids tie a workflow run back to the dispatch that made it when GitHub does not
 * return the run (older GitHub Enterprise Server): the template puts the `correlation_id` input
 * into its `run-name`, which reaches us as the run's `display_title`. One id per impact run,
 * with the batch index appended per dispatch.
 */
import { randomBytes } from 'node:crypto';

const ID = /gs-[0-9a-f]{16}/;
const WITH_BATCH = /\b(gs-[0-9a-f]{16})\.b(\d{1,4})\b/;

export function newCorrelationId(): string {
  return `gs-${randomBytes(8).toString('hex')}`;
}

/** The `correlation_id` input of one dispatch. */
export function batchCorrelationId(correlationId: string, batch: number): string {
  return `${correlationId}.b${batch}`;
}

/** The correlation id and batch in a run name (display title), if it has them. */
export function parseRunName(runName: string | null | undefined): { correlationId: string; batch: number } | undefined {
  if (!runName) return undefined;
  const m = WITH_BATCH.exec(runName);
  if (m?.[1] && m[2]) return { correlationId: m[1], batch: Number(m[2]) };
  const bare = ID.exec(runName);
  return bare ? { correlationId: bare[0], batch: 0 } : undefined;
}
