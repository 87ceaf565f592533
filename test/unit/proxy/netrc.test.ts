import { describe, expect, it } from '@jest/globals';
import { netrcEntryFor, parseNetrc, type Netrc } from '../../../src/gomod/proxy/index.js';

describe('parseNetrc', () => {
  it.each<[string, string, Netrc]>([
    [
      'one line',
      'machine a.example login u password p',
      { machines: [{ machine: 'a.example', login: 'u', password: 'p' }] },
    ],
    [
      'spread over lines, extra tokens',
      'machine a.example\n  login u\n  account acct\n  password p\n\nmachine b.example login v password q port 1\n',
      {
        machines: [
          { machine: 'a.example', login: 'u', password: 'p' },
          { machine: 'b.example', login: 'v', password: 'q' },
        ],
      },
    ],
    ['incomplete entries are dropped', 'machine a.example login u\nmachine b.example password p', { machines: [] }],
    [
      'macdef bodies are skipped up to an empty line',
      'macdef init\nmachine evil.example login x password y\n\nmachine a.example login u password p',
      { machines: [{ machine: 'a.example', login: 'u', password: 'p' }] },
    ],
    [
      'default entry',
      'machine a.example login u password p\ndefault login anon password guest',
      {
        machines: [{ machine: 'a.example', login: 'u', password: 'p' }],
        default: { login: 'anon', password: 'guest' },
      },
    ],
    [
      'CRLF',
      'machine a.example\r\nlogin u\r\npassword p\r\n',
      { machines: [{ machine: 'a.example', login: 'u', password: 'p' }] },
    ],
    ['empty', '', { machines: [] }],
  ])('%s', (_name, text, want) => {
    expect(parseNetrc(text)).toEqual(want);
  });

  it('the first entry for a machine wins; host:port is preferred to the bare host', () => {
    const n = parseNetrc(
      'machine a.example login first password 1\nmachine a.example login second password 2\nmachine a.example:8443 login port password 3',
    );
    expect(netrcEntryFor(n, new URL('https://a.example/x'))?.login).toBe('first');
    expect(netrcEntryFor(n, new URL('https://a.example:8443/x'))?.login).toBe('port');
    expect(netrcEntryFor(n, new URL('https://a.example:9000/x'))?.login).toBe('first');
    expect(netrcEntryFor(n, new URL('https://b.example/x'))).toBeUndefined();
  });
});
