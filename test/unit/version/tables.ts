/**
 * Hand-written expectations for the version helpers. The unit tests check the engine against
 * them; test/integration/xmod-oracle.test.ts feeds the same inputs to golang.org/x/mod and
 * go/version so that no row is only our opinion.
 */

/** [version, isValid, canonical, major, majorMinor, prerelease, build] */
export const SEMVER_PARTS: [string, boolean, string, string, string, string, string][] = [
  ['bad', false, '', '', '', '', ''],
  ['', false, '', '', '', '', ''],
  ['v', false, '', '', '', '', ''],
  ['1.2.3', false, '', '', '', '', ''],
  ['v1', true, 'v1.0.0', 'v1', 'v1.0', '', ''],
  ['v1.2', true, 'v1.2.0', 'v1', 'v1.2', '', ''],
  ['v1.2.3', true, 'v1.2.3', 'v1', 'v1.2', '', ''],
  ['v01.2.3', false, '', '', '', '', ''],
  ['v1.02.3', false, '', '', '', '', ''],
  ['v1.2.03', false, '', '', '', '', ''],
  ['v0.0.0', true, 'v0.0.0', 'v0', 'v0.0', '', ''],
  ['v10.20.30', true, 'v10.20.30', 'v10', 'v10.20', '', ''],
  ['v1.2-pre', false, '', '', '', '', ''],
  ['v1-pre', false, '', '', '', '', ''],
  ['v1.2+meta', false, '', '', '', '', ''],
  ['v1.2.3-pre', true, 'v1.2.3-pre', 'v1', 'v1.2', '-pre', ''],
  ['v1.2.3-pre.1', true, 'v1.2.3-pre.1', 'v1', 'v1.2', '-pre.1', ''],
  ['v1.2.3-pre.01', false, '', '', '', '', ''],
  ['v1.2.3-pre.0a', true, 'v1.2.3-pre.0a', 'v1', 'v1.2', '-pre.0a', ''],
  ['v1.2.3-0', true, 'v1.2.3-0', 'v1', 'v1.2', '-0', ''],
  ['v1.2.3-00', false, '', '', '', '', ''],
  ['v1.2.3-pre..1', false, '', '', '', '', ''],
  ['v1.2.3-pre.', false, '', '', '', '', ''],
  ['v1.2.3-', false, '', '', '', '', ''],
  ['v1.2.3-a_b', false, '', '', '', '', ''],
  ['v1.2.3-x-y-z.--', true, 'v1.2.3-x-y-z.--', 'v1', 'v1.2', '-x-y-z.--', ''],
  ['v1.2.3+meta', true, 'v1.2.3', 'v1', 'v1.2', '', '+meta'],
  ['v1.2.3+meta-pre.sha.256a', true, 'v1.2.3', 'v1', 'v1.2', '', '+meta-pre.sha.256a'],
  ['v1.2.3+meta.01', true, 'v1.2.3', 'v1', 'v1.2', '', '+meta.01'],
  ['v1.2.3+', false, '', '', '', '', ''],
  ['v1.2.3+a..b', false, '', '', '', '', ''],
  ['v1.2.3-pre+meta', true, 'v1.2.3-pre', 'v1', 'v1.2', '-pre', '+meta'],
  ['v2.0.0+incompatible', true, 'v2.0.0', 'v2', 'v2.0', '', '+incompatible'],
  ['v1.2.3.4', false, '', '', '', '', ''],
  ['v1.2.3 ', false, '', '', '', '', ''],
  ['V1.2.3', false, '', '', '', '', ''],
  ['v1.2.3-beta.α', false, '', '', '', '', ''],
  [
    'v99999999999999999999.0.0',
    true,
    'v99999999999999999999.0.0',
    'v99999999999999999999',
    'v99999999999999999999.0',
    '',
    '',
  ],
];

/** Ascending precedence; versions in one inner list are equal. */
export const SEMVER_ORDER: string[][] = [
  ['bad', 'v1.2-pre', ''],
  ['v0.0.0-20200101000000-abcdefabcdef'],
  ['v0.0.0'],
  ['v0.0.1-0.20200101000000-abcdefabcdef'],
  ['v0.0.1'],
  ['v1.0.0-0'],
  ['v1.0.0-0.0'],
  ['v1.0.0-1'],
  ['v1.0.0-2'],
  ['v1.0.0-10'],
  ['v1.0.0-Z'],
  ['v1.0.0-alpha'],
  ['v1.0.0-alpha.1'],
  ['v1.0.0-alpha.beta'],
  ['v1.0.0-beta'],
  ['v1.0.0-beta.2'],
  ['v1.0.0-beta.11'],
  ['v1.0.0-rc.1'],
  ['v1', 'v1.0', 'v1.0.0', 'v1.0.0+build', 'v1.0.0+other'],
  ['v1.0.1'],
  ['v1.2.3-pre'],
  ['v1.2.3-pre.0.20200101000000-abcdefabcdef'],
  ['v1.2.3'],
  ['v1.10.0'],
  ['v2.0.0+incompatible', 'v2.0.0'],
  ['v10.0.0'],
];

/** Input and x/mod's sorted output (equal versions ordered as strings). */
export const SEMVER_SORT: [string[], string[]][] = [
  [
    ['v1.10.0', 'v1.2.0', 'bad', 'v1.0.0+b', 'v1.0.0+a', 'v1.0.0', 'v1.2.0-rc.1', 'v0.9.0', 'v1', 'aaa'],
    ['aaa', 'bad', 'v0.9.0', 'v1', 'v1.0.0', 'v1.0.0+a', 'v1.0.0+b', 'v1.2.0-rc.1', 'v1.2.0', 'v1.10.0'],
  ],
];

/** [a, b, max] (x/mod canonicalizes its answer). */
export const SEMVER_MAX: [string, string, string][] = [
  ['v1.2', 'v1.1.9', 'v1.2.0'],
  ['v1.0.0+x', 'v1.0.0', 'v1.0.0'],
  ['bad', 'v0.0.1', 'v0.0.1'],
  ['bad', 'worse', ''],
  ['v2.0.0-rc.1', 'v2.0.0', 'v2.0.0'],
];

/** [version, isPseudo, base (null: error), rev (null: error), time RFC 3339 (null: error)] */
export const PSEUDO: [string, boolean, string | null, string | null, string | null][] = [
  ['v0.0.0-20191109021931-daa7c04131f5', true, '', 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v1.0.0-20191109021931-daa7c04131f5', true, '', 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v2.0.0-20191109021931-daa7c04131f5+incompatible', true, null, 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v1.2.4-0.20191109021931-daa7c04131f5', true, 'v1.2.3', 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  [
    'v1.2.4-0.20191109021931-daa7c04131f5+incompatible',
    true,
    'v1.2.3+incompatible',
    'daa7c04131f5',
    '2019-11-09T02:19:31Z',
  ],
  ['v1.2.10-0.20191109021931-daa7c04131f5', true, 'v1.2.9', 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v1.3.0-0.20191109021931-daa7c04131f5', true, null, 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v1.2.3-pre.0.20191109021931-daa7c04131f5', true, 'v1.2.3-pre', 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v1.2.3-pre.x.0.20191109021931-daa7c04131f5', true, 'v1.2.3-pre.x', 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v1.2.3-0.0.20191109021931-daa7c04131f5', true, 'v1.2.3-0', 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v1.2.3-pre.20191109021931-daa7c04131f5', false, null, null, null],
  ['v0.0.0-2019110902193-daa7c04131f5', false, null, null, null],
  ['v0.0.0-20191109021931-daa7c04131f5+meta', true, null, 'daa7c04131f5', '2019-11-09T02:19:31Z'],
  ['v0.0.0-20191309021931-daa7c04131f5', true, '', 'daa7c04131f5', null],
  ['v0.0.0-20190230000000-daa7c04131f5', true, '', 'daa7c04131f5', null],
  ['v0.0.0-00010101000000-000000000000', true, '', '000000000000', '0001-01-01T00:00:00Z'],
  ['v1.2.3', false, null, null, null],
  ['v1.2.3-pre', false, null, null, null],
  ['v0.0.0-20191109021931-daa7c04131f5-x', false, null, null, null],
];

/** [major, older, time, rev, pseudo-version] */
export const PSEUDO_MAKE: [string, string, string, string, string][] = [
  ['', '', '2019-11-09T02:19:31Z', 'daa7c04131f5', 'v0.0.0-20191109021931-daa7c04131f5'],
  ['v2', '', '2019-11-09T02:19:31Z', 'daa7c04131f5', 'v2.0.0-20191109021931-daa7c04131f5'],
  ['v1', 'v1.2.3', '2019-11-09T02:19:31Z', 'daa7c04131f5', 'v1.2.4-0.20191109021931-daa7c04131f5'],
  ['v1', 'v1.2.9', '2019-11-09T02:19:31Z', 'daa7c04131f5', 'v1.2.10-0.20191109021931-daa7c04131f5'],
  ['v1', 'v1.2.99', '2019-11-09T02:19:31Z', 'daa7c04131f5', 'v1.2.100-0.20191109021931-daa7c04131f5'],
  ['v1', 'v1.2.3-pre', '2019-11-09T02:19:31Z', 'daa7c04131f5', 'v1.2.3-pre.0.20191109021931-daa7c04131f5'],
  [
    'v2',
    'v2.1.0+incompatible',
    '2019-11-09T02:19:31Z',
    'daa7c04131f5',
    'v2.1.1-0.20191109021931-daa7c04131f5+incompatible',
  ],
  ['v1', 'v1.2', '2019-11-09T02:19:31Z', 'daa7c04131f5', 'v1.2.1-0.20191109021931-daa7c04131f5'],
];

/** [path, prefix, pathMajor, ok] */
export const SPLIT_PATH: [string, string, string, boolean][] = [
  ['example.com/m', 'example.com/m', '', true],
  ['example.com/m/v2', 'example.com/m', '/v2', true],
  ['example.com/m/v10', 'example.com/m', '/v10', true],
  ['example.com/m/v1', 'example.com/m/v1', '', false],
  ['example.com/m/v0', 'example.com/m/v0', '', false],
  ['example.com/m/v02', 'example.com/m/v02', '', false],
  ['example.com/m/v2.0', 'example.com/m/v2.0', '', false],
  ['example.com/m/v', 'example.com/m/v', '', true],
  ['example.com/mv2', 'example.com/mv2', '', true],
  ['example.com/m/x2', 'example.com/m/x2', '', true],
  ['v2', 'v2', '', true],
  ['gopkg.in/yaml.v2', 'gopkg.in/yaml', '.v2', true],
  ['gopkg.in/yaml.v0', 'gopkg.in/yaml', '.v0', true],
  ['gopkg.in/yaml.v1', 'gopkg.in/yaml', '.v1', true],
  ['gopkg.in/yaml.v01', 'gopkg.in/yaml.v01', '', false],
  ['gopkg.in/check.v1-unstable', 'gopkg.in/check', '.v1-unstable', true],
  ['gopkg.in/user/pkg.v3', 'gopkg.in/user/pkg', '.v3', true],
  ['gopkg.in/yaml', 'gopkg.in/yaml', '', false],
  ['gopkg.in/yaml/v2', 'gopkg.in/yaml/v2', '', false],
];

/** [version, pathMajor, ok] */
export const CHECK_PATH_MAJOR: [string, string, boolean][] = [
  ['v1.2.3', '', true],
  ['v0.1.0', '', true],
  ['v2.0.0', '', false],
  ['v2.0.0+incompatible', '', true],
  ['v2.0.0', '/v2', true],
  ['v2.0.0+incompatible', '/v2', true],
  ['v3.0.0', '/v2', false],
  ['v1.0.0', '/v2', false],
  ['v1.5.0', '.v1', true],
  ['v0.0.0-20200101000000-abcdefabcdef', '.v1', true],
  ['v0.1.0', '.v1', false],
  ['v1.0.0', '.v1-unstable', true],
  ['v2.1.0', '.v2', true],
  ['v0.3.0', '.v0', true],
  ['v2.0.0-20200101000000-abcdefabcdef', '/v2', true],
];

/** [path, valid] for golang.org/x/mod/module.CheckPath */
export const CHECK_PATH: [string, boolean][] = [
  ['example.com/m', true],
  ['github.com/Azure/azure-sdk-for-go', true],
  ['github.com/x/y/v2', true],
  ['github.com/x/y/v1', false],
  ['example.com', true],
  ['example', false],
  ['Example.com/m', false],
  ['example.com/', false],
  ['/example.com', false],
  ['example.com//m', false],
  ['-example.com/m', false],
  ['example.com/.m', false],
  ['example.com/m.', false],
  ['example.com/..', false],
  ['example.com/m~1', false],
  ['example.com/m~x', true],
  ['example.com/con', false],
  ['example.com/con.txt', false],
  ['example.com/m+x', false],
  ['example.com/m@v1', false],
  ['example_x.com/m', false],
  ['gopkg.in/yaml.v3', true],
  ['gopkg.in/yaml', false],
  ['example.com/ü', false],
];

/** [version, canonical keeping +incompatible] */
export const CANONICAL_MODULE_VERSION: [string, string][] = [
  ['v2.0.0+incompatible', 'v2.0.0+incompatible'],
  ['v2.0+incompatible', ''],
  ['v2.0.0+incompatible.x', 'v2.0.0'],
  ['v1.2.3+meta', 'v1.2.3'],
  ['v1.2', 'v1.2.0'],
  ['bad', ''],
];

/** Go versions in ascending order; entries of one inner list are equal. */
export const GO_ORDER: string[][] = [
  ['', 'bad', '1.21.x', 'go1.21'],
  ['1', '1.0', '1.0.0'],
  ['1.9', '1.9.0'],
  ['1.9.1'],
  ['1.16', '1.16.0'],
  ['1.20rc1'],
  ['1.20', '1.20.0'],
  ['1.21'],
  ['1.21alpha1'],
  ['1.21beta1'],
  ['1.21rc1'],
  ['1.21rc2'],
  ['1.21.0'],
  ['1.21.1'],
  ['1.21.10'],
  ['1.22'],
  ['1.22rc1'],
  ['1.22.0'],
  ['1.100'],
  ['2'],
];

/** [version, valid, language] */
export const GO_LANG: [string, boolean, string][] = [
  ['1.21', true, '1.21'],
  ['1.21.3', true, '1.21'],
  ['1.21rc2', true, '1.21'],
  ['1.0', true, '1'],
  ['1', true, '1'],
  ['1.20.0', true, '1.20'],
  ['1.021', false, ''],
  ['1.21.', false, ''],
  ['1.21rc', true, '1.21'],
  ['1.21RC1', false, ''],
  ['01.21', false, ''],
];

/** [toolchain name, version it carries] */
export const TOOLCHAIN: [string, string][] = [
  ['go1.21.0', '1.21.0'],
  ['go1.22rc1', '1.22rc1'],
  ['go1.21.3-custom', '1.21.3'],
  ['go1.21.3 extra', '1.21.3'],
  ['go1.21', '1.21'],
  ['1.21.0', ''],
  ['gox', ''],
  ['go1.21/x', ''],
  ['default', ''],
];
