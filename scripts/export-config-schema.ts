/** Writes schema/gomod-steward.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../src/config/json-schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, CONFIG_SCHEMA_FILE);
writeFileSync(out, configJsonSchemaText());
process.stdout.write(`wrote ${CONFIG_SCHEMA_FILE}\n`);
