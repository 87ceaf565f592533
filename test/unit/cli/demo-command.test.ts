/**
 * `gomod-steward demo` outside a source checkout: a clear answer naming what is missing and
 * what to run, exit 1, and nothing started. (The demo itself runs in CI as `npm run demo`.)
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoUnavailableError, PACKAGE_ROOT, runDemo } from '../../../src/cli/demo-command.js';

describe('gomod-steward demo', () => {
  it('refuses where the stand-in and its dependencies are not installed, saying what to run', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gomod-steward-no-checkout-'));
    try {
      await expect(runDemo(root)).rejects.toThrow(DemoUnavailableError);
      await expect(runDemo(root)).rejects.toThrow(/missing scripts\/demo\.ts .*run `npm ci` then `npm run demo`/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('finds the package root from its own module, where scripts/demo.ts is', () => {
    expect(PACKAGE_ROOT.replace(/\/$/, '')).toBe(process.cwd());
  });
});
