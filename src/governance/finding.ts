/** What `gomod-steward check` reports: one finding per problem, at a file and line. */
import { z } from 'zod';

export const findingSchema = z.object({
  rule: z.string(),
  severity: z.enum(['notice', 'warning', 'error']),
  dir: z.string(),
  file: z.string(),
  line: z.number().int().min(1),
  message: z.string(),
  fix: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const checkReportSchema = z.object({ version: z.literal(1), findings: z.array(findingSchema) });
export type CheckReport = z.infer<typeof checkReportSchema>;

/**
 * A finding before the config gives it a severity. `cap`: the most it may be whatever the rule's
 * level (a license that cannot be identified is worth a look, never a failed build).
 */
export type RawFinding = Omit<Finding, 'severity'> & { cap?: Finding['severity'] };
