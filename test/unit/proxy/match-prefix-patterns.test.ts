import { describe, expect, it } from '@jest/globals';
import { matchPrefixPatterns, pathMatch } from '../../../src/gomod/proxy/index.js';

/** [globs, target, want]; proxy-go-oracle.test.ts checks the same rules against Go on generated cases. */
const prefixTable: [string, string, boolean][] = [
  ['*.corp.example.com', 'git.corp.example.com/team/repo', true],
  ['*.corp.example.com', 'corp.example.com/team/repo', false],
  ['rsc.io/private', 'rsc.io/private', true],
  ['rsc.io/private', 'rsc.io/private/quux', true],
  ['rsc.io/private', 'rsc.io/privateer', false],
  ['rsc.io/private', 'rsc.io', false],
  ['rsc.io/private/', 'rsc.io/private/x', true],
  ['rsc.io/*', 'rsc.io/private/x', true],
  ['rsc.io/*/x', 'rsc.io/private/x/y', true],
  ['rsc.io/*/x', 'rsc.io/private/y', false],
  ['*', 'anything.com/at/all', true],
  ['*/*', 'example.com', false],
  ['', 'example.com', false],
  [',,example.com,', 'example.com/x', true],
  ['a.com,b.com', 'b.com/x', true],
  ['a.com, b.com', 'b.com/x', false],
  ['github.com/Org', 'github.com/Org/repo', true],
  ['github.com/org', 'github.com/Org/repo', false],
  ['example.co?', 'example.com/x', true],
  ['example.[a-c]om', 'example.bom/x', true],
  ['example.[^a-c]om', 'example.bom/x', false],
  ['example.[^a-c]om', 'example.dom/x', true],
  ['example.[', 'example.[/x', false],
  ['[,good.com', 'good.com/x', true],
  ['example.com/\\*', 'example.com/*', true],
  ['example.com/\\*', 'example.com/x', false],
  ['exa*le.com', 'example.com/x', true],
  ['*.com/*/v2', 'x.com/y/v2/z', true],
  ['example.com\\', 'example.com/x', false],
  ['[]a]', ']', false],
];

describe('matchPrefixPatterns', () => {
  it.each(prefixTable)('%j matches %j: %s', (globs, target, want) => {
    expect(matchPrefixPatterns(globs, target)).toBe(want);
  });
});

describe('pathMatch (Go path.Match)', () => {
  it.each<[string, string, boolean | null]>([
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['a[^a][^a][^a]b', 'a☺b', false],
    ['*x', 'xxx', true],
    ['[', 'a', null],
    ['[^', 'a', null],
    ['[^bc', 'a', null],
    ['a[', 'a', null],
    ['a[', 'ab', null],
    ['a[', 'x', null],
    ['a/b[', 'x', null],
    ['*x[', 'x', null],
    ['[\\', 'a', null],
    ['a\\', 'a', null],
    ['[a-]', 'a', null],
    ['[]a]', ']', null],
    ['[-]', '-', null],
    ['[x-]', 'x', null],
    ['[x-]', '-', null],
    ['[-x]', 'x', null],
    ['\\', 'a', null],
    ['[a-b-c]', 'a', null],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', 'x', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
  ])('%j ~ %j → %s', (pattern, name, want) => {
    expect(pathMatch(pattern, name)).toBe(want);
  });
});
