/**
 * A bot PR whose major move starts or stops breaking the build, through the GitHub stand-in over
 * HTTP (REST held to the OpenAPI description, GraphQL to GitHub's schema): it becomes a draft
 * labelled `breaking` when a later run finds the build broken, and ready for review without the
 * label once it builds again. A draft a person made stays a draft.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { setPullDraft } from '../../src/github/pull-draft.js';
import { publishPull, type PublishInput } from '../../src/pull-request/publish-pull.js';
import { testPrivateKey } from '../support/app-harness.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { installationClient } from '../stand-in/installation-client.js';
import { StandIn } from '../stand-in/stand-in.js';
import { writeTree } from './apply-fixtures.js';
import { SMALL_GO_MOD, smallPublishInput } from './publish-fixtures.js';

const APP_ID = 4712;
const BROKEN = [{ dir: '.', modules: ['golang.org/x/text'], errors: './main.go:9:9: undefined: text.Old' }];

let gh: StandIn;
let repo: FakeRepo;
let github: GitHubClient;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gomod-steward-breaking-'));
  await writeTree(join(work, 'src'), { 'go.mod': SMALL_GO_MOD });
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'hush' });
  repo = await gh.addRepo(join(work, 'src'), {
    owner: 'acme',
    name: 'small',
    id: 812,
    installationId: 92,
    runner: false,
  });
  github = await installationClient(gh, 92);
}, 60_000);

afterAll(async () => {
  await gh?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

beforeEach(() => {
  gh.violations.length = 0;
});

function input(group: string, to: string, breaking: boolean): Promise<PublishInput> {
  return smallPublishInput(repo, github, group, to, {
    config: { labels: ['dependencies'], reviewers: [], openPullRequestsLimit: 5 },
    ...(breaking ? { breaking: BROKEN } : {}),
  });
}

const graphqlCalls = () => gh.exchanges.filter((r) => r.path === '/graphql').length;

describe('a bot PR that starts and stops breaking', () => {
  it('becomes a draft labelled breaking, then ready without the label; each change written once', async () => {
    const opened = await publishPull(await input('text', 'v0.15.0', false));
    expect(opened).toMatchObject({ kind: 'published', created: true });
    const pr = repo.pulls.find((p) => p.head === 'gomod-steward/main/text')!;
    expect(pr.draft).toBeFalsy();

    // A later run moves it and the build breaks.
    await publishPull(await input('text', 'v0.16.0', true));
    expect(pr).toMatchObject({ draft: true, labels: ['dependencies', 'breaking'] });
    expect(pr.body).toContain('Does not build yet');
    // The same broken state again: nothing more to convert.
    const calls = graphqlCalls();
    await publishPull(await input('text', 'v0.16.0', true));
    expect(graphqlCalls()).toBe(calls);

    // It builds again: ready for review, and the label goes.
    await publishPull(await input('text', 'v0.17.0', false));
    expect(pr.draft).toBe(false);
    expect(pr.labels).toEqual(['dependencies']);
    expect(pr.body).not.toContain('Does not build yet');
    expect(gh.violations).toEqual([]);
  });

  it('leaves a draft a person made alone when the build is fine', async () => {
    await publishPull(await input('other', 'v0.15.0', false));
    const pr = repo.pulls.find((p) => p.head === 'gomod-steward/main/other')!;
    await setPullDraft(github, repo.pullNodeId(pr), true);
    await publishPull(await input('other', 'v0.16.0', false));
    expect(pr.draft).toBe(true);
    expect(gh.violations).toEqual([]);
  });
});
