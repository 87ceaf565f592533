/**
 * Licenses of modules, from the LICENSE/COPYING files of their zips as the go command downloads
 * them (checksums verified as for any build), identified by Google's licensecheck — the
 * classifier behind pkg.go.dev's license policy, matching text against the SPDX license texts.
 * licensecheck is a Go library, so a small program around it is built once from the module proxy
 * at a pinned version into the cache dir, the way govulncheck is. Both run with the go children's
 * allow-listed environment.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { splitJsonStream } from './apply/json-stream.js';
import type { GoEnv } from './go-env-names.js';
import { buildGoTool } from './build-go-tool.js';
import { runGo } from './run-go.js';
import { assertNoSecrets, redactSecrets } from './secrets.js';

export const LICENSECHECK_MODULE = 'github.com/google/licensecheck';
export const LICENSECHECK_VERSION = 'v0.3.1';

/** Below this share of a file's words matched, its license is unknown (pkg.go.dev's own threshold). */
export const MIN_COVERAGE = 75;

/** The scanner: file paths in, one JSON line per file out (coverage and the SPDX ids matched). */
const SCANNER = `package main

import (
	"encoding/json"
	"os"

	"github.com/google/licensecheck"
)

type result struct {
	File    string   \`json:"file"\`
	Percent float64  \`json:"percent"\`
	IDs     []string \`json:"ids"\`
}

func main() {
	enc := json.NewEncoder(os.Stdout)
	for _, f := range os.Args[1:] {
		text, err := os.ReadFile(f)
		if err != nil {
			os.Exit(2)
		}
		cov := licensecheck.Scan(text)
		r := result{File: f, Percent: cov.Percent, IDs: []string{}}
		for _, m := range cov.Match {
			if !m.IsURL {
				r.IDs = append(r.IDs, m.ID)
			}
		}
		if err := enc.Encode(r); err != nil {
			os.Exit(2)
		}
	}
}
`;

export interface LicenseScanOptions {
  env: GoEnv;
  /** Where the built scanner is kept across runs. */
  cacheRoot: string;
  timeoutMs?: number;
  secrets?: readonly (string | undefined)[];
}

/** The scanner binary, built once per version into `cacheRoot`. */
export async function locateLicenseScanner(o: LicenseScanOptions): Promise<string> {
  return buildGoTool({
    name: 'licensecheck',
    version: LICENSECHECK_VERSION,
    get: LICENSECHECK_MODULE,
    build: '.',
    mainGo: SCANNER,
    env: o.env,
    cacheRoot: o.cacheRoot,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.secrets ? { secrets: o.secrets } : {}),
  });
}

export interface ModuleLicense {
  path: string;
  version: string;
  /** License files at the module root, relative to it; empty when there is none. */
  files: { file: string; ids: string[]; percent: number }[];
}

const downloadSchema = z.object({
  Path: z.string(),
  Version: z.string(),
  Dir: z.string().optional(),
  Error: z.string().optional(),
});
const scanSchema = z.object({ file: z.string(), percent: z.number(), ids: z.array(z.string()) });

/** LICENSE, LICENCE, COPYING, with or without an extension or a suffix (LICENSE-APACHE). */
export function isLicenseFile(name: string): boolean {
  return /^(?:licen[cs]e|copying)(?:[-._][\w.-]*)?$/i.test(name);
}

/** Each module's license files and what licensecheck makes of them. */
export async function moduleLicenses(
  modules: readonly { path: string; version: string }[],
  o: LicenseScanOptions,
): Promise<ModuleLicense[]> {
  if (modules.length === 0) return [];
  const bin = await locateLicenseScanner(o);
  const cwd = await mkdtemp(join(tmpdir(), 'gomod-steward-license-'));
  try {
    const run = {
      cwd,
      env: { ...o.env, GOWORK: 'off' },
      timeoutMs: o.timeoutMs ?? 300_000,
      maxOutputBytes: 16 << 20,
      secrets: o.secrets,
    };
    // Outside any module: go mod download takes path@version as given, zips checked against go.sum's database.
    const r = await runGo(['mod', 'download', '-json', ...modules.map((m) => `${m.path}@${m.version}`)], run);
    const found: { path: string; version: string; dir: string; names: string[] }[] = [];
    for (const raw of splitJsonStream(r.stdout)) {
      const d = downloadSchema.parse(raw);
      if (!d.Dir) throw new Error(`go mod download ${d.Path}@${d.Version}: ${d.Error ?? 'no directory'}`);
      const names = (await readdir(d.Dir, { withFileTypes: true }))
        .filter((e) => e.isFile() && isLicenseFile(e.name))
        .map((e) => e.name)
        .sort();
      found.push({ path: d.Path, version: d.Version, dir: d.Dir, names });
    }
    // One scanner process for every file: licensecheck prepares its license set once per process.
    const paths = found.flatMap((f) => f.names.map((n) => join(f.dir, n)));
    const scanned = new Map((paths.length ? await scan(bin, paths, o) : []).map((x) => [x.file, x]));
    const out: ModuleLicense[] = found.map((f) => ({
      path: f.path,
      version: f.version,
      files: f.names.map((n) => {
        const x = scanned.get(join(f.dir, n));
        return { file: n, ids: x?.ids ?? [], percent: x?.percent ?? 0 };
      }),
    }));
    return out;
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

async function scan(bin: string, files: string[], o: LicenseScanOptions): Promise<z.infer<typeof scanSchema>[]> {
  assertNoSecrets(o.env, o.secrets ?? []);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      bin,
      files,
      { env: { ...o.env }, timeout: o.timeoutMs ?? 60_000, maxBuffer: 16 << 20 },
      (err, out, errOut) => {
        if (err) reject(new Error(redactSecrets(`licensecheck failed: ${errOut || err.message}`, o.secrets ?? [])));
        else resolve(out);
      },
    );
  });
  return splitJsonStream(stdout).map((x) => scanSchema.parse(x));
}
