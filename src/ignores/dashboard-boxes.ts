/**
 * The dashboard's checkboxes. Each carries its meaning in a hidden marker on its own line
 * (`- [ ] <!-- gomod-steward:box run-group:observability --> …`), so a tick is read from the
 * body alone and a box whose text someone reworded still means what it meant. The bot always
 * writes boxes unticked: a ticked box in the body is a request not yet carried out.
 */
import { z } from 'zod';

export const boxActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run-all') }),
  z.object({ kind: z.literal('run-group'), group: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('go-line'), go: z.string().regex(/^\d+\.\d+(?:\.\d+)?$/) }),
  z.object({ kind: z.literal('unignore'), dependency: z.string().min(1).max(300) }),
]);
export type BoxAction = z.infer<typeof boxActionSchema>;

const MARKER = /^(\s*[-*] \[)([ xX])(\] <!-- gomod-steward:box ([a-z-]+)(?::([^\s>]*))? -->)/;

function argumentOf(action: BoxAction): string | undefined {
  switch (action.kind) {
    case 'run-all':
      return undefined;
    case 'run-group':
      return action.group;
    case 'go-line':
      return action.go;
    case 'unignore':
      return action.dependency;
  }
}

/** The start of a checkbox line: the marker, then the caller's text. */
export function box(action: BoxAction): string {
  const arg = argumentOf(action);
  return `- [ ] <!-- gomod-steward:box ${action.kind}${arg === undefined ? '' : `:${encodeURIComponent(arg)}`} -->`;
}

function parseMarker(kind: string, arg: string | undefined): BoxAction | undefined {
  let value: string | undefined;
  try {
    value = arg === undefined ? undefined : decodeURIComponent(arg);
  } catch {
    return undefined;
  }
  const raw =
    kind === 'run-all'
      ? { kind }
      : kind === 'run-group'
        ? { kind, group: value }
        : kind === 'go-line'
          ? { kind, go: value }
          : { kind, dependency: value };
  const parsed = boxActionSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The actions of the ticked boxes, in body order, each once. Boxes with a marker that does not parse are not read. */
export function tickedBoxes(body: string): BoxAction[] {
  const out: BoxAction[] = [];
  const seen = new Set<string>();
  for (const line of body.split(/\r?\n/)) {
    const m = MARKER.exec(line);
    if (!m || m[2] === ' ') continue;
    const action = parseMarker(m[4]!, m[5]);
    if (!action) continue;
    const key = JSON.stringify(action);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(action);
  }
  return out;
}

/** `body` with every box unticked, everything else as it was. */
export function untickAll(body: string): string {
  return body
    .split('\n')
    .map((line) => line.replace(MARKER, (_all, open: string, _mark: string, rest: string) => `${open} ${rest}`))
    .join('\n');
}
