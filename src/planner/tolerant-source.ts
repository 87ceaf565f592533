/**
 * A module source that lets a plan go on past a go.mod it cannot read. Go itself would stop the
 * whole module there; the planner instead reads such a go.mod as requiring nothing, records what
 * it could not read, and plans every other requirement of the module. What MVS carries in that
 * module is then unknown, and the plan says so. A proxy that is down is not "unreadable": that
 * error still stops the module, so a run retried later does not plan on a guess.
 */
import { GoModSyntaxError, parseDependencyGoMod } from '../gomod/modfile/index.js';
import { canReadZips } from '../gomod/packages/module-packages.js';
import type { ModuleSource } from '../gomod/types.js';
import { describeSourceFailure, type SourceFailure } from './source-errors.js';

export interface Unreadable {
  path: string;
  version: string;
  failure: SourceFailure;
}

export function tolerantSource(source: ModuleSource, onUnreadable: (u: Unreadable) => void): ModuleSource {
  // The zip and its package index pass through: they are read from the same cache either way.
  const zips = canReadZips(source)
    ? {
        zip: source.zip.bind(source),
        ...(source.packageIndex ? { packageIndex: source.packageIndex.bind(source) } : {}),
      }
    : {};
  const unreadable = (path: string, version: string, err: unknown): string => {
    const failure = describeSourceFailure(err);
    if (failure.reason === 'proxy-error') throw err;
    onUnreadable({ path, version, failure });
    return `module ${path}\n`;
  };
  // Parsed go.mod files pass through too. A go.mod that was read but does not parse fails as it
  // does through mod() and the caller's parse: only a failure to read it is tolerated.
  const parsed = source.parsedMod?.bind(source);
  return {
    ...zips,
    base: source,
    list: (path) => source.list(path),
    latest: (path) => source.latest(path),
    info: (path, version) => source.info(path, version),
    mod: async (path, version) => {
      try {
        return await source.mod(path, version);
      } catch (err) {
        return unreadable(path, version, err);
      }
    },
    ...(parsed
      ? {
          parsedMod: async (path: string, version: string) => {
            try {
              return await parsed(path, version);
            } catch (err) {
              if (err instanceof GoModSyntaxError) throw err;
              return parseDependencyGoMod(path, version, unreadable(path, version, err));
            }
          },
        }
      : {}),
  };
}
