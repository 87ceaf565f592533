/**
 * The stand-in itself: credentials as GitHub checks them, requests and replies held to GitHub's
 * OpenAPI description (so its validation can fail), git's smart HTTP, faults on demand.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitUrlFor, shallowCheckout } from '../../src/github/clone.js';
import { testPrivateKey } from '../support/app-harness.js';
import { EXAMPLE_DIR } from '../support/go-cli.js';
import type { FakeRepo } from './fake-repo.js';
import { appJwt } from './app-jwt.js';
import { StandIn } from './stand-in.js';

const APP_ID = 31337;
let gh: StandIn;
let repo: FakeRepo;
let token: string;

async function call(
  method: string,
  path: string,
  auth: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${gh.apiUrl}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      ...(auth ? { authorization: auth } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

beforeAll(async () => {
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'hush' });
  repo = await gh.addRepo(EXAMPLE_DIR, { owner: 'acme', name: 'commerce-platform', id: 501, installationId: 61 });
  const minted = await call('POST', '/app/installations/61/access_tokens', `Bearer ${appJwt(APP_ID)}`);
  token = String(minted.body['token']);
});

afterAll(async () => {
  await gh?.stop();
});

describe('credentials', () => {
  it('mints an installation token for a JWT signed with the app key, and refuses a forged one', async () => {
    expect(token).toMatch(/^ghs_/);
    const forged = await call('POST', '/app/installations/61/access_tokens', `Bearer ${appJwt(APP_ID + 1)}`);
    expect(forged.status).toBe(401);
    const listed = await call('GET', '/installation/repositories', `token ${token}`);
    expect(listed.status).toBe(200);
    expect((listed.body['repositories'] as { full_name: string }[]).map((r) => r.full_name)).toEqual([
      'acme/commerce-platform',
    ]);
  });

  it('answers 401 to an unknown token and 404 for a repository outside the installation', async () => {
    expect((await call('GET', '/repos/acme/commerce-platform', 'token ghs_nope')).status).toBe(401);
    expect((await call('GET', '/repos/acme/other', `token ${token}`)).status).toBe(404);
    expect((await call('GET', '/repos/acme/commerce-platform', `token ${token}`)).body['full_name']).toBe(
      'acme/commerce-platform',
    );
  });
});

describe("held to GitHub's OpenAPI description", () => {
  it('rejects a malformed request as GitHub does (422) and records the violation', async () => {
    const before = gh.violations.length;
    // `head` is required when opening a pull request.
    const res = await call('POST', '/repos/acme/commerce-platform/pulls', `token ${token}`, {
      base: 'main',
      title: 'x',
    });
    expect(res.status).toBe(422);
    expect(gh.violations.slice(before).join('\n')).toMatch(/missing required field "head"/);
    expect(repo.pulls).toHaveLength(0);
  });

  it('answers 404 to a route GitHub does not have, and records it', async () => {
    const before = gh.violations.length;
    expect((await call('GET', '/repos/acme/commerce-platform/no-such-thing', `token ${token}`)).status).toBe(404);
    expect(gh.violations.slice(before)).toEqual([
      "GET /repos/acme/commerce-platform/no-such-thing is not in GitHub's OpenAPI description",
    ]);
  });

  it('answers 501 to a route GitHub has but the stand-in does not implement, and records the gap', async () => {
    const before = gh.violations.length;
    const res = await call('GET', '/repos/acme/commerce-platform/stargazers', `token ${token}`);
    expect(res.status).toBe(501);
    const outside = await call('GET', '/rate_limit', `token ${token}`);
    expect(outside.status).toBe(501);
    expect(gh.violations.slice(before)).toEqual([
      'GET /repos/acme/commerce-platform/stargazers: GitHub has this route but the stand-in does not implement it',
      'GET /rate_limit: GitHub has this route but the stand-in does not implement it',
    ]);
    gh.violations.splice(before);
  });

  it("serves a repository's releases (none) and a comparison of two refs, within the description", async () => {
    const before = gh.violations.length;
    const releases = await call('GET', '/repos/acme/commerce-platform/releases?per_page=100', `token ${token}`);
    expect({ status: releases.status, body: releases.body }).toEqual({ status: 200, body: [] });
    const sha = (await repo.branchHead('main'))!;
    const compared = await call('GET', `/repos/acme/commerce-platform/compare/${sha}...main`, `token ${token}`);
    expect(compared.status).toBe(200);
    expect(compared.body).toMatchObject({ status: 'identical', ahead_by: 0, total_commits: 0, commits: [] });
    expect(gh.violations.slice(before)).toEqual([]);
  });

  it('does not pass on a reply of its own that breaks the description', async () => {
    const before = gh.violations.length;
    // A repository without its required `full_name`: the stand-in must not send that.
    repo.failNext('GET', /^\/repos\/acme\/commerce-platform$/, { status: 200, body: { id: 1, name: 'x' } });
    const res = await call('GET', '/repos/acme/commerce-platform', `token ${token}`);
    expect(res.status).toBe(500);
    expect(gh.violations.slice(before).join('\n')).toMatch(/missing required field "full_name"/);
    gh.violations.splice(before);
  });
});

describe('git smart HTTP', () => {
  it('serves a shallow fetch of a commit to the installation token, as the app checks out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'standin-clone-'));
    try {
      const sha = (await repo.branchHead('main'))!;
      await shallowCheckout({ url: gitUrlFor(gh.apiUrl, 'acme', 'commerce-platform'), sha, dir, token });
      expect(await readFile(join(dir, 'go.work'), 'utf8')).toBe(await readFile(join(EXAMPLE_DIR, 'go.work'), 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a fetch without a valid token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'standin-clone-'));
    try {
      const sha = (await repo.branchHead('main'))!;
      await expect(
        shallowCheckout({ url: gitUrlFor(gh.apiUrl, 'acme', 'commerce-platform'), sha, dir, token: 'ghs_wrong' }),
      ).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('faults', () => {
  it('answers a secondary rate limit with Retry-After, then serves again', async () => {
    gh.faults.secondaryRateLimit('GET', /^\/repos\/acme\/commerce-platform$/, 7);
    const limited = await call('GET', '/repos/acme/commerce-platform', `token ${token}`);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call('GET', '/repos/acme/commerce-platform', `token ${token}`)).status).toBe(200);
    expect(gh.faults.pending()).toEqual([]);
  });

  it("still validates a request a fault would intercept: GitHub's answer, the violation, the fault kept", async () => {
    const before = gh.violations.length;
    gh.faults.serverError('POST', /^\/repos\/acme\/commerce-platform\/pulls$/);
    const res = await call('POST', '/repos/acme/commerce-platform/pulls', `token ${token}`, { base: 'main' });
    expect(res.status).toBe(422);
    expect(gh.violations.slice(before).join('\n')).toMatch(/missing required field "head"/);
    expect(gh.faults.pending()).toHaveLength(1);
    gh.faults.clear();
    gh.violations.splice(before);
  });

  it('sends a fault GitHub documents for the operation (422 on opening a pull request) without a violation', async () => {
    const before = gh.violations.length;
    gh.faults.unprocessable('POST', /^\/repos\/acme\/commerce-platform\/pulls$/, 'Validation Failed');
    const res = await call('POST', '/repos/acme/commerce-platform/pulls', `token ${token}`, {
      base: 'main',
      head: 'feature',
      title: 'x',
    });
    expect(res.status).toBe(422);
    expect(res.body['message']).toBe('Validation Failed');
    expect(gh.violations.slice(before)).toEqual([]);
    expect(repo.pulls).toHaveLength(0);
  });

  it('refuses, with a violation and a 500, a booked fault GitHub would not send for that operation', async () => {
    const before = gh.violations.length;
    // Reading a repository never answers 422: a test booking it would exercise a path real GitHub cannot reach.
    gh.faults.unprocessable('GET', /^\/repos\/acme\/commerce-platform$/);
    const res = await call('GET', '/repos/acme/commerce-platform', `token ${token}`);
    expect(res.status).toBe(500);
    expect(gh.violations.slice(before)).toEqual([
      expect.stringMatching(/^fault reply: GET \/repos\/\{owner\}\/\{repo\} → 422: status not documented/),
    ]);
    gh.violations.splice(before);
  });

  it('allows only a server error or a rate limit as a GraphQL fault', async () => {
    const before = gh.violations.length;
    gh.faults.unprocessable('POST', /^\/graphql$/);
    const res = await fetch(`${gh.url}/api/graphql`, {
      method: 'POST',
      headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(res.status).toBe(500);
    expect(gh.violations.slice(before)).toEqual([expect.stringMatching(/^fault reply: POST \/graphql → 422/)]);
    gh.violations.splice(before);
  });

  it('drops a connection without an answer', async () => {
    gh.faults.drop('GET', /^\/repos\/acme\/commerce-platform$/);
    await expect(call('GET', '/repos/acme/commerce-platform', `token ${token}`)).rejects.toThrow();
    expect(gh.faults.fired.at(-1)).toMatchObject({ action: 'drop' });
  });
});
