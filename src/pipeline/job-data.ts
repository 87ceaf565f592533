/**
 * Data that travels between the pipeline's jobs: ids, names, versions and blob shas — never a
 * token, never file contents. Checked when it comes back from Redis.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { repoRefSchema } from '../repo-ref.js';

const sha = z.string().regex(/^[0-9a-f]{40}$/);
const kind = z.enum(['major', 'minor', 'patch']);
const update = z.object({ module: z.string(), to: z.string(), kind, dirs: z.array(z.object({ dir: z.string(), from: z.string() })) });
const carried = z.object({ dir: z.string(), module: z.string(), from: z.string().nullable(), to: z.string().nullable() });
const skipped = z.object({ module: z.string(), dir: z.string(), reason: z.string(), detail: z.string().optional() });
const publishConfig = z.object({ labels: z.array(z.string()), reviewers: z.array(z.string()), openPullRequestsLimit: z.number().int().min(0) });

const stage = repoRefSchema.extend({
  base: z.string().min(1),
  baseSha: sha,
  group: z.string().min(1),
  /** Discard others' commits on the branch (the `recreate` command). */
  force: z.boolean().optional(),
});

export const applyJobSchema = stage.extend({
  plan: z.object({
    version: z.literal(1),
    root: z.string(),
    modules: z.array(z.object({ dir: z.string(), path: z.string(), go: z.string().nullable() })),
    updates: z.array(update).min(1),
    carried: z.array(carried),
    affected: z.array(z.string()),
    skipped: z.array(skipped),
    warnings: z.array(z.object({ dir: z.string().optional(), module: z.string().optional(), message: z.string() })),
  }),
  goDirective: z.enum(['keep', 'allow']),
  services: z.array(z.string()).nullable(),
  publish: publishConfig,
});

export const publishJobSchema = stage.extend({
  entries: z.array(z.object({ path: z.string(), mode: z.enum(['100644', '100755']), sha: sha.nullable() })),
  updates: z.array(update),
  carried: z.array(carried),
  affected: z.array(z.string()),
  services: z.array(z.string()),
  failed: z.array(z.object({ dir: z.string(), kind: z.string(), error: z.string(), command: z.string().optional() })),
  skipped: z.array(skipped),
  publish: publishConfig,
});

export type ApplyJobData = z.infer<typeof applyJobSchema>;
export type PublishJobData = z.infer<typeof publishJobSchema>;

/**
 * The same repository, base commit, group and target versions give the same id, so a duplicate
 * run collapses into the job already queued (or recently finished).
 */
export function stageJobId(stageName: string, d: Pick<ApplyJobData, 'installationId' | 'repositoryId' | 'baseSha' | 'group' | 'force'>, updates: readonly { module: string; to: string }[], reason = ''): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([d.group, updates.map((u) => [u.module, u.to]), d.force ?? false, reason]))
    .digest('hex')
    .slice(0, 16);
  return `${stageName}-${d.installationId}-${d.repositoryId}-${d.baseSha.slice(0, 12)}-${digest}`;
}
