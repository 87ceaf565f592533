/** Measuring after apply asks Go only about modules whose build-list inputs changed, a few at a time. */
import { describe, expect, it } from '@jest/globals';
import type { GoSession } from '../../../src/toolchain/apply/go-session.js';
import { buildLists, eachLimited, type BuildLists } from '../../../src/toolchain/apply/measure.js';

function recordingGo(lists: Record<string, string>): { go: GoSession; ran: string[] } {
  const ran: string[] = [];
  const go = {
    run: async (dir: string, args: string[]) => {
      ran.push(`${dir}: go ${args.join(' ')}`);
      return { stdout: JSON.stringify({ Path: 'example.com/x', Version: lists[dir] }), stderr: '' };
    },
  } as unknown as GoSession;
  return { go, ran };
}

describe('buildLists after apply', () => {
  const before: BuildLists = {
    lists: new Map([
      ['kept', [{ path: 'example.com/x', version: 'v1.0.0' }]],
      ['bumped', [{ path: 'example.com/x', version: 'v1.0.0' }]],
    ]),
    unmeasured: new Map([['failed-before', 'go: missing go.sum entry']]),
  };

  it('keeps the list of an untouched module and asks Go about the others', async () => {
    const { go, ran } = recordingGo({ bumped: 'v1.1.0', 'failed-before': 'v1.0.0' });
    const untouched = new Set(['kept', 'failed-before']);
    const after = await buildLists(go, ['kept', 'bumped', 'failed-before'], (s) => s, {
      before,
      unchanged: (d) => untouched.has(d),
    });
    expect(ran.sort()).toEqual(['bumped: go list -m -json all', 'failed-before: go list -m -json all']);
    expect([...after.lists]).toEqual([
      ['kept', [{ path: 'example.com/x', version: 'v1.0.0' }]],
      ['bumped', [{ path: 'example.com/x', version: 'v1.1.0' }]],
      // Failed before: measured again, never taken as unchanged.
      ['failed-before', [{ path: 'example.com/x', version: 'v1.0.0' }]],
    ]);
  });
});

describe('eachLimited', () => {
  it('runs at most n at once and returns results in input order', async () => {
    let active = 0;
    let peak = 0;
    const out = await eachLimited([30, 10, 20, 5, 15], 2, async (ms) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, ms));
      active--;
      return ms * 2;
    });
    expect(out).toEqual([60, 20, 40, 10, 30]);
    expect(peak).toBe(2);
  });
});
