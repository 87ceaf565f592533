/**
 * Writes modules into a GOPROXY=file:// directory, so that the go command answers questions
 * about hand-made module graphs offline. Paths must be lower-case (no escaping is done).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeZip } from '../support/local-proxy.js';

export interface ProxyModule {
  path: string;
  version: string;
  goMod: string;
  time?: string;
  /** In @v/list (default true); pseudo-versions usually are not. */
  listed?: boolean;
  /**
   * Source files of the module zip besides go.mod (paths relative to the module root). With
   * them the proxy serves a `.zip`, so `go get` can load the module's packages.
   */
  files?: Record<string, string>;
}

/** Writes the proxy; `latest` gives @latest answers by module path. Returns the GOPROXY value. */
export async function writeFileProxy(
  root: string,
  modules: ProxyModule[],
  latest: Record<string, string> = {},
): Promise<string> {
  const lists = new Map<string, string[]>();
  for (const m of modules) {
    const dir = join(root, m.path, '@v');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${m.version}.mod`), m.goMod);
    await writeFile(
      join(dir, `${m.version}.info`),
      JSON.stringify({ Version: m.version, Time: m.time ?? '2020-01-01T00:00:00Z' }),
    );
    if (m.files) {
      const root = `${m.path}@${m.version}/`;
      const entries: Record<string, string> = { [`${root}go.mod`]: m.goMod };
      for (const [name, text] of Object.entries(m.files)) entries[`${root}${name}`] = text;
      await writeFile(join(dir, `${m.version}.zip`), makeZip(entries));
    }
    const listed = lists.get(m.path) ?? [];
    if (m.listed ?? true) listed.push(m.version);
    lists.set(m.path, listed);
  }
  for (const [path, versions] of lists)
    await writeFile(join(root, path, '@v', 'list'), versions.map((v) => `${v}\n`).join(''));
  for (const [path, version] of Object.entries(latest)) {
    const m = modules.find((x) => x.path === path && x.version === version);
    await writeFile(
      join(root, path, '@latest'),
      JSON.stringify({ Version: version, Time: m?.time ?? '2020-01-01T00:00:00Z' }),
    );
  }
  return `file://${root}`;
}
