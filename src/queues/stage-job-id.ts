/**
 * Ids of apply and publish jobs. The same repository, base commit, group and target versions
 * give the same id, so a duplicate run collapses into the job already queued (or recently
 * finished). Byte for byte stable: idempotency relies on it.
 */
import { createHash } from 'node:crypto';

export interface StageIdentity {
  installationId: number;
  repositoryId: number;
  baseSha: string;
  group: string;
  force?: boolean | undefined;
}

export function stageJobId(
  stageName: string,
  d: StageIdentity,
  updates: readonly { module: string; to: string }[],
  reason = '',
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([d.group, updates.map((u) => [u.module, u.to]), d.force ?? false, reason]))
    .digest('hex')
    .slice(0, 16);
  return `${stageName}-${d.installationId}-${d.repositoryId}-${d.baseSha.slice(0, 12)}-${digest}`;
}
