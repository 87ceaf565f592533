/**
 * The plan: the CLI's `plan --json` output, the input of apply, and what travels in job data and
 * a PR's hidden metadata. One zod schema per shape; the types are derived from them, so a shape
 * is declared once and checked wherever it comes back from outside (Redis, a PR body).
 */
import { z } from 'zod';

export const updateKindSchema = z.enum(['major', 'minor', 'patch', 'replace']);
export type UpdateKind = z.infer<typeof updateKindSchema>;

export const planModuleSchema = z.object({ dir: z.string(), path: z.string(), go: z.string().nullable() });
export type PlanModule = z.infer<typeof planModuleSchema>;

/**
 * One direct requirement moved to `to` in every listed module dir (`from`: what that dir required).
 * `mayBreak: true` marks a minor that stays on v0 (v0.30.0 → v0.37.0), where semver promises no
 * compatibility; absent otherwise (gomod/update-kind.ts).
 */
export const planUpdateSchema = z.object({
  module: z.string(),
  /**
   * Set on a major that moves to another module path (`gopkg.in/yaml.v2` → `gopkg.in/yaml.v3`):
   * `to` is a version of this path, `module` stays the path the dirs require today.
   */
  newPath: z.string().optional(),
  to: z.string(),
  kind: updateKindSchema,
  mayBreak: z.literal(true).optional(),
  dirs: z.array(z.object({ dir: z.string(), from: z.string() })),
  /** The advisories (vulnerability database ids) this update fixes; absent when it fixes none. */
  security: z.array(z.string()).optional(),
  /** A security bump of a module the dirs only require indirectly: `go get` makes it explicit. */
  indirect: z.literal(true).optional(),
  /**
   * kind `replace`: the left side of the replace directive whose pin moves (`version` absent: all
   * versions). `module` is then the replacement, `dirs[].from` its pinned version today.
   */
  replaces: z.object({ path: z.string(), version: z.string().optional() }).optional(),
});
export type PlanUpdate = z.infer<typeof planUpdateSchema>;

/** One change in a module dir's build list that nobody asked for directly. from/to null: added/removed. */
export const carriedChangeSchema = z.object({
  dir: z.string(),
  module: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type CarriedChange = z.infer<typeof carriedChangeSchema>;

/**
 * reason: ignored | update-type | needs-newer-go | cooldown | local | needs-vcs | not-found | proxy-error | invalid-go-mod | ...
 * A `cooldown` entry names the version held (`version`) and the instant it becomes eligible
 * (`eligible`, ISO 8601); the module may still move to an older version (then in `updates` too).
 */
export const skippedSchema = z.object({
  module: z.string(),
  dir: z.string(),
  reason: z.string(),
  detail: z.string().optional(),
  version: z.string().optional(),
  eligible: z.string().optional(),
});
export type Skipped = z.infer<typeof skippedSchema>;

export { CARRIED_MAY_DIFFER } from './carried-may-differ.js';

export const warningSchema = z.object({
  dir: z.string().optional(),
  module: z.string().optional(),
  message: z.string(),
});
export type Warning = z.infer<typeof warningSchema>;

/**
 * One advisory that affects one module dir's build list. `fixed`: the lowest version without the
 * flaw (null: none exists). fixedBy: `update` an update of this plan reaches a fixed version,
 * `carried` MVS carries the module there along with other updates, `none` nothing in this plan
 * fixes it (no fix exists, or policy holds the fix back: `skipped` says which rule).
 */
export const vulnerabilitySchema = z.object({
  id: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  module: z.string(),
  dir: z.string(),
  version: z.string(),
  fixed: z.string().nullable(),
  kind: z.enum(['direct', 'indirect']),
  fixedBy: z.enum(['update', 'carried', 'none']),
  /** The advisory's page. */
  url: z.string().optional(),
  /**
   * How far the code reaches it, by govulncheck on the apply checkout: `called` (a vulnerable
   * symbol), `imported` (its package), `required` (the module only). Absent where not scanned.
   */
  reach: z.enum(['called', 'imported', 'required']).optional(),
});
export type Vulnerability = z.infer<typeof vulnerabilitySchema>;

export const planSchema = z.object({
  version: z.literal(1),
  root: z.string(),
  modules: z.array(planModuleSchema),
  updates: z.array(planUpdateSchema),
  carried: z.array(carriedChangeSchema),
  affected: z.array(z.string()),
  skipped: z.array(skippedSchema),
  warnings: z.array(warningSchema),
  /** Present when the vulnerability database was consulted. */
  vulnerabilities: z.array(vulnerabilitySchema).optional(),
});
export type Plan = z.infer<typeof planSchema>;
