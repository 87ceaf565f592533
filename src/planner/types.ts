/** The plan: the CLI's `plan --json` output and the input of apply. Shape fixed by DESIGN.md. */
export type UpdateKind = 'major' | 'minor' | 'patch';

export interface PlanModule {
  dir: string;
  path: string;
  go: string | null;
}

export interface PlanUpdate {
  module: string;
  to: string;
  kind: UpdateKind;
  dirs: { dir: string; from: string }[];
}

/** One change in a module dir's build list that nobody asked for directly. from/to null: added/removed. */
export interface CarriedChange {
  dir: string;
  module: string;
  from: string | null;
  to: string | null;
}

export interface Skipped {
  module: string;
  dir: string;
  /** ignored | update-type | needs-newer-go | local | needs-vcs | not-found | proxy-error | invalid-go-mod | ... */
  reason: string;
  detail?: string;
}

export interface Warning {
  dir?: string;
  module?: string;
  message: string;
}

export interface Plan {
  version: 1;
  root: string;
  modules: PlanModule[];
  updates: PlanUpdate[];
  carried: CarriedChange[];
  affected: string[];
  skipped: Skipped[];
  warnings: Warning[];
}
