/**
 * The identity of a repository in job data, scheduler templates, commands and the ignore store:
 * ids and names, never a token. Names travel along so a log line says which repository; the ids
 * are authoritative. Rank 1 (base): every layer that names a repository uses this one shape.
 */
import { z } from 'zod';

export const repoRefSchema = z.object({
  installationId: z.number().int().positive(),
  repositoryId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
});

export type RepoRef = z.infer<typeof repoRefSchema>;

export function repoLabel(ref: Pick<RepoRef, 'owner' | 'repo'>): string {
  return `${ref.owner}/${ref.repo}`;
}
