/**
 * An app on GitHub Enterprise Server reads the release notes of github.com modules from the public
 * API, not through the installation's client (whose host 404s them): anonymously, or with
 * GITHUB_COM_TOKEN. Both APIs are mocked and held to GitHub's OpenAPI description.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit, type Logger } from 'probot';
import { loadEnv } from '../../src/env.js';
import { publicGitHubClient } from '../../src/github/public-github.js';
import { releaseNotesPart } from '../../src/pipeline/release-notes-part.js';
import type { PullMeta } from '../../src/pull-request/meta.js';
import type { NotesProxy } from '../../src/release-notes/index.js';
import { testPrivateKey } from '../support/app-harness.js';
import { documentedExample, mockGitHub } from '../support/github-openapi.js';

const GHES = 'https://ghe.example.com/api/v3';
const PUBLIC = 'https://public-api.example.com';
const BASE = { APP_ID: '7', PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: 'hush', GITHUB_API_URL: GHES };

const log = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const proxy: NotesProxy = {
  info: async (_path, version) => ({ Version: version }),
  list: async () => ['v1.0.0', 'v1.1.0'],
};
const meta = {
  updates: [{ module: 'github.com/acme/widget', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: '.', from: 'v1.0.0' }] }],
} as unknown as PullMeta;

let releaseTemplate: Record<string, unknown>;
beforeAll(() => {
  nock.disableNetConnect();
  releaseTemplate = (documentedExample('get', '/repos/o/r/releases', 200) as Record<string, unknown>[])[0]!;
});
afterEach(() => nock.cleanAll());

function installationClient() {
  return new ProbotOctokit({
    baseUrl: GHES,
    auth: { token: 'ghs_installation' },
    throttle: { enabled: false },
    retry: { enabled: false },
  });
}

async function notesWith(env: Record<string, string>) {
  const publicGitHub = loadEnv({ ...BASE, ...env }).publicGitHub;
  expect(publicGitHub).toBeDefined();
  const gh = mockGitHub(PUBLIC);
  gh.get('/repos/acme/widget/releases', { per_page: '100', page: '1' }).reply(200, [
    {
      ...releaseTemplate,
      tag_name: 'v1.1.0',
      name: 'v1.1.0',
      body: '* fix: close idle connections',
      html_url: 'https://github.com/acme/widget/releases/tag/v1.1.0',
      draft: false,
      prerelease: false,
    },
  ]);
  const render = releaseNotesPart({ proxy, github: publicGitHubClient(publicGitHub!) });
  const part = await render(meta, { github: installationClient() as never, log, budget: 10_000 });
  gh.done();
  expect(gh.violations).toEqual([]);
  return { part, headers: gh.requests.map((r) => r.headers) };
}

describe('release notes on GitHub Enterprise Server', () => {
  it('reads github.com releases from the public API, without credentials by default', async () => {
    const { part, headers } = await notesWith({ GITHUB_COM_API_URL: PUBLIC });
    expect(part.section).toContain('close idle connections');
    expect(headers.every((h) => h['authorization'] === undefined)).toBe(true);
  });

  it('sends GITHUB_COM_TOKEN, and only to the public API', async () => {
    const { part, headers } = await notesWith({ GITHUB_COM_API_URL: PUBLIC, GITHUB_COM_TOKEN: 'ghp_public_reader' });
    expect(part.section).toContain('close idle connections');
    expect(headers.map((h) => h['authorization'])).toEqual(['token ghp_public_reader']);
  });

  it('keeps the installation client on github.com itself', () => {
    const { GITHUB_API_URL: _ghes, ...onGitHubCom } = BASE;
    void _ghes;
    expect(loadEnv(onGitHubCom).publicGitHub).toBeUndefined();
    expect(loadEnv({ ...BASE, GITHUB_API_URL: 'https://api.github.com' }).publicGitHub).toBeUndefined();
    expect(loadEnv(BASE).publicGitHub).toEqual({ apiUrl: 'https://api.github.com', token: undefined });
  });
});
