import type { ModuleVersion } from '../types.js';
import { compareModuleVersions } from '../version.js';

export const moduleKey = (m: ModuleVersion): string => `${m.path}@${m.version}`;

/** Go's module order: by path (byte-wise), then by version. */
export function compareModules(a: ModuleVersion, b: ModuleVersion): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return compareModuleVersions(a.path, a.version, b.version);
}

/** "go" and "toolchain" stand for the Go release in the graph; they never appear in a build list. */
export const isToolchainModule = (path: string): boolean => path === 'go' || path === 'toolchain';
