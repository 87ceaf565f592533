/**
 * The Go rules the proxy client re-implements, checked against Go itself on generated inputs:
 * a throwaway Go program calls golang.org/x/mod (module.EscapePath, EscapeVersion,
 * MatchPrefixPatterns, IsPseudoVersion, CanonicalVersion; semver.IsValid) and path.Match.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { escapeModulePath, escapeVersion, isCanonicalVersion, unescapeModulePath } from '../../src/gomod/module.js';
import { matchPrefixPatterns, pathMatch } from '../../src/gomod/proxy/index.js';
import { isPseudoVersion } from '../../src/gomod/pseudo-version.js';
import { isValid } from '../../src/gomod/version.js';

const run = promisify(execFile);
/** The golang.org/x/mod release the oracle is built from (raise it on purpose, not by a release). */
const X_MOD_VERSION = 'v0.42.0'; // as test/oracles/xmod/go.mod

const GO_PROGRAM = `package main

import (
	"encoding/json"
	"os"
	"path"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

type input struct {
	Paths    []string
	Versions []string
	Match    [][2]string
	Prefix   [][2]string
}

type escaped struct {
	Out string
	Err string
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	out := map[string]any{}
	var paths, unescaped []escaped
	for _, p := range in.Paths {
		e, err := module.EscapePath(p)
		r := escaped{Out: e}
		if err != nil {
			r.Err = err.Error()
		}
		paths = append(paths, r)
		u, err := module.UnescapePath(p)
		r = escaped{Out: u}
		if err != nil {
			r.Err = "error"
		}
		unescaped = append(unescaped, r)
	}
	var versions []escaped
	var valid, canonical, pseudo []bool
	for _, v := range in.Versions {
		e, err := module.EscapeVersion(v)
		r := escaped{Out: e}
		if err != nil {
			r.Err = "error"
		}
		versions = append(versions, r)
		valid = append(valid, semver.IsValid(v))
		canonical = append(canonical, semver.IsValid(v) && module.CanonicalVersion(v) == v)
		pseudo = append(pseudo, module.IsPseudoVersion(v))
	}
	var match []*bool
	for _, c := range in.Match {
		ok, err := path.Match(c[0], c[1])
		if err != nil {
			match = append(match, nil)
		} else {
			match = append(match, &ok)
		}
	}
	var prefix []bool
	for _, c := range in.Prefix {
		prefix = append(prefix, module.MatchPrefixPatterns(c[0], c[1]))
	}
	out["paths"], out["unescaped"], out["versions"] = paths, unescaped, versions
	out["valid"], out["canonical"], out["pseudo"] = valid, canonical, pseudo
	out["match"], out["prefix"] = match, prefix
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`;
import { rng } from '../support/seeded-rng.js';

function words(rand: () => number, alphabet: string[], count: number, maxLen: number, minLen = 0): string[] {
  return Array.from({ length: count }, () => {
    const len = minLen + Math.floor(rand() * (maxLen - minLen + 1));
    return Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  });
}

const rand = rng(20240601);
const paths = [
  'github.com/BurntSushi/toml',
  'golang.org/x/text',
  'gopkg.in/yaml.v3',
  'gopkg.in/check.v1-unstable',
  'gopkg.in/yaml.v0',
  'gopkg.in/yaml.v01',
  'example.com/m/v2',
  'example.com/m/v1',
  'example.com/m/v02',
  'example.com/m/v2.0',
  'example.com/m/V2',
  'example.com/aux.txt',
  'example.com/LPT9',
  'example.com/x~1',
  'example.com/x~a',
  'example.com/.hidden',
  'example.com/a..b',
  'example.com',
  'localhost/x',
  'ex_ample.com/x',
  ...words(rand, ['a', 'B', '.', '/', '-', '_', '~', '1', 'v', '!', ' ', 'é'], 400, 10, 1).map(
    (w) => `example.com/${w}`,
  ),
  ...words(rand, ['a', 'B', '.', '/', '-', 'x', '0', 'v', '2'], 200, 12, 1),
];
const versions = [
  ...[
    'v1.2.3',
    'v1.2',
    'v1',
    'v1.2.3-pre',
    'v1.2.3+meta',
    'v2.0.0+incompatible',
    'v1.0.0-RC1',
    'master',
    'Main',
    'v0.0.0-20191109021931-daa7c04131f5',
  ],
  'v1.2.4-0.20191109021931-daa7c04131f5+incompatible',
  'v1.2.3-pre.0.20191109021931-DAA7c04131f5',
  'v0.0.0-2019110902193-daa7c04131f5',
  ...words(rand, ['v', '1', '0', '.', '-', '+', 'a', 'R', '!', ' ', '/', '*', 'é', 'incompatible'], 400, 8, 1),
  ...words(rand, ['v1.', '2', '0', '.', '-', '0.', '20191109021931', '-abc', '+incompatible', 'pre'], 300, 6, 1),
];
const matchCases: [string, string][] = [];
{
  const pats = words(rand, ['a', 'b', '/', '*', '?', '[', ']', '^', '-', '\\', '.'], 1500, 6, 1);
  const names = words(rand, ['a', 'b', '/', '.', '-', ']', '\\', '*'], 1500, 5, 0);
  pats.forEach((p, i) => matchCases.push([p, names[i]!]));
}
const prefixCases: [string, string][] = [];
{
  const globs = words(rand, ['a', 'b', 'a.com', '/', '*', '?', ',', '[a-b]', '[', '\\', '/*'], 1500, 6, 0);
  const targets = words(rand, ['a', 'b', 'a.com', '/', '.'], 1500, 6, 1);
  globs.forEach((g, i) => prefixCases.push([g, targets[i]!]));
}

interface GoAnswer {
  paths: { Out: string; Err: string }[];
  unescaped: { Out: string; Err: string }[];
  versions: { Out: string; Err: string }[];
  valid: boolean[];
  canonical: boolean[];
  pseudo: boolean[];
  match: (boolean | null)[];
  prefix: boolean[];
}

let go: GoAnswer;
let dir: string;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gomod-steward-xmod-oracle-'));
  writeFileSync(join(dir, 'main.go'), GO_PROGRAM);
  const env = { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  await run('go', ['mod', 'init', 'example.com/oracle'], { cwd: dir, env });
  // A pinned x/mod: a new release must not change what the oracle answers between two runs.
  await run('go', ['get', `golang.org/x/mod@${X_MOD_VERSION}`], { cwd: dir, env });
  await run('go', ['build', '-o', 'oracle', '.'], { cwd: dir, env });
  const child = execFile(join(dir, 'oracle'), { cwd: dir, maxBuffer: 64 << 20 });
  const out = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`oracle exited ${code}`))));
  });
  child.stdin!.end(JSON.stringify({ Paths: paths, Versions: versions, Match: matchCases, Prefix: prefixCases }));
  go = JSON.parse(await out) as GoAnswer;
}, 120_000);

function ours<T>(f: () => T): { Out: T | ''; Err: string } {
  try {
    return { Out: f(), Err: '' };
  } catch (err) {
    return { Out: '', Err: (err as Error).message };
  }
}

describe('against golang.org/x/mod', () => {
  it('EscapePath: same result and the same error message for every path', () => {
    const mine = paths.map((p) => ours(() => escapeModulePath(p)));
    expect(mine).toEqual(go.paths);
  });

  it('UnescapePath', () => {
    const mine = paths.map((p) => {
      const u = unescapeModulePath(p);
      return u === null ? { Out: '', Err: 'error' } : { Out: u, Err: '' };
    });
    expect(mine).toEqual(go.unescaped);
  });

  it('EscapeVersion', () => {
    const mine = versions.map((v) => {
      const r = ours(() => escapeVersion('example.com/m', v));
      return r.Err ? { Out: '', Err: 'error' } : r;
    });
    expect(mine).toEqual(go.versions);
  });

  it('semver.IsValid, CanonicalVersion, IsPseudoVersion', () => {
    expect(versions.map(isValid)).toEqual(go.valid);
    expect(versions.map(isCanonicalVersion)).toEqual(go.canonical);
    expect(versions.map(isPseudoVersion)).toEqual(go.pseudo);
    // The generator must reach both answers, or the comparison proves little.
    expect(new Set(go.canonical).size).toBe(2);
    expect(go.pseudo.filter(Boolean).length).toBeGreaterThan(2);
  });

  it('path.Match, malformed patterns included', () => {
    expect(matchCases.map(([p, n]) => pathMatch(p, n))).toEqual(go.match);
    expect(new Set(go.match).size).toBe(3);
  });

  it('MatchPrefixPatterns', () => {
    expect(prefixCases.map(([g, t]) => matchPrefixPatterns(g, t))).toEqual(go.prefix);
    expect(go.prefix.filter(Boolean).length).toBeGreaterThan(20);
  });
});
