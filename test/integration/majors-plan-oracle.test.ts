/**
 * Major discovery against Go itself, on a fixture that requires `gopkg.in/yaml.v2` at an old pinned
 * version and `github.com/schollz/progressbar/v2` (whose `/v3` exists and `/v4` does not): the plan
 * proposes, for each, the newest later major the proxy has, at the version `go list -m newpath@latest`
 * gives; and the first major past it is one Go cannot find either.
 */
import { describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type StewardConfig } from '../../src/config/schema.js';
import { createPlan } from '../../src/planner/plan.js';
import { proxyClientFromEnv } from '../../src/toolchain/proxy-client.js';
import { fsTree } from '../../src/workspace/tree.js';
import { defaultProxyUrl } from '../oracles/go-command.js';
import { go } from '../support/go-cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/majors/discover', import.meta.url));
const source = proxyClientFromEnv({ env: process.env });

/** What Go resolves `path@latest` to through the proxy alone (no VCS fallback), or null when it has no such module. */
async function goLatest(path: string): Promise<string | null> {
  const proxy = await defaultProxyUrl();
  try {
    const out = await go(['list', '-m', '-json', `${path}@latest`], FIXTURE, { GOPROXY: proxy });
    return (JSON.parse(out) as { Version: string }).Version;
  } catch {
    return null;
  }
}

describe('major discovery against the Go toolchain', () => {
  const majors: StewardConfig = { ...defaultConfig(), updateTypes: ['major', 'minor', 'patch'] };

  it('proposes the later majors the proxy has, at the version Go calls latest', async () => {
    const plan = await createPlan({ tree: fsTree(FIXTURE), root: '.', config: majors, source });
    const moves = plan.updates.filter((u) => u.newPath !== undefined);
    const expected = [
      { module: 'github.com/schollz/progressbar/v2', newPath: 'github.com/schollz/progressbar/v3', next: 'v4' },
      { module: 'gopkg.in/yaml.v2', newPath: 'gopkg.in/yaml.v3', next: 'yaml.v4' },
    ];
    expect(moves.map((u) => u.module)).toEqual(expected.map((e) => e.module));
    for (const e of expected) {
      const u = moves.find((m) => m.module === e.module)!;
      expect({ newPath: u.newPath, kind: u.kind, to: u.to }).toEqual({
        newPath: e.newPath,
        kind: 'major',
        to: await goLatest(e.newPath),
      });
      expect(u.dirs).toEqual([{ dir: '.', from: e.module === 'gopkg.in/yaml.v2' ? 'v2.2.8' : 'v2.15.0' }]);
      // The walk stopped where Go finds nothing either.
      const beyond = e.newPath.replace(/v3$/, e.next.replace(/^yaml\./, ''));
      expect(await goLatest(beyond)).toBeNull();
    }
    // The same-path upgrade of yaml.v2 is proposed as well, as Go's own upgrade query has it.
    const same = plan.updates.find((u) => u.module === 'gopkg.in/yaml.v2' && u.newPath === undefined);
    const listed = JSON.parse(await go(['list', '-m', '-u', '-json', 'gopkg.in/yaml.v2'], FIXTURE)) as {
      Update?: { Version: string };
    };
    expect(same?.to).toBe(listed.Update?.Version);
  });

  it('proposes no new path unless update-types has major', async () => {
    const plan = await createPlan({ tree: fsTree(FIXTURE), root: '.', config: defaultConfig(), source });
    expect(plan.updates.filter((u) => u.newPath !== undefined)).toEqual([]);
    expect(plan.updates.map((u) => u.module)).toContain('gopkg.in/yaml.v2');
  });

  it('proposes only a major version whose go line the module can take (go-directive: keep), as go get shows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'majors-guard-'));
    await cp(FIXTURE, dir, { recursive: true });
    const goMod = join(dir, 'go.mod');
    await writeFile(goMod, (await readFile(goMod, 'utf8')).replace('go 1.26', 'go 1.21'));
    const plan = await createPlan({ tree: fsTree(dir), root: '.', config: majors, source });
    const newPath = 'github.com/schollz/progressbar/v3';
    const latest = await goLatest(newPath);
    const goLineAfterGet = async (version: string): Promise<string | undefined> => {
      const copy = await mkdtemp(join(tmpdir(), 'majors-guard-get-'));
      await cp(dir, copy, { recursive: true });
      await go(['get', `${newPath}@${version}`], copy);
      return /^go (\S+)$/m.exec(await readFile(join(copy, 'go.mod'), 'utf8'))?.[1];
    };
    // The newest /v3 would raise the go line: the guard has something to hold back.
    expect(await goLineAfterGet(latest!)).not.toBe('1.21');
    const bar = plan.updates.find((u) => u.newPath === newPath);
    expect(bar).toBeDefined();
    expect(await goLineAfterGet(bar!.to)).toBe('1.21');
  });
});
