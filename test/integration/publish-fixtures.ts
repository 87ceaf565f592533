/**
 * publishPull's input for the one-module repository `acme/small` (go.mod requiring
 * golang.org/x/text v0.14.0), as the publish tests build it on a stand-in repository: `group`'s
 * PR bumping x/text to `to`, its go.mod blob written to the repository's store, no labels,
 * reviewers or rendered sections unless `over` gives them.
 */
import type { Logger } from 'probot';
import type { GitHubClient } from '../../src/github/app-auth.js';
import type { PublishInput } from '../../src/pull-request/publish-pull.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { silentLogger } from '../support/queue-fakes.js';

export const SMALL_GO_MOD = 'module example.com/small\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n';

export async function smallPublishInput(
  repo: FakeRepo,
  github: GitHubClient,
  group: string,
  to: string,
  over: Partial<PublishInput> = {},
): Promise<PublishInput> {
  const blob = await repo.store.writeBlob(Buffer.from(SMALL_GO_MOD.replace('v0.14.0', to)));
  return {
    github,
    owner: 'acme',
    repo: 'small',
    base: 'main',
    baseSha: (await repo.branchHead('main'))!,
    group,
    entries: [{ path: 'go.mod', mode: '100644', sha: blob }],
    updates: [{ module: 'golang.org/x/text', to, kind: 'minor', dirs: [{ dir: '.', from: 'v0.14.0' }] }],
    carried: [],
    affected: ['.'],
    services: [],
    failed: [],
    skipped: [],
    config: { labels: [], reviewers: [], openPullRequestsLimit: 5 },
    sections: {
      impact: () => '',
      releaseNotes: async () => ({ section: '', highlights: '' }),
      commands: async () => '',
    },
    log: silentLogger as unknown as Logger,
    ...over,
  };
}
