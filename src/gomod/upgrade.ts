/**
 * Go's "upgrade" version query, as `go list -m -u` runs it for each module of the build list
 * (relative to the SELECTED version, not the required one):
 *   1. the proxy's @v/list, valid semver only, pseudo-versions dropped;
 *   2. versions excluded by the main module, or retracted by the go.mod of the module's latest
 *      version (latest ignoring retractions), are not allowed;
 *   3. once the highest allowed compatible version has a real go.mod, `+incompatible` versions
 *      are ignored — unless the current version is itself `+incompatible`;
 *   4. of the versions ≥ current: the highest release, else the highest pre-release, else (for a
 *      pseudo-version current) @latest; a pseudo-version never "upgrades" to an older commit.
 * Go reports an update only when its answer is above the current version.
 */
import { latestFromList } from './latest-from-list.js';
import { fetchGoMod } from './mvs/summaries.js';
import { isPseudoVersion, pseudoVersionTime } from './pseudo-version.js';
import type { ModuleSource, Replace, Retract } from './types.js';
import { compareModuleVersions, isPrerelease, isValid, sortVersions } from './version.js';

export interface UpgradeOptions {
  source: ModuleSource;
  /** Versions of this module excluded by the main module(s). */
  excluded?: ReadonlySet<string>;
  /** The main module's replace directives: replaced versions count as available, and a path-only replacement disables retractions. */
  replace?: readonly Replace[];
  /** Parallel `.info` lookups when a pseudo-version's candidates must be dated (default 8). */
  concurrency?: number;
  /**
   * What the queries of one path share whatever their current version (served list, ordered
   * versions, retractions), by path: a plan asks about a path once per module that requires it.
   * For queries through one source and without replace directives only.
   */
  shared?: Map<string, Promise<PathBasis>>;
}

/** The part of a query that depends on the path alone (see UpgradeOptions.shared). */
export interface PathBasis {
  served: string[];
  versions: string[];
  hasGoMod: (v: string) => Promise<boolean>;
  latest: string | null;
  retractions: Retract[];
}

export interface UpgradeCandidates {
  /** `Update.Version` of `go list -m -u` for this module at `current`; null when Go reports none. */
  goUpdate: string | null;
  /**
   * Versions above `current` that Go's rules allow, best first: Go's own answer, then lower
   * releases, then pre-releases. Empty when Go reports no update.
   */
  candidates: string[];
  /** The version whose go.mod supplied the retractions (null when none could be read). */
  latest: string | null;
  retractions: Retract[];
}

interface Query {
  path: string;
  /** The versions a query may choose from, ascending. */
  versions: string[];
  filter: (v: string) => boolean;
  allowed: (v: string) => boolean;
  preferIncompatible: boolean;
  hasGoMod: (v: string) => Promise<boolean>;
}

const isIncompatible = (v: string): boolean => v.endsWith('+incompatible');

/** Go's filterVersions: allowed versions, split into releases and pre-releases, ascending. */
async function classify(q: Query): Promise<{ releases: string[]; prereleases: string[] }> {
  const releases: string[] = [];
  const prereleases: string[] = [];
  let needIncompatible = q.preferIncompatible;
  let lastCompatible = '';
  for (const v of q.versions) {
    if (!q.filter(v) || !q.allowed(v)) continue;
    if (!needIncompatible) {
      if (!isIncompatible(v)) {
        lastCompatible = v;
      } else if (lastCompatible !== '') {
        // A go.mod in the newest compatible version means the author versions by module path:
        // the +incompatible tags above it are legacy, not upgrades.
        if (await q.hasGoMod(lastCompatible)) break;
        needIncompatible = true;
      }
    }
    (isPrerelease(v) ? prereleases : releases).push(v);
  }
  return { releases, prereleases };
}

function firstField(line: string): string {
  return line.trim().split(/\s+/)[0] ?? '';
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && err.name === 'ModuleNotFoundError';
}

async function servedList(path: string, source: ModuleSource): Promise<string[]> {
  try {
    return await source.list(path);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return [];
  }
}

function queryableVersions(path: string, served: string[], replace: readonly Replace[]): string[] {
  const versions = served.map(firstField).filter((v) => isValid(v) && !isPseudoVersion(v));
  const replaced = replace
    .filter((r) => r.old.path === path && r.old.version && !isPseudoVersion(r.old.version))
    .map((r) => r.old.version!);
  const all = replaced.length > 0 ? [...new Set([...versions, ...replaced])] : versions;
  return sortVersions(all);
}

async function latestVersion(path: string, source: ModuleSource, served: string[]): Promise<string | null> {
  try {
    const info = await source.latest(path);
    if (info) return info.Version;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return latestFromList(served);
}

/** The proxy's stand-in go.mod for a version that has none. */
const synthesizedGoMod = (path: string): string => `module ${path}\n`;

function goModChecker(path: string, source: ModuleSource): (v: string) => Promise<boolean> {
  const seen = new Map<string, Promise<boolean>>();
  return (v) => {
    let p = seen.get(v);
    if (!p) {
      p = source.mod(path, v).then((text) => text !== synthesizedGoMod(path));
      seen.set(v, p);
    }
    return p;
  };
}

/**
 * Retractions from the latest version's go.mod. Go allows every version when that go.mod does not
 * exist; any other failure (a 5xx, a timeout, a bad answer) propagates, so that a proxy hiccup
 * cannot let a retracted version through: the planner turns it into a skip of the requirement.
 */
async function loadRetractions(
  path: string,
  versions: string[],
  served: string[],
  source: ModuleSource,
  hasGoMod: (v: string) => Promise<boolean>,
  replace: readonly Replace[],
): Promise<{ latest: string | null; retractions: Retract[] }> {
  if (replace.some((r) => r.old.path === path && !r.old.version)) return { latest: null, retractions: [] };
  try {
    const { releases, prereleases } = await classify({
      path,
      versions,
      filter: () => true,
      allowed: () => true,
      preferIncompatible: false,
      hasGoMod,
    });
    const latest = releases.at(-1) ?? prereleases.at(-1) ?? (await latestVersion(path, source, served));
    if (!latest) return { latest: null, retractions: [] };
    const exact = replace.find((r) => r.old.path === path && r.old.version === latest);
    if (exact && exact.new.version === undefined) return { latest, retractions: [] };
    const at = exact ? { path: exact.new.path, version: exact.new.version! } : { path, version: latest };
    const goMod = await fetchGoMod(source, at.path, at.version);
    return { latest, retractions: goMod.retract };
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return { latest: null, retractions: [] };
  }
}

function commitTime(v: string): number | null {
  try {
    return pseudoVersionTime(v).getTime();
  } catch {
    return null;
  }
}

async function mapLimit<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

async function pathBasis(path: string, source: ModuleSource, replace: readonly Replace[]): Promise<PathBasis> {
  const served = await servedList(path, source);
  const versions = queryableVersions(path, served, replace);
  const hasGoMod = goModChecker(path, source);
  const { latest, retractions } = await loadRetractions(path, versions, served, source, hasGoMod, replace);
  return { served, versions, hasGoMod, latest, retractions };
}

/** pathBasis through `shared`; a failed read is not kept, so the next query asks again. */
function sharedBasis(shared: Map<string, Promise<PathBasis>>, path: string, source: ModuleSource): Promise<PathBasis> {
  let p = shared.get(path);
  if (!p) {
    const read = pathBasis(path, source, []);
    read.catch(() => shared.get(path) === read && shared.delete(path));
    shared.set(path, read);
    p = read;
  }
  return p;
}

/**
 * What Go's "upgrade" query would choose for `path` at `current` (pass the version SELECTED in
 * the build list to match `go list -m -u`), and the other versions it would allow, best first.
 */
export async function upgradeCandidates(
  path: string,
  current: string,
  opts: UpgradeOptions,
): Promise<UpgradeCandidates> {
  const { source } = opts;
  const excluded = opts.excluded ?? new Set<string>();
  const replace = opts.replace ?? [];
  const cmp = (a: string, b: string) => compareModuleVersions(path, a, b);
  const noCurrent = current === '' || current === 'none';
  const pseudoCurrent = !noCurrent && isPseudoVersion(current);

  const { served, versions, hasGoMod, latest, retractions } =
    opts.shared && replace.length === 0
      ? await sharedBasis(opts.shared, path, source)
      : await pathBasis(path, source, replace);
  const retracted = (v: string) => retractions.some((r) => cmp(r.low, v) <= 0 && cmp(v, r.high) <= 0);
  const allowed = (v: string) => !excluded.has(v) && !retracted(v);
  const filter = noCurrent ? () => true : (v: string) => cmp(v, current) >= 0;

  const { releases, prereleases } = await classify({
    path,
    versions,
    filter,
    allowed,
    preferIncompatible: isIncompatible(current),
    hasGoMod,
  });
  let best = releases.at(-1) ?? prereleases.at(-1) ?? null;
  if (best === null && (noCurrent || pseudoCurrent)) {
    const l = await latestVersion(path, source, served);
    if (l !== null && filter(l) && allowed(l)) best = l;
  }

  const currentTime = pseudoCurrent ? commitTime(current) : null;
  const olderThanCurrent = async (v: string): Promise<boolean> => {
    if (currentTime === null) return false;
    const t = (await source.info(path, v)).Time;
    return t !== undefined && Date.parse(t) < currentTime;
  };

  const none = { goUpdate: null, candidates: [], latest, retractions };
  if (best === null || (!noCurrent && cmp(best, current) <= 0)) return none;
  // A pseudo-version from an untagged branch may sort below tags that predate it: Go stays put.
  if (await olderThanCurrent(best)) return none;

  const rest = [...releases].reverse().concat([...prereleases].reverse());
  const above = [...new Set(rest)].filter((v) => v !== best && (noCurrent || cmp(v, current) > 0));
  const dated = await mapLimit(above, opts.concurrency ?? 8, async (v) => ((await olderThanCurrent(v)) ? null : v));
  return { goUpdate: best, candidates: [best, ...dated.filter((v): v is string => v !== null)], latest, retractions };
}
