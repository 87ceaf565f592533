/**
 * GitHub's webhook payload schemas (@octokit/webhooks-schemas, JSON Schema draft-07) applied to
 * one delivery: the definition named `<event>$<action>` (or `<event>$event` for events without
 * actions), compiled on first use and kept for the next payload of that event and action.
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

type SchemaObject = Record<string, unknown>;

/** An event name the schema package does not describe: a caller's mistake, not a payload's. */
export class UnknownWebhookEventError extends Error {
  constructor(readonly event: string) {
    super(`no webhook schema for event "${event}"`);
    this.name = 'UnknownWebhookEventError';
  }
}

/** A payload that does not have GitHub's shape; `problems` says where and how. */
export class WebhookPayloadError extends Error {
  constructor(
    readonly event: string,
    readonly problems: readonly string[],
  ) {
    super(`${event} payload does not fit GitHub's webhook schema:\n  ${problems.join('\n  ')}`);
    this.name = 'WebhookPayloadError';
  }
}

const SCHEMA_ID = 'octokit-webhooks';

let ajv: Ajv | undefined;
let definitionNames: ReadonlySet<string> = new Set();
const validators = new Map<string, ValidateFunction>();

function compiler(): Ajv {
  if (ajv) return ajv;
  const file = createRequire(import.meta.url)('@octokit/webhooks-schemas') as {
    definitions: Record<string, SchemaObject>;
  };
  const instance = new Ajv({ strict: true, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default` is the plugin.
  formatsPlugin.default(instance);
  // A TypeScript-generation hint of the package, meaningless to validation.
  instance.addKeyword('tsAdditionalProperties');
  // The package's root is a `oneOf` over every event; compiling it takes seconds, and a payload
  // is only ever checked against its own event's definition, so only the definitions are added.
  instance.addSchema({ $id: SCHEMA_ID, definitions: file.definitions });
  definitionNames = new Set(Object.keys(file.definitions));
  ajv = instance;
  return instance;
}

/** The definition that describes `payload` as `event`, or the problem that no definition does. */
function definitionFor(event: string, payload: unknown): { name: string } | { problem: string } {
  compiler();
  const actions = [...definitionNames].filter((n) => n.startsWith(`${event}$`)).map((n) => n.slice(event.length + 1));
  if (actions.length === 0) throw new UnknownWebhookEventError(event);
  if (actions.includes('event')) return { name: `${event}$event` };
  const action = typeof payload === 'object' && payload !== null ? (payload as SchemaObject)['action'] : undefined;
  if (typeof action === 'string' && actions.includes(action)) return { name: `${event}$${action}` };
  return {
    problem: `/action: ${event} needs one of ${actions.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(action)}`,
  };
}

function validator(name: string): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    v = compiler().compile({ $ref: `${SCHEMA_ID}#/definitions/${name}` });
    validators.set(name, v);
  }
  return v;
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '(root)';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return `${at}: unexpected property ${JSON.stringify(params['additionalProperty'])}`;
  if (e.keyword === 'enum') return `${at}: must be one of ${JSON.stringify(params['allowedValues'])}`;
  return `${at}: ${e.message ?? e.keyword}`;
}

/**
 * What keeps `payload` from being a GitHub `event` delivery (empty when it fits), judged by the
 * schema of its event and `action`. Throws UnknownWebhookEventError for an event the schemas
 * do not know.
 */
export function checkWebhookPayload(event: string, payload: unknown): string[] {
  const found = definitionFor(event, payload);
  if ('problem' in found) return [found.problem];
  const validate = validator(found.name);
  if (validate(payload)) return [];
  // allOf/oneOf branches report the same fault more than once.
  return [...new Set((validate.errors ?? []).map(describe))];
}
