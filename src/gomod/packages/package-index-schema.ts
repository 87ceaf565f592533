/**
 * The zod schema of a stored package index (package-index.ts derives its type from it). Apart from
 * the reader, which checks the same rules by hand: a plan then never loads the validator.
 */
import { z } from 'zod';
import { PACKAGE_INDEX_FORMAT } from './package-index.js';

export const PackageIndexSchema = z.object({
  format: z.literal(PACKAGE_INDEX_FORMAT),
  path: z.string(),
  version: z.string(),
  /**
   * [dir ("" for the module root), sorted imports, sorted imports of its test files] per directory
   * holding any .go file. Test imports are what `go mod tidy` loads beside `go get`'s.
   */
  packages: z.array(z.tuple([z.string(), z.array(z.string()), z.array(z.string())])),
});
