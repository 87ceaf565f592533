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

/** A git object id as git and GitHub write it: lower-case hex, SHA-1 (40) or SHA-256 (64). */
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** A commit (or blob) sha in job data and payloads; one rule everywhere, so no stage refuses what another accepted. */
export const shaSchema = z.string().regex(OBJECT_ID, { error: 'a commit sha' });

export function isSha(value: string): boolean {
  return OBJECT_ID.test(value);
}
