/**
 * A private Go module repository on the stand-in, `acme/platform-lib`, with the tags the private
 * module tests read: releases and a pre-release at the root, a subdirectory module's
 * `tools/vX.Y.Z` tags, a v2 major on a major branch, an untagged commit for pseudo-versions and
 * tags Go ignores. Shared by the module-source, planner and end-to-end tests.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FakeRepo } from './fake-repo.js';
import type { StandIn } from './stand-in.js';

export const PLATFORM_LIB = 'github.com/acme/platform-lib';

const lib = (version: string) =>
  `package platformlib\n\n// Version is the library's release.\nfunc Version() string { return ${JSON.stringify(version)} }\n`;

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gomod-steward-privlib-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  return dir;
}

export interface PlatformLib {
  repo: FakeRepo;
  /** The untagged commit after v1.2.0 and its pseudo-version. */
  untagged: { sha: string; pseudo: string };
}

/**
 * Adds acme/platform-lib to the stand-in, in `installationId`'s repository selection unless
 * `selected` is false. Commits are dated a day apart from 2026-01-01.
 */
export async function addPlatformLib(
  gh: StandIn,
  o: { installationId: number; id: number; selected: boolean },
): Promise<PlatformLib> {
  const goMod = (path: string) => `module ${path}\n\ngo 1.21\n`;
  const src = await dirWith({ 'go.mod': goMod(PLATFORM_LIB), 'lib.go': lib('1.0.0') });
  let repo: FakeRepo;
  try {
    repo = await gh.addRepo(src, {
      owner: 'acme',
      name: 'platform-lib',
      id: o.id,
      installationId: o.installationId,
      runner: false,
      selected: o.selected,
    });
  } finally {
    await rm(src, { recursive: true, force: true });
  }
  await repo.tag('v1.0.0');
  const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T12:00:00Z`;
  await repo.commitOnDefault(
    { 'lib.go': lib('1.1.0'), 'tools/go.mod': goMod(`${PLATFORM_LIB}/tools`), 'tools/tools.go': 'package tools\n' },
    'v1.1.0, and a tools module',
    day(2),
  );
  await repo.tag('v1.1.0');
  await repo.tag('tools/v0.1.0');
  await repo.commitOnDefault({ 'lib.go': lib('1.2.0-rc.1') }, 'v1.2.0-rc.1', day(3));
  await repo.tag('v1.2.0-rc.1');
  await repo.commitOnDefault(
    { 'lib.go': lib('1.2.0'), 'tools/tools.go': 'package tools\n\n// v0.2\n' },
    'v1.2.0',
    day(4),
  );
  await repo.tag('v1.2.0');
  await repo.tag('tools/v0.2.0');
  // Tags Go does not take as versions: not canonical, not semver, a pseudo-version's shape.
  await repo.tag('v1.3');
  await repo.tag('release-2026');
  await repo.tag('v1.9.0-0.20260104120000-000000000000');
  const sha = await repo.commitOnDefault({ 'lib.go': lib('1.2.1-dev') }, 'work after v1.2.0', day(5));
  const untagged = { sha, pseudo: `v1.2.1-0.20260105120000-${sha.slice(0, 12)}` };
  // The v2 major on a branch of its own: go.mod at the root declares …/v2.
  const v2 = await repo.store.commitFiles(
    sha,
    { 'go.mod': goMod(`${PLATFORM_LIB}/v2`), 'lib.go': lib('2.0.0') },
    'v2',
    day(6),
  );
  await repo.store.setRef('refs/heads/v2', v2.sha);
  await repo.tag('v2.0.0', v2.sha);
  return { repo, untagged };
}
