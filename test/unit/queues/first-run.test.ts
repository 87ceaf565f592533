/** The first run after installation: within a window that grows with the repositories, stable per repository, spread out. */
import { describe, expect, it } from '@jest/globals';
import {
  FIRST_RUN_MAX_WINDOW_MS,
  firstRunDelayMs,
  firstRunJob,
  firstRunWindowMs,
} from '../../../src/queues/first-run.js';

describe('first run after installation', () => {
  it('runs one repository within seconds and 500 within half an hour', () => {
    expect(firstRunWindowMs(1)).toBe(4_000);
    expect(firstRunWindowMs(500)).toBe(FIRST_RUN_MAX_WINDOW_MS);
  });

  it('spreads 500 repositories over the window, each always at the same spot', () => {
    const window = firstRunWindowMs(500);
    const delays = Array.from({ length: 500 }, (_, i) => firstRunDelayMs(10_000 + i, window));
    expect(delays.every((d) => d >= 0 && d < window)).toBe(true);
    // No minute of the half hour holds more than a tenth of them.
    const perMinute = new Map<number, number>();
    for (const d of delays) perMinute.set(Math.floor(d / 60_000), (perMinute.get(Math.floor(d / 60_000)) ?? 0) + 1);
    expect(Math.max(...perMinute.values())).toBeLessThan(50);
    expect(firstRunDelayMs(10_007, window)).toBe(delays[7]);
  });

  it('takes its id from the installation job, so a retried one queues nothing twice', () => {
    const ref = { installationId: 1, repositoryId: 2, owner: 'o', repo: 'r' };
    expect(firstRunJob(ref, 4_000, 'repositories-added-d1').opts.jobId).toBe(
      'plan-1-2-first-run-repositories-added-d1',
    );
    expect(firstRunJob(ref, 4_000, 'x').data).toEqual(ref);
  });
});
