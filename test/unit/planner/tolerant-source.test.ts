/**
 * The tolerant source passes parsed go.mod files through as it passes their text: a go.mod that
 * cannot be read is recorded and read as requiring nothing, one that was read but does not parse
 * fails as the parse of mod()'s text would, and a proxy that is down still stops the module.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDependencyGoMod } from '../../../src/gomod/modfile/index.js';
import { ProxyUnavailableError } from '../../../src/gomod/proxy/errors.js';
import type { GoMod, ModuleSource } from '../../../src/gomod/types.js';
import { tolerantSource, type Unreadable } from '../../../src/planner/tolerant-source.js';
import { MemorySource } from '../../support/memory-source.js';

/** A source with a store of parsed files, as the proxy client has. */
function withParsed(
  source: MemorySource,
  down: Set<string>,
): ModuleSource & { parsedMod: NonNullable<ModuleSource['parsedMod']> } {
  const mod = async (path: string, version: string): Promise<string> => {
    if (down.has(path)) throw new ProxyUnavailableError(path, 'http://proxy.invalid', 1, 503, '503');
    return source.mod(path, version);
  };
  return {
    list: (p) => source.list(p),
    latest: (p) => source.latest(p),
    info: (p, v) => source.info(p, v),
    mod,
    parsedMod: async (p, v): Promise<GoMod> => parseDependencyGoMod(p, v, await mod(p, v)),
  };
}

describe('tolerantSource with parsed go.mod files', () => {
  const memory = new MemorySource()
    .add('example.org/a', 'v1.0.0', { go: '1.22', require: ['example.org/b v1.0.0'] })
    .add('example.org/broken', 'v1.0.0', 'module example.org/broken\nrequire (\n')
    .add('example.org/down', 'v1.0.0', {});
  const down = new Set(['example.org/down']);

  it('gives what mod() and the parse would give, and records what it could not read', async () => {
    const seen: Unreadable[] = [];
    const tolerant = tolerantSource(withParsed(memory, down), (u) => seen.push(u));
    for (const [path, version] of [
      ['example.org/a', 'v1.0.0'],
      ['example.org/missing', 'v1.0.0'],
    ] as const) {
      const viaText = parseDependencyGoMod(path, version, await tolerant.mod(path, version));
      expect(await tolerant.parsedMod!(path, version)).toStrictEqual(viaText);
    }
    expect(seen.map((u) => `${u.path}@${u.version}:${u.failure.reason}`)).toEqual([
      'example.org/missing@v1.0.0:not-found',
      'example.org/missing@v1.0.0:not-found',
    ]);
  });

  it('fails on a go.mod that does not parse, and on a proxy that is down, as the text path does', async () => {
    const seen: Unreadable[] = [];
    const tolerant = tolerantSource(withParsed(memory, down), (u) => seen.push(u));
    const text = await tolerant.mod('example.org/broken', 'v1.0.0');
    expect(() => parseDependencyGoMod('example.org/broken', 'v1.0.0', text)).toThrow();
    await expect(tolerant.parsedMod!('example.org/broken', 'v1.0.0')).rejects.toMatchObject({
      name: 'GoModSyntaxError',
    });
    await expect(tolerant.mod('example.org/down', 'v1.0.0')).rejects.toBeInstanceOf(ProxyUnavailableError);
    await expect(tolerant.parsedMod!('example.org/down', 'v1.0.0')).rejects.toBeInstanceOf(ProxyUnavailableError);
    expect(seen).toEqual([]);
  });

  it('has no parsedMod when the source it wraps has none', () => {
    expect(tolerantSource(memory, () => undefined).parsedMod).toBeUndefined();
  });
});
