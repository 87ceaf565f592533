/**
 * Which module dirs form the impact matrix: the package-level `affected` dirs that are services.
 * A service is what the config's `services` globs name; without them, a module that builds a
 * program (has a main package), because libraries are exercised through the services using them.
 */
import { matchGlob } from '../config/glob.js';

/**
 * `affected` filtered to services, sorted and without duplicates. `hasMainPackage` is asked only
 * when `services` is null (the config leaves it unset).
 */
export function selectServices(
  affected: readonly string[],
  services: readonly string[] | null,
  hasMainPackage: (dir: string) => boolean,
): string[] {
  const pick = services === null ? hasMainPackage : (dir: string) => services.some((g) => matchGlob(g, dir));
  return [...new Set(affected)].filter((dir) => pick(dir)).sort();
}
