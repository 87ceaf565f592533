/**
 * The identity of a repository in job data and scheduler templates: ids and names, never a
 * token. Names travel along so a log line says which repository; the ids are authoritative.
 */
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';

export const repoRefSchema = z.object({
  installationId: z.number().int().positive(),
  repositoryId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
});

export type RepoRef = z.infer<typeof repoRefSchema>;

/**
 * Job data comes back from Redis, written by whichever version of the app enqueued it: check it.
 * Data that does not fit will never fit, so the job fails without retries.
 */
export function parseJobData<S extends z.ZodType>(schema: S, data: unknown, queue: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new UnrecoverableError(`${queue} job data does not fit its schema: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`);
}

export function repoLabel(ref: Pick<RepoRef, 'owner' | 'repo'>): string {
  return `${ref.owner}/${ref.repo}`;
}
