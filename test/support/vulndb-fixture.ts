/**
 * Writes a Go vulnerability database in its published layout (index/db.json, index/modules.json,
 * ID/<id>.json) into a directory, for `file://` GOVULNDB use by the engine and govulncheck alike.
 * Advisories follow the real OSV shape; ids are synthetic (GO-2099-NNNN).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface FixtureAdvisory {
  id: string;
  module: string;
  /** SEMVER events in OSV form, e.g. [{ introduced: '0' }, { fixed: '1.11.0' }]. */
  events: ({ introduced: string } | { fixed: string })[];
  aliases?: string[];
  summary?: string;
  modified?: string;
  withdrawn?: string;
  /** Packages of the module the advisory names (govulncheck reports module-level findings either way). */
  packages?: string[];
  /** The vulnerable symbols of those packages (default: one named Synthetic). */
  symbols?: string[];
}

export function osvEntry(a: FixtureAdvisory): Record<string, unknown> {
  const modified = a.modified ?? '2099-01-02T00:00:00Z';
  return {
    schema_version: '1.3.1',
    id: a.id,
    modified,
    published: '2099-01-01T00:00:00Z',
    ...(a.withdrawn ? { withdrawn: a.withdrawn } : {}),
    aliases: a.aliases ?? [],
    summary: a.summary ?? `Synthetic flaw in ${a.module}`,
    details: `A synthetic advisory for tests of ${a.module}.`,
    affected: [
      {
        package: { name: a.module, ecosystem: 'Go' },
        ranges: [{ type: 'SEMVER', events: a.events }],
        ecosystem_specific: {
          imports: (a.packages ?? [a.module]).map((path) => ({ path, symbols: a.symbols ?? ['Synthetic'] })),
        },
      },
    ],
    references: [{ type: 'FIX', url: `https://example.com/fix/${a.id}` }],
    database_specific: { url: `https://vulndb.example/${a.id}`, review_status: 'REVIEWED' },
  };
}

function lastFixed(a: FixtureAdvisory): string | undefined {
  const fixes = a.events.flatMap((e) => ('fixed' in e ? [e.fixed] : []));
  return fixes.at(-1);
}

/** (Re)writes the whole database; returns its `file://` URL. */
export async function writeVulnDb(dir: string, advisories: readonly FixtureAdvisory[]): Promise<string> {
  await mkdir(join(dir, 'index'), { recursive: true });
  await mkdir(join(dir, 'ID'), { recursive: true });
  const modified =
    advisories
      .map((a) => a.modified ?? '2099-01-02T00:00:00Z')
      .sort()
      .at(-1) ?? '2099-01-01T00:00:00Z';
  const byModule = new Map<string, FixtureAdvisory[]>();
  for (const a of advisories) byModule.set(a.module, [...(byModule.get(a.module) ?? []), a]);
  const modules = [...byModule.keys()].sort().map((path) => ({
    path,
    vulns: byModule
      .get(path)!
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((a) => ({
        id: a.id,
        modified: a.modified ?? '2099-01-02T00:00:00Z',
        ...(lastFixed(a) ? { fixed: lastFixed(a) } : {}),
      })),
  }));
  await writeFile(join(dir, 'index', 'db.json'), JSON.stringify({ modified }));
  await writeFile(join(dir, 'index', 'modules.json'), JSON.stringify(modules));
  for (const a of advisories) await writeFile(join(dir, 'ID', `${a.id}.json`), JSON.stringify(osvEntry(a)));
  return pathToFileURL(dir).href;
}
