/**
 * Every stage reads a commit sha by one rule: a sha the push handler accepted is not refused by
 * the apply job that follows, nor by the clone that job runs.
 */
import { describe, expect, it } from '@jest/globals';
import { GitCloneError, shallowCheckout } from '../../../src/github/clone.js';
import { applyJobSchema } from '../../../src/queues/apply-queue.js';
import { governanceJobSchema } from '../../../src/queues/governance-queue.js';
import { rescheduleJobSchema } from '../../../src/queues/reschedule-queue.js';
import { isSha, shaSchema } from '../../../src/repo-ref.js';

const ref = { installationId: 1, repositoryId: 2, owner: 'o', repo: 'r' };
const sha1 = 'a'.repeat(40);
const sha256 = 'b'.repeat(64);

describe('commit shas', () => {
  it('accepts SHA-1 and SHA-256 object ids, lower case, and nothing else', () => {
    for (const ok of [sha1, sha256, '0'.repeat(40)]) expect(isSha(ok)).toBe(true);
    for (const bad of ['A'.repeat(40), 'a'.repeat(39), 'a'.repeat(41), 'a'.repeat(63), 'main', 'g'.repeat(40), ''])
      expect(isSha(bad)).toBe(false);
    expect(shaSchema.safeParse('main').error?.issues[0]?.message).toBe('a commit sha');
  });

  it('holds the same rule in the job schemas of every stage', () => {
    for (const sha of [sha1, sha256]) {
      expect(rescheduleJobSchema.safeParse({ ...ref, sha }).success).toBe(true);
      expect(
        governanceJobSchema.safeParse({ ...ref, headSha: sha, baseSha: null }).error?.issues.map((i) => i.path[0]),
      ).not.toContain('headSha');
      expect(applyJobSchema.safeParse({ ...ref, baseSha: sha }).error?.issues.map((i) => i.path[0])).not.toContain(
        'baseSha',
      );
    }
    expect(applyJobSchema.safeParse({ ...ref, baseSha: 'HEAD' }).error?.issues.map((i) => i.path[0])).toContain(
      'baseSha',
    );
  });

  it('the clone refuses a ref that is not a sha before running git', async () => {
    await expect(
      shallowCheckout({ url: '/nonexistent', sha: 'main', dir: '/nonexistent/checkout' }),
    ).rejects.toBeInstanceOf(GitCloneError);
  });
});
