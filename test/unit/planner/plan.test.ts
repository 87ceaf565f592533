/** The planner's policy and bookkeeping over an in-memory proxy: what is proposed, held, skipped. */
import { describe, expect, it } from '@jest/globals';
import { defaultConfig, type StewardConfig } from '../../../src/config/schema.js';
import { createPlan } from '../../../src/planner/plan.js';
import { planSchema } from '../../../src/planner/plan-schema.js';
import { memoryTree } from '../../../src/workspace/tree.js';
import { goModText, MemorySource } from '../../support/memory-source.js';

function source(): MemorySource {
  return new MemorySource()
    .add('example.org/a', 'v1.0.0', { go: '1.20' })
    .add('example.org/a', 'v1.0.1', { go: '1.20' })
    .add('example.org/a', 'v1.1.0', { go: '1.20', require: ['example.org/c v1.1.0'] })
    .add('example.org/a', 'v1.2.0', { go: '1.23' })
    .add('example.org/b', 'v0.3.0', { go: '1.20' })
    .add('example.org/b', 'v0.4.0', { go: '1.20', require: ['example.org/needsgo v1.0.0'] })
    .add('example.org/needsgo', 'v1.0.0', { go: '1.24' })
    .add('example.org/c', 'v1.0.0', { go: '1.20' })
    .add('example.org/c', 'v1.1.0', { go: '1.20' });
}

const config = (over: Partial<StewardConfig> = {}): StewardConfig => ({ ...defaultConfig(), ...over });

function repo(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'go.work': 'go 1.22\n\nuse (\n\t./lib\n\t./svc\n\t./tool\n)\n',
    'tool/go.mod': goModText('example.org/repo/tool', { go: '1.22', require: ['example.org/c v1.0.0'] }),
    'lib/go.mod': goModText('example.org/repo/lib', {
      go: '1.22',
      require: ['example.org/a v1.0.0', 'example.org/c v1.0.0 // indirect'],
    }),
    'svc/go.mod': goModText('example.org/repo/svc', {
      go: '1.22',
      require: ['example.org/repo/lib v0.0.0', 'example.org/a v1.0.0', 'example.org/b v0.3.0'],
      replace: ['example.org/repo/lib => ../lib'],
    }),
    ...extra,
  };
}

describe('createPlan', () => {
  it('aligns one target across modules, holds back what needs a newer go, and says why', async () => {
    const plan = await createPlan({ tree: memoryTree(repo()), root: '.', config: config(), source: source() });
    expect(plan.modules.map((m) => m.dir)).toEqual(['lib', 'svc', 'tool']);
    expect(plan.updates).toEqual([
      {
        module: 'example.org/a',
        to: 'v1.1.0',
        kind: 'minor',
        dirs: [
          { dir: 'lib', from: 'v1.0.0' },
          { dir: 'svc', from: 'v1.0.0' },
        ],
      },
      { module: 'example.org/c', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: 'tool', from: 'v1.0.0' }] },
    ]);
    // b v0.4.0 brings in a module that declares go 1.24: `go get` would raise svc's go line.
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        dir: 'svc',
        module: 'example.org/b',
        reason: 'needs-newer-go',
        detail: expect.stringMatching(/v0\.4\.0 needs go 1\.24 \(through example\.org\/needsgo@v1\.0\.0\)/),
      }),
    ]);
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({
        dir: 'lib',
        module: 'example.org/a',
        message: expect.stringMatching(/held at v1\.1\.0: v1\.2\.0 needs go 1\.23/),
      }),
    );
    // a v1.1.0 requires c v1.1.0: carried in lib, and in svc through its local replace of lib.
    expect(plan.carried).toEqual([
      { dir: 'lib', module: 'example.org/c', from: 'v1.0.0', to: 'v1.1.0' },
      { dir: 'svc', module: 'example.org/c', from: 'v1.0.0', to: 'v1.1.0' },
    ]);
    expect(plan.affected).toEqual(['lib', 'svc', 'tool']);
  });

  it('holds a workspace to what its most constrained member can take, since go work sync would spread it', async () => {
    const files = repo({
      'svc/go.mod': goModText('example.org/repo/svc', { go: '1.23', require: ['example.org/a v1.0.0'] }),
      'tool/go.mod': goModText('example.org/repo/tool', { go: '1.23', require: ['example.org/a v1.0.0'] }),
      'go.work': 'go 1.23\n\nuse (\n\t./lib\n\t./svc\n)\n',
    });
    const plan = await createPlan({ tree: memoryTree(files), root: '.', config: config(), source: source() });
    // lib (go 1.22) can take a v1.1.0 only; svc alone could take v1.2.0 (go 1.23). tool is outside the workspace.
    expect(plan.updates.filter((u) => u.module === 'example.org/a')).toEqual([
      { module: 'example.org/a', to: 'v1.2.0', kind: 'minor', dirs: [{ dir: 'tool', from: 'v1.0.0' }] },
      {
        module: 'example.org/a',
        to: 'v1.1.0',
        kind: 'minor',
        dirs: [
          { dir: 'lib', from: 'v1.0.0' },
          { dir: 'svc', from: 'v1.0.0' },
        ],
      },
    ]);
    expect(plan.warnings).toContainEqual({
      dir: 'svc',
      module: 'example.org/a',
      message: 'held at v1.1.0: kept in line with lib in the workspace',
    });
  });

  it('with go-directive: allow proposes what Go itself would', async () => {
    const plan = await createPlan({
      tree: memoryTree(repo()),
      root: '.',
      config: config({ goDirective: 'allow' }),
      source: source(),
    });
    expect(plan.updates.map((u) => `${u.module}@${u.to}`)).toEqual([
      'example.org/a@v1.2.0',
      'example.org/b@v0.4.0',
      'example.org/c@v1.1.0',
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('honours update-types and ignore rules', async () => {
    const patchOnly = await createPlan({
      tree: memoryTree(repo()),
      root: '.',
      config: config({ updateTypes: ['patch'] }),
      source: source(),
    });
    expect(patchOnly.updates.map((u) => `${u.module}@${u.to}:${u.kind}`)).toEqual(['example.org/a@v1.0.1:patch']);
    expect(patchOnly.skipped).toContainEqual(
      expect.objectContaining({ dir: 'tool', module: 'example.org/c', reason: 'update-type' }),
    );
    const ignored = await createPlan({
      tree: memoryTree(repo()),
      root: '.',
      config: config({ ignore: [{ dependency: 'example.org/a', updateTypes: ['minor'] }] as StewardConfig['ignore'] }),
      source: source(),
    });
    expect(ignored.updates.map((u) => `${u.module}@${u.to}`)).toEqual(['example.org/a@v1.0.1', 'example.org/c@v1.1.0']);
  });

  it('marks a minor on v0 mayBreak: true, and neither a v0 patch, a v0 → v1 major nor a v1 minor', async () => {
    const pseudo = 'v0.0.0-20230102150405-abcdefabcdef';
    const src = new MemorySource()
      .add('example.org/m', 'v0.30.0', { go: '1.20' })
      .add('example.org/m', 'v0.37.0', { go: '1.20' })
      .add('example.org/p', 'v0.3.1', { go: '1.20' })
      .add('example.org/p', 'v0.3.2', { go: '1.20' })
      .add('example.org/q', pseudo, { go: '1.20' }, { time: '2023-01-02T15:04:05Z', listed: false })
      .add('example.org/q', 'v0.3.0', { go: '1.20' }, { time: '2024-01-01T00:00:00Z' })
      .add('example.org/w', 'v0.9.0', { go: '1.20' })
      .add('example.org/w', 'v1.0.0', { go: '1.20' })
      .add('example.org/c', 'v1.0.0', { go: '1.20' })
      .add('example.org/c', 'v1.1.0', { go: '1.20' });
    const tree = memoryTree({
      'go.mod': goModText('example.org/x', {
        go: '1.22',
        require: [
          'example.org/m v0.30.0',
          'example.org/p v0.3.1',
          `example.org/q ${pseudo}`,
          'example.org/w v0.9.0',
          'example.org/c v1.0.0',
        ],
      }),
    });
    const plan = await createPlan({
      tree,
      root: '.',
      config: config({ updateTypes: ['major', 'minor', 'patch'] }),
      source: src,
    });
    expect(plan.updates.map(({ module, to, kind, mayBreak }) => ({ module, to, kind, mayBreak }))).toEqual([
      { module: 'example.org/c', to: 'v1.1.0', kind: 'minor', mayBreak: undefined },
      { module: 'example.org/m', to: 'v0.37.0', kind: 'minor', mayBreak: true },
      { module: 'example.org/p', to: 'v0.3.2', kind: 'patch', mayBreak: undefined },
      // A pseudo-version on v0 moving to a v0.y release: minor when the minor differs, as Go's semver reads it.
      { module: 'example.org/q', to: 'v0.3.0', kind: 'minor', mayBreak: true },
      { module: 'example.org/w', to: 'v1.0.0', kind: 'major', mayBreak: undefined },
    ]);
    // Absent, not false, where it does not apply: plan JSON without v0 minors keeps its shape.
    expect(plan.updates.filter((u) => 'mayBreak' in u).map((u) => u.module)).toEqual([
      'example.org/m',
      'example.org/q',
    ]);
    expect(planSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it('proposes nothing when everything is current', async () => {
    const tree = memoryTree({
      'go.mod': goModText('example.org/x', { go: '1.22', require: ['example.org/c v1.1.0'] }),
    });
    const plan = await createPlan({ tree, root: '.', config: config(), source: source() });
    expect(plan).toMatchObject({ updates: [], carried: [], affected: [], skipped: [], warnings: [] });
  });

  const broken: [string, Record<string, string>, RegExp][] = [
    [
      'a go.mod with an unknown directive',
      { 'lib/go.mod': 'module example.org/repo/lib\n\ngo 1.22\nfrobnicate x\n' },
      /^lib\/go\.mod:4:\d+/,
    ],
    [
      'a go.mod with a non-canonical version',
      { 'lib/go.mod': 'module example.org/repo/lib\n\nrequire example.org/a 1.0\n' },
      /^lib\/go\.mod:3:\d+/,
    ],
    [
      'a go.mod with an unterminated block',
      { 'lib/go.mod': 'module example.org/repo/lib\n\nrequire (\n\texample.org/a v1.0.0\n' },
      /^lib\/go\.mod:\d+/,
    ],
    ['a go.mod without a module line', { 'lib/go.mod': 'go 1.22\n' }, /^lib\/go\.mod:1/],
    [
      'a go.mod with a bad go version',
      { 'lib/go.mod': 'module example.org/repo/lib\n\ngo 1.22.x\n' },
      /^lib\/go\.mod:3:\d+/,
    ],
    [
      'a go.work with a bad directive',
      { 'go.work': 'go 1.22\n\nuse ./lib\nrequire example.org/a v1.0.0\n' },
      /^go\.work:4:\d+/,
    ],
    [
      'a go.work using a directory without go.mod',
      { 'go.work': 'go 1.22\n\nuse (\n\t./lib\n\t./svc\n\t./gone\n)\n' },
      /^go\.work:6/,
    ],
  ];
  it.each(broken)('reports %s with file and line and still plans the rest', async (_name, files, where) => {
    const plan = await createPlan({ tree: memoryTree(repo(files)), root: '.', config: config(), source: source() });
    const bad = plan.skipped.filter((s) => s.reason === 'invalid-input');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.detail).toMatch(where);
    // The module that does not depend on the broken file is planned all the same.
    expect(plan.updates).toContainEqual(
      expect.objectContaining({ module: 'example.org/c', dirs: [{ dir: 'tool', from: 'v1.0.0' }] }),
    );
    // A module that replaces the broken one locally is planned or skipped with a reason, never lost.
    const svc =
      plan.updates.some((u) => u.dirs.some((d) => d.dir === 'svc')) || plan.skipped.some((s) => s.dir === 'svc');
    expect(svc).toBe(true);
  });

  it("skips only a requirement the proxy does not have, and still upgrades the module's others", async () => {
    const tree = memoryTree({
      'go.mod': goModText('example.org/x', {
        go: '1.22',
        require: ['example.org/a v1.0.0', 'example.org/missing v1.0.0'],
      }),
    });
    const plan = await createPlan({ tree, root: '.', config: config(), source: source() });
    expect(plan.skipped).toEqual([
      expect.objectContaining({ dir: '.', module: 'example.org/missing', reason: 'not-found' }),
    ]);
    expect(plan.updates).toEqual([
      { module: 'example.org/a', to: 'v1.1.0', kind: 'minor', dirs: [{ dir: '.', from: 'v1.0.0' }] },
    ]);
    // What MVS carries is a guess past the missing go.mod: none is claimed, one warning says why,
    // and the module counts as affected.
    expect(plan.carried).toEqual([]);
    const unknown = plan.warnings.filter((w) => /unknown/.test(w.message));
    expect(unknown).toEqual([
      {
        dir: '.',
        message: expect.stringMatching(
          /unknown: the module graph could not be read past example\.org\/missing@v1\.0\.0 \(not-found\)/,
        ),
      },
    ]);
    expect(plan.affected).toEqual(['.']);
  });

  it('names the unreadable go.mod deep in the graph, not the whole module, and plans every direct requirement', async () => {
    // d's go.mod is unpruned (go 1.16): Go loads its requirements' go.mod files too.
    const src = source()
      .add('example.org/d', 'v1.0.0', { go: '1.16', require: ['example.org/gone v1.0.0'] })
      .add('example.org/d', 'v1.0.1', { go: '1.16', require: ['example.org/gone v1.0.0'] });
    const tree = memoryTree({
      'go.mod': goModText('example.org/x', { go: '1.22', require: ['example.org/c v1.0.0', 'example.org/d v1.0.0'] }),
    });
    const plan = await createPlan({ tree, root: '.', config: config(), source: src });
    expect(plan.skipped).toEqual([
      expect.objectContaining({ dir: '.', module: 'example.org/gone', reason: 'not-found' }),
    ]);
    expect(plan.updates.map((u) => `${u.module}@${u.to}`)).toEqual(['example.org/c@v1.1.0', 'example.org/d@v1.0.1']);
    expect(plan.warnings.filter((w) => /unknown/.test(w.message))).toHaveLength(1);
  });

  it('does not plan past a proxy that is down: the module is skipped naming the go.mod it could not fetch', async () => {
    const src = source();
    const mod = src.mod.bind(src);
    src.mod = async (path: string, version: string) => {
      if (path === 'example.org/c')
        throw Object.assign(new Error(`${path}@${version}: 502 Bad Gateway`), { name: 'ProxyUnavailableError' });
      return mod(path, version);
    };
    const tree = memoryTree({
      'go.mod': goModText('example.org/x', { go: '1.22', require: ['example.org/a v1.0.0', 'example.org/c v1.0.0'] }),
    });
    const plan = await createPlan({ tree, root: '.', config: config(), source: src });
    expect(plan.updates).toEqual([]);
    expect(plan.skipped).toEqual([
      expect.objectContaining({ dir: '.', module: 'example.org/c', reason: 'proxy-error' }),
    ]);
  });

  it('skips, naming the proxy error, a requirement whose retractions could not be read, instead of proposing a retracted version', async () => {
    // r@v1.2.0 retracts v1.1.0 and needs go 1.24: with the retractions lost to a one-off 502,
    // the planner would hold v1.2.0 back for its go line and fall back to the retracted v1.1.0.
    const src = new MemorySource()
      .add('example.org/r', 'v1.0.0', { go: '1.20' })
      .add('example.org/r', 'v1.1.0', { go: '1.20' })
      .add('example.org/r', 'v1.2.0', { go: '1.24', retract: ['v1.1.0'] });
    const mod = src.mod.bind(src);
    let failures = 0;
    src.mod = async (path: string, version: string) => {
      if (path === 'example.org/r' && version === 'v1.2.0' && failures++ === 0)
        throw Object.assign(new Error(`${path}@${version}: 502 Bad Gateway`), { name: 'ProxyUnavailableError' });
      return mod(path, version);
    };
    const tree = memoryTree({
      'go.mod': goModText('example.org/x', { go: '1.22', require: ['example.org/r v1.0.0'] }),
    });
    const plan = await createPlan({ tree, root: '.', config: config(), source: src });
    expect(failures).toBeGreaterThan(0);
    expect(plan.updates).toEqual([]);
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        dir: '.',
        module: 'example.org/r',
        reason: 'proxy-error',
        detail: expect.stringContaining('502'),
      }),
    ]);
  });
});
