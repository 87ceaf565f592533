/**
 * The JSON Schema of `.github/gomod-steward.yml`, generated from the zod schema and committed as
 * `schema/gomod-steward.schema.json` for editors (`# yaml-language-server: $schema=…`). It checks
 * shapes, enums and patterns; what JSON Schema cannot say (cron field ranges, time zone names,
 * unique group names) only the loader checks.
 */
import { z } from 'zod';
import { rawConfigSchema } from './schema.js';

export const CONFIG_SCHEMA_FILE = 'schema/gomod-steward.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  // The input side: what may be written in the file, defaults making keys optional.
  return z.toJSONSchema(rawConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: ({ jsonSchema }) => {
      // A schema whose metadata lists typed alternatives (schedule) needs no outer type: some
      // consumers read `type` and skip `anyOf` when both are present.
      if (Array.isArray(jsonSchema.anyOf) && jsonSchema.type === 'string') delete jsonSchema.type;
    },
  }) as Record<string, unknown>;
}

/** The committed file's exact text. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
