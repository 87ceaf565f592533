import { describe, expect, it } from '@jest/globals';
import { OutputTail, droppedMarker } from '../../../src/toolchain/output-tail.js';

describe('OutputTail', () => {
  it('keeps everything under the cap', () => {
    const t = new OutputTail(100);
    t.push(Buffer.from('hello '));
    t.push(Buffer.from('world'));
    expect(t.text()).toBe('hello world');
    expect(t.dropped).toBe(0);
  });

  it('keeps the last bytes and says how many were dropped', () => {
    const full = Array.from({ length: 500 }, (_, i) => `line ${i}\n`).join('');
    const t = new OutputTail(64);
    for (let i = 0; i < full.length; i += 37) t.push(Buffer.from(full.slice(i, i + 37)));
    expect(t.dropped).toBe(full.length - 64);
    expect(t.text()).toBe(`${droppedMarker(full.length - 64)}\n${full.slice(-64)}`);
  });

  it('handles one chunk larger than the cap', () => {
    const t = new OutputTail(4);
    t.push(Buffer.from('abcdefghij'));
    expect(t.text()).toBe(`${droppedMarker(6)}\ngh${'ij'}`);
  });
});
