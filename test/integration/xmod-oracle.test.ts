/**
 * The version tables of test/unit/version are our reading of Go's rules; here golang.org/x/mod
 * and go/version answer the same questions, and both the tables and the engine must agree.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compareGoVersions, goLanguage, isValidGoVersion, toolchainVersion } from '../../src/gomod/go-version.js';
import { canonicalModuleVersion, checkPathMajor, isValidModulePath, splitPathVersion } from '../../src/gomod/module.js';
import {
  isPseudoVersion,
  isZeroPseudoVersion,
  makePseudoVersion,
  pseudoVersionBase,
  pseudoVersionRev,
  pseudoVersionTime,
} from '../../src/gomod/pseudo-version.js';
import {
  build,
  canonical,
  compare,
  isValid,
  major,
  majorMinor,
  max,
  prerelease,
  sortVersions,
} from '../../src/gomod/version.js';
import { buildXmodOracle, type OracleRequest, type XmodOracle } from '../oracles/xmod-runner.js';
import * as T from '../unit/version/tables.js';

let oracle: XmodOracle;
beforeAll(async () => {
  oracle = await buildXmodOracle();
});
afterAll(async () => {
  await oracle?.close();
});

/** Asks every request, returns the mismatches as readable lines. */
async function check(
  cases: { req: OracleRequest; ours: unknown; table?: unknown; fromError?: boolean }[],
): Promise<string[]> {
  const answers = await oracle.ask(cases.map((c) => c.req));
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const a = answers[i]!;
    const go = c.fromError ? (a.error ? null : a.result) : a.result;
    if (a.error && !c.fromError) wrong.push(`${c.req.op}(${c.req.args.join(', ')}): oracle error ${a.error}`);
    const label = `${c.req.op}(${JSON.stringify(c.req.args)})`;
    if (stable(go) !== stable(c.ours)) wrong.push(`${label}: Go ${stable(go)}, engine ${stable(c.ours)}`);
    if ('table' in c && stable(go) !== stable(c.table)) {
      wrong.push(`${label}: Go ${stable(go)}, table ${stable(c.table)}`);
    }
  });
  return wrong;
}

/** JSON with sorted keys, so that Go's map order and ours compare equal. */
function stable(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

const req = (op: string, ...args: string[]): OracleRequest => ({ op, args });

describe('golang.org/x/mod/semver', () => {
  it('agrees on validity and parts', async () => {
    const cases = T.SEMVER_PARTS.flatMap(([v, valid, canon, maj, mm, pre, bld]) => [
      { req: req('semver.IsValid', v), ours: isValid(v), table: valid },
      { req: req('semver.Canonical', v), ours: canonical(v), table: canon },
      { req: req('semver.Major', v), ours: major(v), table: maj },
      { req: req('semver.MajorMinor', v), ours: majorMinor(v), table: mm },
      { req: req('semver.Prerelease', v), ours: prerelease(v), table: pre },
      { req: req('semver.Build', v), ours: build(v), table: bld },
    ]);
    expect(await check(cases)).toEqual([]);
  });

  it('agrees on the order of every pair', async () => {
    const flat = T.SEMVER_ORDER.flatMap((g, rank) => g.map((v) => ({ v, rank })));
    const cases = flat.flatMap((a) =>
      flat.map((b) => ({
        req: req('semver.Compare', a.v, b.v),
        ours: compare(a.v, b.v),
        table: Math.sign(a.rank - b.rank),
      })),
    );
    expect(await check(cases)).toEqual([]);
  });

  it('agrees on sort and max', async () => {
    const cases = [
      ...T.SEMVER_SORT.map(([input, want]) => ({
        req: req('semver.Sort', ...input),
        ours: sortVersions([...input]),
        table: want,
      })),
      ...T.SEMVER_MAX.map(([a, b, want]) => ({ req: req('semver.Max', a, b), ours: max(a, b), table: want })),
    ];
    expect(await check(cases)).toEqual([]);
  });
});

describe('golang.org/x/mod/module', () => {
  it('agrees on pseudo-versions', async () => {
    const cases = T.PSEUDO.flatMap(([v, pseudo, base, rev, time]) => [
      { req: req('module.IsPseudoVersion', v), ours: isPseudoVersion(v), table: pseudo },
      { req: req('module.IsZeroPseudoVersion', v), ours: isZeroPseudoVersion(v) },
      {
        req: req('module.PseudoVersionBase', v),
        ours: attempt(() => pseudoVersionBase(v)),
        table: base,
        fromError: true,
      },
      { req: req('module.PseudoVersionRev', v), ours: attempt(() => pseudoVersionRev(v)), table: rev, fromError: true },
      {
        req: req('module.PseudoVersionTime', v),
        ours: attempt(() => pseudoVersionTime(v).toISOString().replace('.000Z', 'Z')),
        table: time,
        fromError: true,
      },
    ]);
    const made = T.PSEUDO_MAKE.map(([maj, older, time, rev, want]) => ({
      req: req('module.PseudoVersion', maj, older, time, rev),
      ours: makePseudoVersion(maj, older, new Date(time), rev),
      table: want,
    }));
    expect(await check([...cases, ...made])).toEqual([]);
  });

  it('agrees on module paths and major versions', async () => {
    const cases = [
      ...T.SPLIT_PATH.map(([p, prefix, pathMajor, ok]) => ({
        req: req('module.SplitPathVersion', p),
        ours: splitPathVersion(p),
        table: { prefix, pathMajor, ok },
      })),
      ...T.CHECK_PATH_MAJOR.map(([v, pm, ok]) => ({
        req: req('module.CheckPathMajor', v, pm),
        ours: checkPathMajor(v, pm) === null,
        table: ok,
      })),
      ...T.CHECK_PATH.map(([p, ok]) => ({ req: req('module.CheckPath', p), ours: isValidModulePath(p), table: ok })),
      ...T.CANONICAL_MODULE_VERSION.map(([v, want]) => ({
        req: req('module.CanonicalVersion', v),
        ours: canonicalModuleVersion(v),
        table: want,
      })),
    ];
    expect(await check(cases)).toEqual([]);
  });
});

describe('go/version', () => {
  it('agrees on the order of Go versions', async () => {
    const flat = T.GO_ORDER.flatMap((g, rank) => g.map((v) => ({ v, rank })));
    const cases = flat.flatMap((a) =>
      flat.map((b) => ({
        req: req('version.Compare', a.v, b.v),
        ours: compareGoVersions(a.v, b.v),
        table: Math.sign(a.rank - b.rank),
      })),
    );
    expect(await check(cases)).toEqual([]);
  });

  it('agrees on validity and language versions', async () => {
    const cases = T.GO_LANG.flatMap(([v, valid, lang]) => [
      { req: req('version.IsValid', v), ours: isValidGoVersion(v), table: valid },
      { req: req('version.Lang', v), ours: goLanguage(v) ? `go${goLanguage(v)}` : '', table: lang ? `go${lang}` : '' },
    ]);
    expect(await check(cases)).toEqual([]);
  });

  it('agrees on the version a toolchain name carries', async () => {
    // go/version reads toolchain names itself; names with spaces or slashes are the go command's own rule.
    const plain = T.TOOLCHAIN.filter(([name]) => !/[ /\\]/.test(name));
    const cases = plain.flatMap(([name, want]) => [
      { req: req('version.IsValidRaw', name), ours: toolchainVersion(name) !== '', table: want !== '' },
      ...(want ? [{ req: req('version.CompareRaw', name, `go${want}`), ours: 0, table: 0 }] : []),
    ]);
    expect(await check(cases)).toEqual([]);
  });
});
