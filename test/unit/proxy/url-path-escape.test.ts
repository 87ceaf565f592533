import { describe, expect, it } from '@jest/globals';
import { urlPathEscape } from '../../../src/gomod/proxy/index.js';

describe('urlPathEscape (Go url.PathEscape, / kept)', () => {
  it.each([
    ['github.com/!burnt!sushi/toml/@v/list', 'github.com/%21burnt%21sushi/toml/@v/list'],
    ['example.com/m/@v/v1.0.0+incompatible.info', 'example.com/m/@v/v1.0.0+incompatible.info'],
    ['example.com/m/@v/a b#c?d,e;f.info', 'example.com/m/@v/a%20b%23c%3Fd%2Ce%3Bf.info'],
    ['example.com/m/@v/$&=:@.info', 'example.com/m/@v/$&=:@.info'],
    ['example.com/m/@v/ä.info', 'example.com/m/@v/%C3%A4.info'],
  ])('%s', (input, want) => {
    expect(urlPathEscape(input)).toBe(want);
  });
});
