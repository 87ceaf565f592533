import { describe, expect, it } from '@jest/globals';
import { discoverModules } from '../../../src/workspace/discover.js';
import { memoryTree } from '../../../src/workspace/tree.js';
import { buildModuleGraph, dependenciesClosure, withDependents } from '../../../src/toolchain/apply/module-graph.js';

const tree = memoryTree({
  'go.work': 'go 1.22\n\nuse (\n\t./svc\n\t./lib\n\t./base\n\t./ws-only\n)\n',
  'svc/go.mod':
    'module example.com/svc\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n',
  'lib/go.mod':
    'module example.com/lib\n\ngo 1.22\n\nrequire example.com/base v0.0.0\n\nreplace example.com/base => ../base\n',
  'base/go.mod': 'module example.com/base\n\ngo 1.22\n',
  // Reaches base only through the workspace, without a replace.
  'ws-only/go.mod': 'module example.com/wsonly\n\ngo 1.22\n\nrequire example.com/base v0.0.0\n',
  'outside/go.mod': 'module example.com/outside\n\ngo 1.22\n\nrequire example.com/base v0.0.0\n',
});

describe('module graph', () => {
  it('orders libraries before the modules that replace or (in the workspace) require them', async () => {
    const g = buildModuleGraph(await discoverModules(tree));
    const at = (d: string) => g.order.indexOf(d);
    expect(g.order).toHaveLength(5);
    expect(at('base')).toBeLessThan(at('lib'));
    expect(at('lib')).toBeLessThan(at('svc'));
    expect(at('base')).toBeLessThan(at('ws-only'));
    expect(g.deps.get('outside')).toEqual([]);
  });

  it('finds every module that reaches a changed one, and everything a module reaches', async () => {
    const g = buildModuleGraph(await discoverModules(tree));
    expect([...withDependents(g, ['base'])].sort()).toEqual(['base', 'lib', 'svc', 'ws-only']);
    expect([...withDependents(g, ['lib'])].sort()).toEqual(['lib', 'svc']);
    expect([...dependenciesClosure(g, 'svc')].sort()).toEqual(['base', 'lib']);
  });
});
