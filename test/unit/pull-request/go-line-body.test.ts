/**
 * The go-line PR's body: the table of the lines it moved, how Go checked it, and a metadata block
 * the schema accepts (so the PR is the bot's: commands act on it, the dashboard lists it) — and
 * refuses with a go line that is not one.
 */
import { describe, expect, it } from '@jest/globals';
import { parseMeta, type PullMeta } from '../../../src/pull-request/meta.js';
import { goLineTitle, renderGoLineBody } from '../../../src/pull-request/publish-go-line.js';

const meta: PullMeta = {
  v: 1,
  base: 'main',
  group: 'go-line',
  baseSha: 'a'.repeat(40),
  headSha: 'b'.repeat(40),
  updates: [],
  affected: ['a'],
  services: [],
  goLine: { go: '1.24.0', toolchain: 'keep' },
};

const input = {
  owner: 'acme',
  repo: 'dash',
  base: 'main',
  baseSha: 'a'.repeat(40),
  go: '1.24.0',
  toolchain: 'keep' as const,
  builtWith: 'go1.26.8',
  labels: [],
  lines: [
    { dir: 'a', file: 'a/go.mod', from: { go: '1.22', toolchain: 'go1.22.5' }, to: { go: '1.24.0', toolchain: null } },
    { dir: '.', file: 'go.work', from: { go: '1.22', toolchain: null }, to: { go: '1.24.0', toolchain: null } },
  ],
};

describe('the go-line PR body', () => {
  it('lists each moved line and carries metadata the schema accepts', () => {
    const body = renderGoLineBody(input, meta);
    expect(goLineTitle('1.24.0')).toBe('chore(go): raise the go line to 1.24.0');
    expect(body).toContain('| `a/go.mod` | 1.22 → 1.24.0 | go1.22.5 → — |');
    expect(body).toContain('| `go.work` | 1.22 → 1.24.0 | — |');
    expect(body).toContain('`go build ./...` passed there with go1.26.8');
    expect(parseMeta(body)).toEqual({ kind: 'valid', meta });
    // Rendering twice gives the same bytes: a second tick finds nothing to rewrite.
    expect(renderGoLineBody(input, meta)).toBe(body);
  });

  it('a go line that is not a Go version is not ours', () => {
    const bad = { ...meta, goLine: { go: '1.24; rm -rf', toolchain: 'keep' } };
    expect(parseMeta(`<!-- gomod-steward:meta ${JSON.stringify(bad)} -->`).kind).toBe('rejected');
  });
});
