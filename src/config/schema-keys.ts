/**
 * The keys a config mapping allows at a given path, read from the zod schema itself so that an
 * unknown-key message can list them without a second copy of the key names.
 */
import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
};

function def(schema: z.ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** Peels defaults, optionals and pipes down to the schema that checks the value's shape. */
function core(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

export function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.ZodType | undefined = core(schema);
  for (const step of path) {
    const d = def(s);
    if (d.type === 'object' && typeof step === 'string') s = d.shape?.[step];
    else if (d.type === 'array' && typeof step === 'number') s = d.element;
    else s = undefined;
    if (!s) return [];
    s = core(s);
  }
  const shape = def(s).shape;
  return shape ? Object.keys(shape) : [];
}
