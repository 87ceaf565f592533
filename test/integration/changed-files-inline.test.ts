/**
 * What apply changed reaches the branch byte for byte whichever way each file travels: small
 * UTF-8 text inline in the tree (no blob write), a large file, one that is not UTF-8 and one with
 * a byte-order mark as uploaded blobs, a removed file as a deletion (not committed here: the
 * stand-in's git store cannot remove a path). The app's own Octokit against
 * the GitHub stand-in, which holds real git objects.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probotAuth } from '../../src/github/app-auth.js';
import { MAX_INLINE_FILE, uploadChangedFiles } from '../../src/github/changed-files.js';
import { commitToBranch } from '../../src/github/commit-files.js';
import type { FakeRepo } from '../stand-in/fake-repo.js';
import { StandIn } from '../stand-in/stand-in.js';
import { standInProbot, testPrivateKey } from '../support/app-harness.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/retry-service', import.meta.url));
const APP_ID = 7709;
const INSTALLATION = 61;

let gh: StandIn;
let repo: FakeRepo;
let dir: string;

beforeAll(async () => {
  gh = await StandIn.start({ appId: APP_ID, privateKey: testPrivateKey(), webhookSecret: 'x' });
  repo = await gh.addRepo(FIXTURE, {
    owner: 'acme',
    name: 'svc',
    id: 6101,
    installationId: INSTALLATION,
    runner: false,
  });
  dir = await mkdtemp(join(tmpdir(), 'inline-'));
});

afterAll(async () => {
  await gh.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('changed files on their way to a commit', () => {
  it('inlines small UTF-8 text, uploads the rest as blobs, and the commit holds every byte', async () => {
    const files: Record<string, Buffer> = {
      'go.mod': Buffer.from('module example.com/svc\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0 // ünïcode\n'),
      'crlf.txt': Buffer.from('a\r\nb\r\n'),
      'large.txt': Buffer.from('x'.repeat(MAX_INLINE_FILE + 1)),
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'bom.txt': Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69, 0x0a]),
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const github = await probotAuth(standInProbot(gh.apiUrl, APP_ID)).installation(INSTALLATION);
    const paths = [...Object.keys(files), 'cmd/retry/main.go'];
    const entries = await uploadChangedFiles(github, 'acme', 'svc', dir, paths);
    expect(entries.map((e) => [e.path, 'content' in e ? 'inline' : e.sha === null ? 'deleted' : 'blob'])).toEqual([
      ['go.mod', 'inline'],
      ['crlf.txt', 'inline'],
      ['large.txt', 'blob'],
      ['latin1.txt', 'blob'],
      ['bom.txt', 'blob'],
      ['cmd/retry/main.go', 'deleted'],
    ]);
    const blobWrites = gh.exchanges.filter((e) => e.method === 'POST' && e.path.endsWith('/git/blobs'));
    expect(blobWrites).toHaveLength(3);

    const base = (await repo.branchHead('main'))!;
    const commit = await commitToBranch(github, {
      owner: 'acme',
      repo: 'svc',
      branch: 'gomod-steward/main/all',
      baseSha: base,
      // The stand-in's git store cannot remove a path; deletions are not what changed here.
      entries: entries.filter((e) => 'content' in e || e.sha !== null),
      message: 'test',
    }).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}: ${gh.violations.join('\n')}`);
    });
    for (const [name, content] of Object.entries(files)) expect(await repo.fileAt(commit.sha, name)).toEqual(content);
    expect(await repo.fileAt(commit.sha, 'go.sum')).toEqual(await repo.fileAt(base, 'go.sum'));
    expect(gh.violations).toEqual([]);
  }, 30_000);
});
