import { describe, expect, it } from '@jest/globals';
import { parseGoproxy, ProxyConfigError, type ProxySpec } from '../../../src/gomod/proxy/index.js';

// Host names here are placeholders under the reserved .example/.test names; nothing is contacted.
describe('parseGoproxy', () => {
  it.each<[string, ProxySpec[]]>([
    ['https://a.example', [{ kind: 'url', url: 'https://a.example', fallBackOnError: false }]],
    [
      'https://a.example,direct',
      [{ kind: 'url', url: 'https://a.example', fallBackOnError: false }, { kind: 'direct' }],
    ],
    [
      'https://a.example|https://b.example/sub/,off',
      [
        { kind: 'url', url: 'https://a.example', fallBackOnError: true },
        { kind: 'url', url: 'https://b.example/sub', fallBackOnError: false },
        { kind: 'off' },
      ],
    ],
    ['a.example', [{ kind: 'url', url: 'https://a.example', fallBackOnError: false }]],
    ['a.example:8443/p', [{ kind: 'url', url: 'https://a.example:8443/p', fallBackOnError: false }]],
    ['http://127.0.0.1:3000', [{ kind: 'url', url: 'http://127.0.0.1:3000', fallBackOnError: false }]],
    [' , https://a.example ,, ', [{ kind: 'url', url: 'https://a.example', fallBackOnError: false }]],
    ['off', [{ kind: 'off' }]],
    ['off,https://a.example', [{ kind: 'off' }]],
    ['direct', [{ kind: 'direct' }]],
    ['direct,https://a.example', [{ kind: 'direct' }]],
    ['file:///srv/goproxy', [{ kind: 'url', url: 'file:///srv/goproxy', fallBackOnError: false }]],
    [
      'https://u:p%40ss@a.example/x|direct',
      [
        {
          kind: 'url',
          url: 'https://a.example/x',
          credentials: { username: 'u', password: 'p@ss' },
          fallBackOnError: true,
        },
        { kind: 'direct' },
      ],
    ],
  ])('%j', (value, want) => {
    expect(parseGoproxy(value)).toEqual(want);
  });

  it.each([
    [',', 'GOPROXY list is not the empty string, but contains no entries'],
    ['   ', 'GOPROXY list is not the empty string, but contains no entries'],
    ['noproxy', 'invalid proxy URL missing scheme'],
    ['/srv/goproxy', 'invalid proxy URL missing scheme'],
    ['ftp://a.example', 'invalid proxy URL scheme (must be https, http, file)'],
    ['file://host/srv', 'invalid file:// proxy URL with non-path elements'],
  ])('%j is a config error', (value, message) => {
    expect(() => parseGoproxy(value)).toThrow(ProxyConfigError);
    expect(() => parseGoproxy(value)).toThrow(message);
  });

  it('never echoes credentials in its errors', () => {
    expect(() => parseGoproxy('ftp://user:hunter2@a.example')).toThrow(/ftp:\/\/\*\*\*@a\.example/);
    try {
      parseGoproxy('ftp://user:hunter2@a.example');
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('hunter2');
    }
  });
});
