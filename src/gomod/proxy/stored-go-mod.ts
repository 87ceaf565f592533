/**
 * The parsed go.mod store's line format (parsed-mod-store.ts): one JSON array per go.mod, lean
 * where a dependency's go.mod is large and uniform, and decoded back into exactly the GoMod the
 * parser gave — positions, deprecation and every directive included.
 *
 *   [key, module, go, toolchain, require, rest?]
 *   module:  null | [path, line, column] | [path, line, column, deprecated]
 *   require: flat, five values per requirement: path, version, 1 when indirect (else 0), line, column
 *   rest:    the other directives as the parser gives them, only those that are not empty
 *
 * The key leads the array so a line filed under another key is not taken for this one's; the
 * file name is the key's (`path@version/go.mod`), as the parser names a dependency's go.mod.
 */
import type { GoMod, Require } from '../types.js';

type StoredModule = [string, number, number] | [string, number, number, string];
type Rest = Partial<Pick<GoMod, (typeof REST)[number]>>;
type Stored = [string, StoredModule | null, string | null, string | null, (string | number)[], Rest?];

const REST = ['godebug', 'exclude', 'replace', 'retract', 'tool', 'ignore'] as const;
const PER_REQUIRE = 5;

export function encodeStoredGoMod(key: string, goMod: GoMod): string {
  const m = goMod.module;
  const module: StoredModule | null = m
    ? m.deprecated !== undefined
      ? [m.path, m.pos.line, m.pos.column, m.deprecated]
      : [m.path, m.pos.line, m.pos.column]
    : null;
  const require: (string | number)[] = [];
  for (const r of goMod.require) require.push(r.path, r.version, r.indirect ? 1 : 0, r.pos.line, r.pos.column);
  const stored: Stored = [key, module, goMod.go, goMod.toolchain, require];
  const rest: Record<string, unknown> = {};
  let hasRest = false;
  for (const k of REST) {
    if (goMod[k].length === 0) continue;
    rest[k] = goMod[k];
    hasRest = true;
  }
  if (hasRest) stored.push(rest as Rest);
  return JSON.stringify(stored);
}

/** The GoMod a line encodes for `key`; null when the line is not JSON, not this shape, or another key's. */
export function decodeStoredGoMod(key: string, json: string): GoMod | null {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(stored) || stored[0] !== key) return null;
  const [, m, go, toolchain, flat, rest] = stored as Stored;
  if (!Array.isArray(flat) || flat.length % PER_REQUIRE !== 0) return null;
  const require: Require[] = new Array<Require>(flat.length / PER_REQUIRE);
  for (let i = 0, j = 0; j < flat.length; i++, j += PER_REQUIRE) {
    require[i] = {
      path: flat[j] as string,
      version: flat[j + 1] as string,
      indirect: flat[j + 2] === 1,
      pos: { line: flat[j + 3] as number, column: flat[j + 4] as number },
    };
  }
  const module = m
    ? {
        path: m[0],
        pos: { line: m[1], column: m[2] },
        ...(m.length === 4 ? { deprecated: m[3] } : {}),
      }
    : null;
  return {
    file: `${key}/go.mod`,
    module,
    go,
    toolchain,
    godebug: rest?.godebug ?? [],
    require,
    exclude: rest?.exclude ?? [],
    replace: rest?.replace ?? [],
    retract: rest?.retract ?? [],
    tool: rest?.tool ?? [],
    ignore: rest?.ignore ?? [],
  };
}
