import { describe, expect, it } from '@jest/globals';
import { envFor, goFlagsWithout } from '../../../src/toolchain/apply/go-session.js';
import { parseBuildList } from '../../../src/toolchain/apply/build-list.js';
import { parsePackageModules } from '../../../src/toolchain/apply/package-modules.js';

const base = Object.freeze({
  PATH: '/go/bin',
  GOWORK: 'off',
  GOFLAGS: '-buildvcs=false -mod=vendor',
  GOPROXY: 'http://127.0.0.1:1',
});

describe('go environments of apply', () => {
  it("drops the app's -mod flag, whatever its spelling", () => {
    expect(goFlagsWithout('-mod=vendor -buildvcs=false --mod=readonly -modcacherw')).toEqual([
      '-buildvcs=false',
      '-modcacherw',
    ]);
    expect(goFlagsWithout(undefined)).toEqual([]);
  });

  it('runs module commands alone and -mod=mod, measurements read-only, workspace commands on go.work without -mod', () => {
    expect(envFor(base, 'module', '/repo')).toMatchObject({
      GOWORK: 'off',
      GOFLAGS: '-buildvcs=false -mod=mod',
      GOPROXY: 'http://127.0.0.1:1',
    });
    expect(envFor(base, 'readonly', '/repo')).toMatchObject({
      GOWORK: 'off',
      GOFLAGS: '-buildvcs=false -mod=readonly',
    });
    expect(envFor(base, 'workspace', '/repo')).toMatchObject({ GOWORK: '/repo/go.work', GOFLAGS: '-buildvcs=false' });
    expect('GOFLAGS' in envFor({ PATH: '/go/bin', GOFLAGS: '-mod=mod' }, 'workspace', '/r')).toBe(false);
  });
});

describe('parsing go list output', () => {
  it('reads the build list from go list -m -json all, main module left out', () => {
    const out =
      '{\n\t"Path": "example.com/m",\n\t"Main": true\n}\n{\n\t"Path": "a.com/x",\n\t"Version": "v1.0.0",\n\t"Replace": {"Path": "../x"}\n}\n{"Path":"b.com/{y}","Version":"v0.1.0"}\n';
    expect(parseBuildList(out)).toEqual([
      { path: 'a.com/x', version: 'v1.0.0' },
      { path: 'b.com/{y}', version: 'v0.1.0' },
    ]);
  });

  it('reads module paths of packages, standard library (empty lines) left out', () => {
    expect([...parsePackageModules('\n\na.com/x\nexample.com/m\na.com/x\n')]).toEqual(['a.com/x', 'example.com/m']);
  });
});
