/**
 * The data model of go.mod and go.work files. Field meanings follow `go mod edit -json` and
 * `go work edit -json`; names are camelCase. Positions are 1-based.
 */
export interface Pos {
  line: number;
  column: number;
}

export interface ModuleVersion {
  path: string;
  version: string;
}

/** The left or right side of a replace directive; `version` absent means "any version" or a directory. */
export interface ReplaceSide {
  path: string;
  version?: string;
}

export interface Require {
  path: string;
  version: string;
  indirect: boolean;
  pos: Pos;
}

export interface Replace {
  old: ReplaceSide;
  new: ReplaceSide;
  pos: Pos;
}

export interface Exclude {
  path: string;
  version: string;
  pos: Pos;
}

export interface Retract {
  low: string;
  high: string;
  rationale: string;
  pos: Pos;
}

export interface Godebug {
  key: string;
  value: string;
  pos: Pos;
}

export interface GoMod {
  /** Path of the file as given to the parser (repository-relative in the planner). */
  file: string;
  module: { path: string; deprecated?: string; pos: Pos } | null;
  go: string | null;
  toolchain: string | null;
  godebug: Godebug[];
  require: Require[];
  exclude: Exclude[];
  replace: Replace[];
  retract: Retract[];
  tool: { path: string; pos: Pos }[];
  ignore: { path: string; pos: Pos }[];
}

export interface WorkUse {
  /** As written in go.work (`./libs/x`, `../other`). */
  diskPath: string;
  /** Module path read from the used directory's go.mod, when known. */
  modulePath?: string;
  pos: Pos;
}

export interface GoWork {
  file: string;
  go: string | null;
  toolchain: string | null;
  godebug: Godebug[];
  use: WorkUse[];
  replace: Replace[];
}

/** What the module proxy says about one version (`.info`). */
export interface VersionInfo {
  Version: string;
  Time?: string;
  Origin?: {
    VCS?: string;
    URL?: string;
    Subdir?: string;
    Ref?: string;
    Hash?: string;
  };
}

/**
 * Where the engine gets module metadata from. The proxy client implements it; tests may wrap it
 * (to count calls) but the oracles always sit behind a real proxy.
 */
export interface ModuleSource {
  /** Versions the proxy lists (`@v/list`), unsorted as served; empty when there are none. */
  list(path: string): Promise<string[]>;
  /** `@latest`; null when the proxy has no such endpoint answer (404/410). */
  latest(path: string): Promise<VersionInfo | null>;
  info(path: string, version: string): Promise<VersionInfo>;
  /** The go.mod text of that version, as the proxy serves it. */
  mod(path: string, version: string): Promise<string>;
  /**
   * That go.mod parsed as the engine parses a dependency's (mvs/summaries.ts fetchGoMod), from a
   * store of parsed files; optional: sources without one are read with `mod` and parsed. Rejects
   * as `mod` does, or with the parser's GoModSyntaxError when the file was read but does not parse.
   */
  parsedMod?(path: string, version: string): Promise<GoMod>;
  /**
   * A source this one answers exactly as, for every go.mod that one can read (this one only adds
   * answers where that one fails: planner/tolerant-source.ts). What is read and cached per source
   * is then read through `base` first, and shared with every other reader of it.
   */
  base?: ModuleSource;
}

/**
 * A main module as the engine sees it: its parsed go.mod, and a way to read the go.mod of a
 * directory replacement (`replace x => ../libs/x`). `relDir` is the replacement path exactly as
 * written, relative to this module's directory; null when there is no go.mod there. The CLI
 * reads the file system; the bot reads the repository through the API.
 */
export interface MainModule {
  /** Module directory relative to the repository root ("." for the root). */
  dir: string;
  goMod: GoMod;
  readLocal(relDir: string): Promise<GoMod | null>;
}
