/**
 * An in-memory module proxy for unit tests: versions with go.mod texts and commit times, call
 * counters, and helpers to write go.mod files and main modules compactly.
 */
import { parseGoMod } from '../../src/gomod/modfile/index.js';
import type { GoMod, MainModule, ModuleSource, VersionInfo } from '../../src/gomod/types.js';

export class NotInMemoryError extends Error {
  constructor(what: string) {
    super(`${what}: not found`);
    this.name = 'ModuleNotFoundError';
  }
}

export interface GoModSpec {
  go?: string;
  require?: string[];
  exclude?: string[];
  replace?: string[];
  retract?: string[];
  toolchain?: string;
}

/** go.mod text for `module path` with directives given as "path version" strings. */
export function goModText(path: string, spec: GoModSpec = {}): string {
  const lines = [`module ${path}`, ''];
  if (spec.go) lines.push(`go ${spec.go}`, '');
  if (spec.toolchain) lines.push(`toolchain ${spec.toolchain}`, '');
  const block = (kw: string, items: string[] | undefined) => {
    if (items && items.length > 0) lines.push(`${kw} (`, ...items.map((i) => `\t${i}`), ')', '');
  };
  block('require', spec.require);
  block('exclude', spec.exclude);
  block('replace', spec.replace);
  block('retract', spec.retract);
  return lines.join('\n');
}

interface Entry {
  goMod: string;
  time: string;
  listed: boolean;
}

export class MemorySource implements ModuleSource {
  private readonly modules = new Map<string, Map<string, Entry>>();
  private readonly latestOverride = new Map<string, string>();
  readonly calls = { list: [] as string[], latest: [] as string[], info: [] as string[], mod: [] as string[] };

  /**
   * Adds `path@version`. A spec or text gives its go.mod; null serves the go.mod the proxy
   * synthesizes for modules without one. `listed: false` keeps it out of @v/list (pseudo-versions).
   */
  add(
    path: string,
    version: string,
    goMod: GoModSpec | string | null = {},
    opts: { time?: string; listed?: boolean } = {},
  ): this {
    const text = goMod === null ? `module ${path}\n` : typeof goMod === 'string' ? goMod : goModText(path, goMod);
    let versions = this.modules.get(path);
    if (!versions) this.modules.set(path, (versions = new Map()));
    versions.set(version, { goMod: text, time: opts.time ?? '2020-01-01T00:00:00Z', listed: opts.listed ?? true });
    return this;
  }

  /** What @latest answers for `path` (by default: nothing, as for a module with tags). */
  setLatest(path: string, version: string): this {
    this.latestOverride.set(path, version);
    return this;
  }

  async list(path: string): Promise<string[]> {
    this.calls.list.push(path);
    const versions = this.modules.get(path);
    if (!versions) throw new NotInMemoryError(path);
    return [...versions].filter(([, e]) => e.listed).map(([v]) => v);
  }

  async latest(path: string): Promise<VersionInfo | null> {
    this.calls.latest.push(path);
    const v = this.latestOverride.get(path);
    if (!v) return null;
    return this.info(path, v);
  }

  async info(path: string, version: string): Promise<VersionInfo> {
    this.calls.info.push(`${path}@${version}`);
    const e = this.modules.get(path)?.get(version);
    if (!e) throw new NotInMemoryError(`${path}@${version}`);
    return { Version: version, Time: e.time };
  }

  async mod(path: string, version: string): Promise<string> {
    this.calls.mod.push(`${path}@${version}`);
    const e = this.modules.get(path)?.get(version);
    if (!e) throw new NotInMemoryError(`${path}@${version}`);
    return e.goMod;
  }
}

/** A main module from go.mod text, with directory replacements served from `locals` (keyed by relDir). */
export function memoryMain(text: string, locals: Record<string, string> = {}, dir = '.'): MainModule {
  return {
    dir,
    goMod: parseGoMod(`${dir}/go.mod`, text),
    async readLocal(relDir: string): Promise<GoMod | null> {
      const t = locals[relDir];
      return t === undefined ? null : parseGoMod(`${relDir}/go.mod`, t);
    },
  };
}

/** `path version` lines of a build list, as `go list -m all` prints them. */
export function listLines(list: { path: string; version: string }[]): string[] {
  return list.map((m) => (m.version ? `${m.path} ${m.version}` : m.path));
}
