/**
 * The modules that provide the packages a module builds, tests included. Package-level impact:
 * a module whose build list changed only in modules none of its packages import is not affected.
 */
import type { GoSession } from './go-session.js';

/** Prints each package's module path (the standard library has none). */
const TEMPLATE = '{{with .Module}}{{.Path}}{{end}}';

export function parsePackageModules(stdout: string): Set<string> {
  return new Set(
    stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  );
}

export async function packageModulesOf(go: GoSession, dir: string): Promise<Set<string>> {
  // -e: a package that no longer compiles still names its module; impact is wanted most then.
  const { stdout } = await go.run(dir, ['list', '-e', '-deps', '-test', '-f', TEMPLATE, './...'], 'readonly');
  return parsePackageModules(stdout);
}
