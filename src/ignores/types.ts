/**
 * The dashboard issue's hidden state: the ignore decisions made by comment commands. Anyone with
 * triage access can edit an issue body, so the state is one zod schema, checked on the way in
 * (dashboard-state.ts); the types are derived from it.
 */
import { z } from 'zod';
import { UPDATE_TYPES } from '../config/defaults.js';

/** An ignore decision made by a comment command (the config's `IgnoreRule` shape), with who made it, when and where. */
export const recordedIgnoreSchema = z.object({
  /** Module path glob, see config/glob.ts. */
  dependency: z.string().min(1).max(300),
  updateTypes: z.array(z.enum(UPDATE_TYPES)).min(1).optional(),
  versions: z.array(z.string().min(1).max(100)).min(1).optional(),
  /** GitHub login of the person who commanded it. */
  by: z.string().max(100),
  /** ISO 8601 time it was recorded. */
  at: z.string().max(40),
  /** The pull request the command was given on. */
  pr: z.number().int().positive().optional(),
});
export type RecordedIgnore = z.infer<typeof recordedIgnoreSchema>;

/** The last run that failed, kept until a run succeeds, so the dashboard can say when and why. */
export const failedRunSchema = z.object({ at: z.string().max(40), reason: z.string().max(1000) });
export type FailedRun = z.infer<typeof failedRunSchema>;

export const dashboardStateSchema = z.object({
  v: z.literal(1),
  ignores: z.array(recordedIgnoreSchema).max(10_000),
  lastFailure: failedRunSchema.optional(),
});
export type DashboardState = z.infer<typeof dashboardStateSchema>;
