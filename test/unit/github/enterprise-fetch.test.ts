import { describe, expect, it } from '@jest/globals';
import { enterpriseFetch } from '../../../src/github/enterprise-fetch.js';

describe('enterpriseFetch', () => {
  const seen: string[] = [];
  const inner = (async (input: string | URL | Request) => {
    seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return new Response('{}');
  }) as typeof fetch;
  const f = enterpriseFetch('https://ghe.example.com/api/v3/', inner);

  it("sends what was addressed to github.com's API to the configured API", async () => {
    seen.length = 0;
    await f('https://api.github.com/app/installations/7/access_tokens', { method: 'POST' });
    await f(new Request('https://api.github.com/app', { method: 'GET' }));
    expect(seen).toEqual([
      'https://ghe.example.com/api/v3/app/installations/7/access_tokens',
      'https://ghe.example.com/api/v3/app',
    ]);
  });

  it('leaves every other address alone', async () => {
    seen.length = 0;
    await f('https://ghe.example.com/api/v3/repos/o/r');
    await f('https://api.github.com.evil.example/x');
    expect(seen).toEqual(['https://ghe.example.com/api/v3/repos/o/r', 'https://api.github.com.evil.example/x']);
  });
});
