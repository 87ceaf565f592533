import { describe, expect, it } from '@jest/globals';
import { MemoryCache } from '../../../src/gomod/proxy/memory-cache.js';
import { Semaphore } from '../../../src/gomod/proxy/semaphore.js';

describe('MemoryCache', () => {
  it('evicts the least recently used entries past its byte budget', () => {
    const c = new MemoryCache<string>(10);
    c.set('a', 'a', 4);
    c.set('b', 'b', 4);
    expect(c.get('a')).toBe('a'); // a is now most recent
    c.set('c', 'c', 4);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('a');
    expect(c.get('c')).toBe('c');
    c.set('huge', 'x', 11);
    expect(c.get('huge')).toBeUndefined();
  });

  it('expires entries after their TTL', () => {
    let now = 1000;
    const c = new MemoryCache<number>(100, () => now);
    c.set('k', 1, 1, 50);
    now = 1049;
    expect(c.get('k')).toBe(1);
    now = 1050;
    expect(c.get('k')).toBeUndefined();
    expect(c.size).toBe(0);
  });
});

describe('Semaphore', () => {
  it('never lets more than its limit run at once', async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await sem.acquire();
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        release();
        release(); // a second release is harmless
      }),
    );
    expect(peak).toBe(3);
    expect(sem.inFlight).toBe(0);
  });
});
