/** The job log: timestamped lines, streams split anywhere, and the cap. */
import { describe, expect, it } from '@jest/globals';
import { JobLog } from './job-log.js';

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

describe('JobLog', () => {
  it('timestamps every line, joining chunks split mid-line and mid-character', () => {
    const log = new JobLog();
    const out = log.stream();
    const bytes = Buffer.from('héllo\nwor');
    out.write(bytes.subarray(0, 2)); // splits the two-byte é
    out.write(bytes.subarray(2));
    out.write(Buffer.from('ld\r\nno newline at end'));
    out.end();
    const lines = log.toString().split('\n').slice(0, -1);
    expect(lines.every((l) => TIMESTAMP.test(l))).toBe(true);
    expect(lines.map((l) => l.replace(TIMESTAMP, ''))).toEqual(['héllo', 'world', 'no newline at end']);
  });

  it('keeps the beginning and the end within the limit and says how much it left out', () => {
    const log = new JobLog(4000);
    for (let i = 0; i < 1000; i += 1) log.line(`line ${i}`);
    const text = log.toString();
    expect(Buffer.byteLength(text)).toBeLessThan(4000 + 200);
    expect(text).toMatch(/ line 0\n/);
    expect(text).toMatch(/ line 999\n$/);
    expect(text).not.toContain(' line 500\n');
    // Every byte logged is either kept or counted in the note.
    const logged = Array.from({ length: 1000 }, (_, i) => 25 + `line ${i}\n`.length).reduce((a, b) => a + b, 0);
    const note = /^.*\[stand-in runner: (\d+) bytes of log left out here\]\n/m.exec(text);
    expect(Number(note?.[1]) + Buffer.byteLength(text) - Buffer.byteLength(note?.[0] ?? '')).toBe(logged);
  });
});
