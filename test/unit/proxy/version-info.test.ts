import { describe, expect, it } from '@jest/globals';
import { ProxyResponseError } from '../../../src/gomod/proxy/errors.js';
import { parseVersionInfo } from '../../../src/gomod/proxy/version-info.js';

const parse = (s: string) => parseVersionInfo(Buffer.from(s), 'example.com/m', 'https://proxy.invalid');

describe('parseVersionInfo', () => {
  it('keeps the known fields and drops the rest', () => {
    expect(
      parse(
        '{"Version":"v1.2.3","Time":"2024-01-01T00:00:00Z","Origin":{"VCS":"git","URL":"https://x","Hash":"abc","Extra":1},"Other":true}',
      ),
    ).toEqual({
      Version: 'v1.2.3',
      Time: '2024-01-01T00:00:00Z',
      Origin: { VCS: 'git', URL: 'https://x', Hash: 'abc' },
    });
  });

  it.each([
    ['not JSON', 'v1.2.3', /invalid response from proxy/],
    ['an array', '[]', /body: expected an object/],
    ['no Version', '{"Time":"x"}', /Version: expected a non-empty string/],
    ['an empty Version', '{"Version":""}', /Version: expected a non-empty string/],
    ['a numeric Time', '{"Version":"v1.0.0","Time":5}', /Time: expected a string/],
    ['a string Origin', '{"Version":"v1.0.0","Origin":"git"}', /Origin: expected an object/],
    ['a numeric Origin.URL', '{"Version":"v1.0.0","Origin":{"URL":1}}', /Origin\.URL: expected a string/],
  ])('rejects %s with a typed error naming the field', (_name, body, message) => {
    expect(() => parse(body)).toThrow(ProxyResponseError);
    expect(() => parse(body)).toThrow(message);
  });
});
