/**
 * The Go vulnerability database's published JSON, as govulncheck reads it: `index/db.json`
 * (when the database last changed), `index/modules.json` (which advisories name which module)
 * and `ID/<id>.json` (one advisory in OSV). Only the fields the engine uses are required; the
 * rest passes through so a newer database still parses.
 */
import { z } from 'zod';

export const dbMetaSchema = z.looseObject({ modified: z.string().min(1) });
export type DbMeta = z.infer<typeof dbMetaSchema>;

export const moduleVulnSchema = z.looseObject({
  id: z.string().min(1),
  modified: z.string().min(1),
  /** The latest fixed version, without a leading "v"; absent when no fix exists. */
  fixed: z.string().optional(),
});

export const modulesIndexSchema = z.array(
  z.looseObject({ path: z.string().min(1), vulns: z.array(moduleVulnSchema).default([]) }),
);
export type ModulesIndex = z.infer<typeof modulesIndexSchema>;

/** One OSV range event: exactly one of the two is set; `introduced: "0"` is the beginning of time. */
export const rangeEventSchema = z.looseObject({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
});
export type RangeEvent = z.infer<typeof rangeEventSchema>;

export const osvRangeSchema = z.looseObject({ type: z.string(), events: z.array(rangeEventSchema).default([]) });
export type OsvRange = z.infer<typeof osvRangeSchema>;

export const osvAffectedSchema = z.looseObject({
  package: z.looseObject({ name: z.string(), ecosystem: z.string().optional() }),
  ranges: z.array(osvRangeSchema).optional(),
  ecosystem_specific: z
    .looseObject({
      imports: z
        .array(z.looseObject({ path: z.string().optional(), symbols: z.array(z.string()).optional() }))
        .optional(),
    })
    .optional(),
});
export type OsvAffected = z.infer<typeof osvAffectedSchema>;

export const osvEntrySchema = z.looseObject({
  id: z.string().min(1),
  modified: z.string().optional(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  summary: z.string().default(''),
  details: z.string().default(''),
  affected: z.array(osvAffectedSchema).default([]),
  references: z.array(z.looseObject({ type: z.string(), url: z.string() })).default([]),
  database_specific: z.looseObject({ url: z.string().optional() }).optional(),
});
export type OsvEntry = z.infer<typeof osvEntrySchema>;
