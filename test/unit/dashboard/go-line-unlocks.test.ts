/**
 * "Raising `go` to 1.N would unlock M updates", from two plans over an in-memory proxy: M is what
 * the plan of the raised tree moves further than today's, dirs the modules declaring less.
 */
import { describe, expect, it } from '@jest/globals';
import { defaultConfig } from '../../../src/config/schema.js';
import { goLineUnlocks, withGoLine } from '../../../src/dashboard/go-line-unlocks.js';
import { dashboardReport } from '../../../src/dashboard/report.js';
import { memoryTree } from '../../../src/workspace/tree.js';
import { goModText, MemorySource } from '../../support/memory-source.js';

function source(): MemorySource {
  return new MemorySource()
    .add('example.org/new', 'v1.0.0', { go: '1.21' })
    .add('example.org/new', 'v1.1.0', { go: '1.23' })
    .add('example.org/new', 'v1.2.0', { go: '1.24' })
    .add('example.org/other', 'v1.0.0', { go: '1.20' })
    .add('example.org/other', 'v1.1.0', { go: '1.24' });
}

const FILES = {
  'go.work': 'go 1.21\n\nuse (\n\t./a\n\t./b\n\t./c\n)\n',
  'a/go.mod': goModText('example.org/repo/a', {
    go: '1.21',
    require: ['example.org/new v1.0.0', 'example.org/other v1.0.0'],
  }),
  'b/go.mod': goModText('example.org/repo/b', { go: '1.24.0', require: ['example.org/other v1.0.0'] }),
  'c/go.mod': goModText('example.org/repo/c', { go: '1.21' }),
};

const input = () => ({ tree: memoryTree(FILES), root: '.', config: defaultConfig(), source: source() });

describe('goLineUnlocks', () => {
  it('counts what each raise frees, in the modules that declare less', async () => {
    expect(await goLineUnlocks(input(), ['1.23', '1.24'])).toEqual([
      // a: new v1.0.0 → v1.1.0 (other still needs 1.24)
      { go: '1.23', updates: 1, dirs: ['a', 'c'] },
      // a: new → v1.2.0 and other → v1.1.0; and b's other, which today waits for a (workspace hold)
      { go: '1.24', updates: 3, dirs: ['a', 'c'] },
    ]);
  });

  it('offers nothing where nothing declares less or nothing is freed', async () => {
    expect(await goLineUnlocks(input(), ['1.21'])).toEqual([]);
    expect(await goLineUnlocks(input(), ['1.24rc1'])).toEqual([]);
    expect(await goLineUnlocks(input(), [])).toEqual([]);
  });

  it('is what the dashboard report shows', async () => {
    const report = await dashboardReport(input());
    expect(report.heldBack.goLines).toEqual([{ go: '1.24', updates: 3, dirs: ['a', 'c'] }]);
  });
});

describe('withGoLine', () => {
  it('sets the go line, keeps comments and the rest, adds one after module when absent', () => {
    expect(withGoLine('module x\n\ngo 1.21 // old\n\ntoolchain go1.21.3\n', '1.24')).toBe(
      'module x\n\ngo 1.24 // old\n\ntoolchain go1.21.3\n',
    );
    expect(withGoLine('module x\n\nrequire y v1.0.0\n', '1.24')).toBe('module x\n\ngo 1.24\n\nrequire y v1.0.0\n');
    expect(withGoLine('go 1.21\n\nuse ./a\n', '1.24.0')).toBe('go 1.24.0\n\nuse ./a\n');
    expect(withGoLine('module x\ngodebug default=go1.21\n', '1.24')).toBe(
      'module x\n\ngo 1.24\ngodebug default=go1.21\n',
    );
  });
});
