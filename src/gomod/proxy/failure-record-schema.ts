/**
 * The zod schema of a stored failure record (failure-record.ts derives its type from it and checks
 * the same rules by hand, so that reading stored failures never loads the validator).
 */
import { z } from 'zod';

export const FailureRecordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('not-found'),
    modulePath: z.string(),
    version: z.string().optional(),
    detail: z.string(),
  }),
  z.object({ kind: z.literal('needs-vcs'), modulePath: z.string(), detail: z.string().optional() }),
  z.object({
    kind: z.literal('bad-response'),
    modulePath: z.string(),
    url: z.string(),
    status: z.number().optional(),
    reason: z.string(),
  }),
]);
