/**
 * A module source that lets a plan go on past a go.mod it cannot read. Go itself would stop the
 * whole module there; the planner instead reads such a go.mod as requiring nothing, records what
 * it could not read, and plans every other requirement of the module. What MVS carries in that
 * module is then unknown, and the plan says so. A proxy that is down is not "unreadable": that
 * error still stops the module, so a run retried later does not plan on a guess.
 */
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
  return {
    ...zips,
    list: (path) => source.list(path),
    latest: (path) => source.latest(path),
    info: (path, version) => source.info(path, version),
    mod: async (path, version) => {
      try {
        return await source.mod(path, version);
      } catch (err) {
        const failure = describeSourceFailure(err);
        if (failure.reason === 'proxy-error') throw err;
        onUnreadable({ path, version, failure });
        return `module ${path}\n`;
      }
    },
  };
}
