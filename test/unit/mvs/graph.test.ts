import { describe, expect, it } from '@jest/globals';
import { buildList, loadModuleGraph, loadWorkspaceGraph, ModuleGraphError } from '../../../src/gomod/mvs/index.js';
import { parseGoWork } from '../../../src/gomod/modfile/index.js';
import { listLines, MemorySource, memoryMain } from '../../support/memory-source.js';
import { sourceFor, WORKSPACE_SCENARIO } from './scenarios.js';

const main = (body: string, locals: Record<string, string> = {}) =>
  memoryMain(`module example.com/main\n\n${body}`, locals);

describe('which go.mod files are read', () => {
  it('reads only the roots’ go.mod files in a pruned graph', async () => {
    const s = new MemorySource()
      .add('example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/b v1.0.0'] })
      .add('example.com/b', 'v1.0.0', { go: '1.20', require: ['example.com/c v1.0.0'] });
    const g = await loadModuleGraph(main('go 1.21\n\nrequire example.com/a v1.0.0\n'), s);
    expect(s.calls.mod).toEqual(['example.com/a@v1.0.0']);
    expect(g.pruning).toBe('pruned');
    expect(g.requiredBy({ path: 'example.com/a', version: 'v1.0.0' })).toEqual([
      { path: 'example.com/b', version: 'v1.0.0' },
    ]);
    expect(g.requiredBy({ path: 'example.com/b', version: 'v1.0.0' })).toBeUndefined();
    expect([...g.modFiles.keys()].filter((k) => !k.startsWith('go@'))).toEqual(['example.com/a@v1.0.0']);
  });

  it('reads every go.mod of an unpruned graph once', async () => {
    const s = new MemorySource()
      .add('example.com/a', 'v1.0.0', { go: '1.16', require: ['example.com/b v1.0.0', 'example.com/c v1.0.0'] })
      .add('example.com/b', 'v1.0.0', { go: '1.16', require: ['example.com/c v1.0.0'] })
      .add('example.com/c', 'v1.0.0', { go: '1.16' });
    await loadModuleGraph(main('go 1.16\n\nrequire example.com/a v1.0.0\n'), s);
    expect([...s.calls.mod].sort()).toEqual(['example.com/a@v1.0.0', 'example.com/b@v1.0.0', 'example.com/c@v1.0.0']);
  });

  it('reads a replaced module’s requirements from its replacement and records where they came from', async () => {
    const s = new MemorySource().add('example.com/fork', 'v2.0.0', { go: '1.20', require: ['example.com/d v1.0.0'] });
    const g = await loadModuleGraph(
      main(
        'go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/l v0.0.0\n)\n\nreplace example.com/a => example.com/fork v2.0.0\nreplace example.com/l => ./l\n',
        {
          './l': 'module example.com/l\n\ngo 1.22\n\nrequire example.com/e v1.0.0\n',
        },
      ),
      s,
    );
    expect(s.calls.mod).toEqual(['example.com/fork@v2.0.0']);
    expect(g.modFiles.get('example.com/a@v1.0.0')?.origin).toEqual({
      kind: 'module',
      path: 'example.com/fork',
      version: 'v2.0.0',
    });
    expect(g.modFiles.get('example.com/l@v0.0.0')?.origin).toEqual({ kind: 'dir', dir: './l' });
    expect(listLines(g.list)).toEqual([
      'example.com/main',
      'example.com/a v1.0.0',
      'example.com/d v1.0.0',
      'example.com/e v1.0.0',
      'example.com/l v0.0.0',
    ]);
  });

  it('drops a requirement of the main module on an excluded version', async () => {
    const s = new MemorySource().add('example.com/a', 'v1.0.0', { go: '1.20' });
    const { list } = await buildList(
      main('go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\n\nexclude example.com/b v1.0.0\n'),
      s,
    );
    expect(listLines(list)).toEqual(['example.com/main', 'example.com/a v1.0.0']);
  });
});

describe('the Go version a graph requires', () => {
  const source = () =>
    new MemorySource()
      .add('example.com/a', 'v1.0.0', { go: '1.22.3', require: ['example.com/b v1.0.0'] })
      .add('example.com/b', 'v1.0.0', { go: '1.23.0' })
      .add('example.com/old', 'v1.0.0', { go: '1.20' });

  it('takes the max over the main go line and the loaded go.mod files', async () => {
    const g = await loadModuleGraph(main('go 1.21\n\nrequire example.com/a v1.0.0\n'), source());
    // b's go.mod is pruned out, so its go 1.23.0 does not count.
    expect(g.maxGo).toBe('1.22.3');
    expect(g.maxGoFrom).toBe('example.com/a@v1.0.0');
    expect(g.modFiles.get('example.com/a@v1.0.0')?.go).toBe('1.22.3');
  });

  it('counts go lines of modules loaded through an unpruned main module', async () => {
    const g = await loadModuleGraph(main('go 1.16\n\nrequire example.com/a v1.0.0\n'), source());
    expect(g.maxGo).toBe('1.23.0');
    expect(g.maxGoFrom).toBe('example.com/b@v1.0.0');
  });

  it('does not count go lines before 1.21: they were not requirements then', async () => {
    const g = await loadModuleGraph(main('go 1.19\n\nrequire example.com/old v1.0.0\n'), source());
    expect(g.maxGo).toBe('1.19');
    expect(g.maxGoFrom).toBeNull();
  });

  it('keeps the main go line when it is the highest', async () => {
    const g = await loadModuleGraph(main('go 1.24\n\nrequire example.com/a v1.0.0\n'), source());
    expect(g.maxGo).toBe('1.24');
    expect(g.maxGoFrom).toBeNull();
  });
});

describe('errors', () => {
  it('names the module whose go.mod failed, how it is reached, and keeps the proxy error as cause', async () => {
    const s = new MemorySource().add('example.com/a', 'v1.0.0', { go: '1.16', require: ['example.com/gone v1.0.0'] });
    const err = await loadModuleGraph(main('go 1.21\n\nrequire example.com/a v1.0.0\n'), s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleGraphError);
    const e = err as ModuleGraphError;
    expect([e.path, e.version]).toEqual(['example.com/gone', 'v1.0.0']);
    expect(e.chain.map((m) => m.path)).toEqual(['example.com/main', 'example.com/a', 'example.com/gone']);
    expect((e.cause as Error).name).toBe('ModuleNotFoundError');
    expect(e.message).toContain('example.com/gone@v1.0.0');
  });

  it('refuses a go.mod that declares another module path', async () => {
    const s = new MemorySource().add('example.com/a', 'v1.0.0', 'module example.com/other\n\ngo 1.20\n');
    const err = await loadModuleGraph(main('go 1.21\n\nrequire example.com/a v1.0.0\n'), s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleGraphError);
    expect((err as Error).message).toContain('module declares its path as example.com/other');
  });

  it('refuses a directory replacement without go.mod', async () => {
    const err = await loadModuleGraph(
      main('go 1.21\n\nrequire example.com/a v1.0.0\n\nreplace example.com/a => ../a\n'),
      new MemorySource(),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleGraphError);
    expect((err as Error).message).toContain('../a');
  });

  it('reports a go.mod that does not parse', async () => {
    const s = new MemorySource().add('example.com/a', 'v1.0.0', 'module example.com/a\n\nrequire (\n');
    const err = await loadModuleGraph(main('go 1.21\n\nrequire example.com/a v1.0.0\n'), s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleGraphError);
    expect((err as ModuleGraphError).cause).toBeInstanceOf(Error);
  });
});

describe('workspace mode', () => {
  it('uses every main module and lets go.work replacements win', async () => {
    const w = WORKSPACE_SCENARIO;
    const work = parseGoWork('go.work', w.work);
    const modules = Object.entries(w.mains).map(([dir, text]) => memoryMain(text, {}, dir));
    const g = await loadWorkspaceGraph({ work, modules, readLocal: async () => null }, sourceFor(w));
    expect(listLines(g.list)).toEqual(w.expect);
  });
});

describe('go.mod files shared across graph loads through one source', () => {
  it('reads each version once, and reads again one whose first read failed', async () => {
    const s = new MemorySource().add('example.com/a', 'v1.0.0', { go: '1.20', require: ['example.com/b v1.0.0'] });
    const m = main('go 1.21\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/late v1.0.0\n)\n');
    await expect(loadModuleGraph(m, s)).rejects.toThrow(ModuleGraphError);
    s.add('example.com/late', 'v1.0.0', { go: '1.20' });
    const g = await loadModuleGraph(m, s);
    expect(g.selected('example.com/late')).toBe('v1.0.0');
    await loadModuleGraph(main('go 1.22\n\nrequire example.com/a v1.0.0\n'), s);
    expect(s.calls.mod.filter((k) => k === 'example.com/a@v1.0.0')).toEqual(['example.com/a@v1.0.0']);
    expect(s.calls.mod.filter((k) => k === 'example.com/late@v1.0.0').length).toBeGreaterThan(1);
  });
});
