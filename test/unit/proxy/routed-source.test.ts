/** Which module source answers for a module: the installation's own GitHub, or the proxy client. */
import { describe, expect, it } from '@jest/globals';
import { ownGitHubModules, routedSource } from '../../../src/gomod/routed-source.js';
import { MemorySource } from '../../support/memory-source.js';

describe('ownGitHubModules', () => {
  it('takes GONOPROXY modules whose host is one of the installation’s, by Go’s prefix patterns', () => {
    const own = ownGitHubModules('github.com/acme/*,corp.example.com', ['github.com', 'ghe.example.com']);
    expect(own('github.com/acme/platform-lib')).toBe(true);
    expect(own('github.com/acme/platform-lib/tools/v2')).toBe(true);
    // Public modules of the same host go to the proxy.
    expect(own('github.com/other/lib')).toBe(false);
    // Private, but not on the installation's GitHub: the proxy client says it needs a VCS.
    expect(own('corp.example.com/lib')).toBe(false);
    expect(ownGitHubModules('*', ['ghe.example.com'])('ghe.example.com/team/x')).toBe(true);
    expect(ownGitHubModules('', ['github.com'])('github.com/acme/x')).toBe(false);
  });
});

describe('routedSource', () => {
  it('sends each call to the source its module path is routed to', async () => {
    const proxy = new MemorySource().add('example.org/pub', 'v1.0.0');
    const direct = new MemorySource().add('github.com/acme/lib', 'v1.2.0');
    const s = routedSource({ proxy, direct, isDirect: (p) => p.startsWith('github.com/acme/') });
    expect(await s.list('github.com/acme/lib')).toEqual(['v1.2.0']);
    expect(await s.mod('example.org/pub', 'v1.0.0')).toMatch(/^module example.org\/pub/);
    expect((await s.info('github.com/acme/lib', 'v1.2.0')).Version).toBe('v1.2.0');
    await s.latest('example.org/pub');
    expect(proxy.calls.latest).toEqual(['example.org/pub']);
    expect(direct.calls.list).toEqual(['github.com/acme/lib']);
    expect(proxy.calls.mod).toEqual(['example.org/pub@v1.0.0']);
  });
});
