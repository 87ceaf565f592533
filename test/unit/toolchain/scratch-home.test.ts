/**
 * A scratch HOME for go children: Go itself reads the mode file as `go telemetry off` wrote it,
 * so a real `go` run there collects nothing — no counter files left to race the removal.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeScratch, removeScratch, telemetryOff } from '../../../src/toolchain/scratch-home.js';

const goEnv = (home: string, ...args: string[]) =>
  execFileSync('go', ['env', ...args], {
    env: { PATH: process.env.PATH, HOME: home, GOENV: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' },
    encoding: 'utf8',
  }).trim();

describe('a scratch HOME', () => {
  it('has telemetry off as Go reads it: a real go run there writes no counters', async () => {
    const home = await makeScratch('gomod-steward-scratch-test-');
    try {
      expect(goEnv(home, 'GOVERSION')).toMatch(/^go1\./);
      expect(readdirSync(join(home, '.config', 'go', 'telemetry'))).toEqual(['mode']);
      // Go's own view of the mode: `go telemetry` prints it.
      expect(execFileSync('go', ['telemetry'], { env: { ...process.env, HOME: home }, encoding: 'utf8' }).trim()).toBe(
        'off',
      );
    } finally {
      await removeScratch(home);
    }
    expect(existsSync(home)).toBe(false);
  });

  it('is what a plain HOME is not: there go leaves counter files behind', async () => {
    const home = await mkdtemp(join(tmpdir(), 'gomod-steward-scratch-test-'));
    try {
      goEnv(home, 'GOVERSION');
      expect(existsSync(join(home, '.config', 'go', 'telemetry', 'local'))).toBe(true);
    } finally {
      await rm(home, { recursive: true, force: true, maxRetries: 5 });
    }
  });

  it('writes the mode as `go telemetry off` does, dated', async () => {
    const home = await mkdtemp(join(tmpdir(), 'gomod-steward-scratch-test-'));
    try {
      await telemetryOff(home, new Date('2026-12-03T10:00:00Z'));
      const byGo = await mkdtemp(join(tmpdir(), 'gomod-steward-scratch-test-'));
      execFileSync('go', ['telemetry', 'off'], { env: { ...process.env, HOME: byGo } });
      const ours = readFileSync(join(home, '.config', 'go', 'telemetry', 'mode'), 'utf8');
      const gos = readFileSync(join(byGo, '.config', 'go', 'telemetry', 'mode'), 'utf8');
      expect(ours.split(' ')[0]).toBe(gos.split(' ')[0]);
      expect(ours).toMatch(/^off 2026-12-03$/);
      expect(gos).toMatch(/^off \d{4}-\d{2}-\d{2}$/);
      await rm(byGo, { recursive: true, force: true });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
