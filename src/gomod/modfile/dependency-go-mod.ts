/**
 * How the engine parses a dependency's go.mod (one served by the proxy for `path@version`):
 * leniently, as Go reads go.mod files of modules other than the main ones, and named after the
 * version it belongs to. One definition for the graph loader and the proxy client's store of
 * parsed files (proxy/parsed-mod-store.ts), which must agree exactly.
 */
import type { GoMod } from '../types.js';
import { parseGoMod } from './parse-go-mod.js';

export function parseDependencyGoMod(path: string, version: string, text: string): GoMod {
  return parseGoMod(`${path}@${version}/go.mod`, text, { lax: true });
}
