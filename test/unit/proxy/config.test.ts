import { describe, expect, it } from '@jest/globals';
import {
  bypassesProxy,
  parseProxyAuth,
  proxyAuthHeaderFor,
  proxyConfigFromEnv,
  ProxyConfigError,
  skipsSumDb,
} from '../../../src/gomod/proxy/index.js';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('proxyConfigFromEnv', () => {
  it('takes GOPROXY from the environment before go env', () => {
    const c = proxyConfigFromEnv({ GOPROXY: 'https://a.example|direct' }, { GOPROXY: 'https://b.example' });
    expect(c.proxies).toEqual([{ kind: 'url', url: 'https://a.example', fallBackOnError: true }, { kind: 'direct' }]);
  });

  it('falls back to go env for an unset or empty GOPROXY', () => {
    expect(proxyConfigFromEnv({ GOPROXY: '' }, { GOPROXY: 'https://b.example,direct' }).proxies[0]).toEqual({
      kind: 'url',
      url: 'https://b.example',
      fallBackOnError: false,
    });
  });

  it('is a typed error when neither has a GOPROXY', () => {
    expect(() => proxyConfigFromEnv({}, {})).toThrow(ProxyConfigError);
  });

  it.each<[Record<string, string>, Record<string, string>, [string, string, string]]>([
    [{ GOPRIVATE: 'a.example' }, {}, ['a.example', 'a.example', 'a.example']],
    [{ GOPRIVATE: 'a.example', GONOPROXY: 'none' }, {}, ['a.example', 'none', 'a.example']],
    [{ GONOSUMDB: 'b.example' }, {}, ['', '', 'b.example']],
    [
      {},
      { GOPRIVATE: 'g.example', GONOPROXY: 'g.example', GONOSUMDB: 'h.example' },
      ['g.example', 'g.example', 'h.example'],
    ],
    [
      { GOPRIVATE: 'e.example' },
      { GOPRIVATE: 'e.example', GONOPROXY: 'file.example', GONOSUMDB: 'e.example' },
      ['e.example', 'file.example', 'e.example'],
    ],
  ])('GOPRIVATE/GONOPROXY/GONOSUMDB from %j with go env %j', (env, goEnv, [priv, noproxy, nosumdb]) => {
    const c = proxyConfigFromEnv({ GOPROXY: 'https://a.example', ...env }, goEnv);
    expect([c.goprivate, c.gonoproxy, c.gonosumdb]).toEqual([priv, noproxy, nosumdb]);
  });

  it('applies the patterns to module paths', () => {
    const c = proxyConfigFromEnv({
      GOPROXY: 'https://a.example',
      GOPRIVATE: '*.corp.example',
      GONOSUMDB: 'x.example/sum',
    });
    expect(bypassesProxy(c, 'git.corp.example/team/lib')).toBe(true);
    expect(bypassesProxy(c, 'github.com/team/lib')).toBe(false);
    expect(skipsSumDb(c, 'x.example/sum/lib')).toBe(true);
    expect(skipsSumDb(c, 'git.corp.example/team/lib')).toBe(false);
  });

  it('finds the netrc file from NETRC, else HOME', () => {
    expect(proxyConfigFromEnv({ GOPROXY: 'off', NETRC: '/etc/n' }).netrcPath).toBe('/etc/n');
    expect(proxyConfigFromEnv({ GOPROXY: 'off', HOME: '/home/u' }).netrcPath).toBe('/home/u/.netrc');
  });

  it('refuses credentials for plain http except to loopback', () => {
    expect(() => proxyConfigFromEnv({ GOPROXY: 'http://u:secret@a.example' })).toThrow(
      'refusing to pass credentials to insecure URL: http://***@a.example',
    );
    expect(proxyConfigFromEnv({ GOPROXY: 'http://u:secret@127.0.0.1:9/' }).proxies[0]).toMatchObject({
      credentials: { username: 'u', password: 'secret' },
    });
  });
});

describe('GOPROXY_AUTH', () => {
  it('parses basic and bearer entries separated by commas or whitespace', () => {
    const entries = parseProxyAuth(' a.example=u:p:q,\nhttps://B.example/team/=tok  c.example:8443=x:y ');
    expect(entries).toEqual([
      { prefix: 'a.example', header: basic('u', 'p:q') },
      { prefix: 'b.example/team', header: 'Bearer tok' },
      { prefix: 'c.example:8443', header: basic('x', 'y') },
    ]);
  });

  it('picks the longest prefix at a path boundary', () => {
    const entries = parseProxyAuth('a.example=root:1 a.example/team=team:2');
    expect(proxyAuthHeaderFor(entries, new URL('https://a.example/team/m/@v/list'))).toBe(basic('team', '2'));
    expect(proxyAuthHeaderFor(entries, new URL('https://a.example/teamx/m/@v/list'))).toBe(basic('root', '1'));
    expect(proxyAuthHeaderFor(entries, new URL('https://a.example:444/m/@v/list'))).toBeUndefined();
  });

  it.each(['=u:p', 'a.example=', 'a.example', 'u:secret'])('rejects %j without echoing it', (value) => {
    expect(() => parseProxyAuth(value)).toThrow(ProxyConfigError);
    try {
      parseProxyAuth(value);
    } catch (err) {
      expect((err as Error).message).not.toContain('secret');
      expect((err as Error).message).toMatch(/GOPROXY_AUTH entry 1 is malformed/);
    }
  });

  it('is read by proxyConfigFromEnv', () => {
    expect(proxyConfigFromEnv({ GOPROXY: 'off', GOPROXY_AUTH: 'a.example=t' }).auth).toEqual([
      { prefix: 'a.example', header: 'Bearer t' },
    ]);
  });
});
