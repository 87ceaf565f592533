/** mayBreak travels through the apply and publish job data, checked like the rest of it. */
import { describe, expect, it } from '@jest/globals';
import { applyJobSchema } from '../../../src/queues/apply-queue.js';
import { parseJobData } from '../../../src/queues/parse-job-data.js';
import { publishJobSchema } from '../../../src/queues/publish-queue.js';

const v0Minor = {
  module: 'github.com/meilisearch/meilisearch-go',
  to: 'v0.37.0',
  kind: 'minor',
  mayBreak: true,
  dirs: [{ dir: 'svc', from: 'v0.30.0' }],
};
const stage = {
  installationId: 1,
  repositoryId: 2,
  owner: 'o',
  repo: 'r',
  base: 'main',
  baseSha: 'a'.repeat(40),
  group: 'all',
};
const publish = { labels: [], reviewers: [], openPullRequestsLimit: 5 };
const applyData = (update: object) => ({
  ...stage,
  plan: {
    version: 1,
    root: '.',
    modules: [{ dir: 'svc', path: 'example.org/svc', go: '1.22' }],
    updates: [update],
    carried: [],
    affected: ['svc'],
    skipped: [],
    warnings: [],
  },
  goDirective: 'keep',
  services: null,
  publish,
});
const publishData = (update: object) => ({
  ...stage,
  entries: [],
  updates: [update],
  carried: [],
  affected: ['svc'],
  services: ['svc'],
  failed: [],
  skipped: [],
  publish,
});

describe('job data with mayBreak', () => {
  it('keeps mayBreak: true through a round trip of the apply and publish job data', () => {
    const apply = parseJobData(applyJobSchema, JSON.parse(JSON.stringify(applyData(v0Minor))), 'apply');
    expect(apply.plan.updates).toEqual([v0Minor]);
    const pub = parseJobData(publishJobSchema, JSON.parse(JSON.stringify(publishData(v0Minor))), 'publish');
    expect(pub.updates).toEqual([v0Minor]);
  });

  it('fails a job whose mayBreak is not true', () => {
    const wrong = { ...v0Minor, mayBreak: 'yes' };
    expect(() => parseJobData(applyJobSchema, applyData(wrong), 'apply')).toThrow(/plan\.updates\.0\.mayBreak/);
    expect(() => parseJobData(publishJobSchema, publishData(wrong), 'publish')).toThrow(/updates\.0\.mayBreak/);
  });
});
