/** The zod schema of one config glob (glob.ts): a module path or module directory pattern. */
import { z } from 'zod';
import { globProblem } from './glob.js';

/** `expected` is the noun phrase the loader shows ("expected <expected>, found …"). */
export function globSchema(expected: string) {
  return z
    .string({ error: expected })
    .check((ctx) => {
      const problem = globProblem(ctx.value);
      if (problem)
        ctx.issues.push({ code: 'custom', message: expected, input: ctx.value, params: { detail: problem } });
    })
    .meta({ pattern: '^[^\\s/]([^\\s]*[^\\s/])?$' });
}
