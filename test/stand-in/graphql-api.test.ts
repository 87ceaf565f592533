/**
 * The stand-in's GraphQL endpoint, driven by the app's own merge code over HTTP: the app's
 * mutation must validate against GitHub's published schema, and each way GitHub answers
 * `enablePullRequestAutoMerge` (enabled, not allowed for the repository, nothing to wait for)
 * leads the app to the merge a person would expect. A document GitHub would refuse is refused.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { mergeWhenGreen } from '../../src/github/merge-pull.js';
import { testPrivateKey } from '../support/app-harness.js';
import { EXAMPLE_DIR } from '../support/go-cli.js';
import type { FakePull, FakeRepo } from './fake-repo.js';
import { installationClient } from './installation-client.js';
import { StandIn } from './stand-in.js';

const APP_ID = 4711;
let gh: StandIn;
let repo: FakeRepo;
let github: GitHubClient;
let branches = 0;

beforeAll(async () => {
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'hush' });
  repo = await gh.addRepo(EXAMPLE_DIR, { owner: 'acme', name: 'shop', id: 811, installationId: 91, runner: false });
  github = await installationClient(gh, 91);
});

afterAll(async () => {
  await gh?.stop();
});

beforeEach(() => {
  gh.violations.length = 0;
});

/** A branch one commit ahead of main and an open PR for it, made through the REST API. */
async function openPull(): Promise<{ pull: FakePull; nodeId: string; headSha: string }> {
  const branch = `gomod-steward/test-${++branches}`;
  const main = (await repo.store.revParse('refs/heads/main'))!;
  const { sha: headSha } = await repo.store.commitFiles(
    main,
    { [`docs/change-${branches}.md`]: `change ${branches}\n` },
    `change ${branches}\n`,
  );
  await repo.store.setRef(`refs/heads/${branch}`, headSha);
  const { data } = await github.rest.pulls.create({
    owner: 'acme',
    repo: 'shop',
    head: branch,
    base: 'main',
    title: `change ${branches}`,
  });
  return { pull: repo.pulls.find((p) => p.number === data.number)!, nodeId: data.node_id, headSha };
}

function merge(p: { pull: FakePull; nodeId: string; headSha: string }) {
  return mergeWhenGreen(github, {
    owner: 'acme',
    repo: 'shop',
    pullNumber: p.pull.number,
    nodeId: p.nodeId,
    headSha: p.headSha,
  });
}

describe('enablePullRequestAutoMerge', () => {
  it('enables auto-merge where the repository allows it and the PR still waits on a review; GitHub merges after the approval', async () => {
    Object.assign(repo.mergeRules, { allowAutoMerge: true, requiredApprovals: 1 });
    const p = await openPull();
    expect(await merge(p)).toBe('auto-merge-enabled');
    expect(p.pull).toMatchObject({ state: 'open', merged: false, autoMerge: { by: gh.botLogin, method: 'merge' } });
    const { data } = await github.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: p.pull.number });
    expect(data.auto_merge).toMatchObject({ merge_method: 'merge', enabled_by: { login: gh.botLogin } });
    expect(data.mergeable_state).toBe('blocked');

    await repo.approve(p.pull.number, 'octo-lead');
    expect(p.pull).toMatchObject({ state: 'closed', merged: true });
    expect((await repo.store.readCommit((await repo.store.revParse('refs/heads/main'))!))?.parents).toContain(
      p.headSha,
    );
    expect(gh.violations).toEqual([]);
  });

  it('where the repository does not allow auto-merge, the app merges the tested head itself', async () => {
    Object.assign(repo.mergeRules, { allowAutoMerge: false, requiredApprovals: 0 });
    const p = await openPull();
    expect(await merge(p)).toBe('merged');
    expect(p.pull).toMatchObject({ state: 'closed', merged: true });
    expect(p.pull.autoMerge).toBeUndefined();
    expect(gh.violations).toEqual([]);
  });

  it('a PR with nothing left to wait for ("clean status") is merged directly', async () => {
    Object.assign(repo.mergeRules, { allowAutoMerge: true, requiredApprovals: 0 });
    const p = await openPull();
    expect(await merge(p)).toBe('merged');
    expect(p.pull).toMatchObject({ state: 'closed', merged: true });
    expect(gh.violations).toEqual([]);
  });

  it('a PR blocked by protection, where auto-merge is not allowed, is left to a person', async () => {
    Object.assign(repo.mergeRules, { allowAutoMerge: false, requiredApprovals: 1 });
    const p = await openPull();
    expect(await merge(p)).toBe('not-mergeable');
    expect(p.pull).toMatchObject({ state: 'open', merged: false });
    expect(gh.violations).toEqual([]);
  });

  it("an unknown node id gets GitHub's NOT_FOUND error", async () => {
    await expect(
      github.graphql(
        'mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id }) { clientMutationId } }',
        { id: 'PR_nope' },
      ),
    ).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          type: 'NOT_FOUND',
          message: "Could not resolve to a node with the global id of 'PR_nope'",
        }),
      ],
    });
  });
});

describe("held to GitHub's GraphQL schema", () => {
  it('refuses a document GitHub would refuse, and records it', async () => {
    // `autoMergeNow` is not a mutation GitHub has.
    await expect(
      github.graphql('mutation($id: ID!) { autoMergeNow(input: { pullRequestId: $id }) { clientMutationId } }', {
        id: 'PR_x',
      }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringMatching(/autoMergeNow/) })],
    });
    expect(gh.violations.join('\n')).toMatch(/GraphQL refused: .*autoMergeNow/);
  });

  it('records a valid operation it does not implement instead of answering it', async () => {
    await expect(github.graphql('query { viewer { login } }')).rejects.toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringMatching(/does not implement Query.viewer/) })],
    });
    expect(gh.violations).toEqual(['GraphQL: Query.viewer is valid at GitHub but not implemented by the stand-in']);
  });

  it('answers 401 without an installation token', async () => {
    const res = await fetch(`${gh.url}/api/graphql`, {
      method: 'POST',
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(res.status).toBe(401);
  });
});
