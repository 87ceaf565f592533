/**
 * `on.workflow_dispatch.inputs`: read from the workflow, and checked against a dispatch the way
 * GitHub's dispatch endpoint does before it answers 422, so the app meets the same refusals.
 */
import type { Value } from './expression-parser.js';
import type { DispatchInput, InputType, Workflow } from './workflow-types.js';
import { WorkflowError } from './workflow-error.js';
import type { Path, YamlReader } from './yaml-reader.js';

const TYPES: readonly InputType[] = ['string', 'choice', 'boolean', 'number'];
const INPUT_NAME = /^[a-z_][a-z0-9_-]*$/i;

/** The dispatch trigger of `on:` (a name, a list of names or a mapping), or undefined without one. */
export function readDispatch(r: YamlReader, on: unknown, path: Path): Workflow['dispatch'] {
  if (typeof on === 'string') return on === 'workflow_dispatch' ? { inputs: [] } : undefined;
  if (Array.isArray(on)) return on.includes('workflow_dispatch') ? { inputs: [] } : undefined;
  const events = r.map(on, path);
  if (!Object.hasOwn(events, 'workflow_dispatch')) return undefined;
  const here = [...path, 'workflow_dispatch'];
  const trigger = events.workflow_dispatch;
  if (trigger === null || trigger === undefined) return { inputs: [] };
  const spec = r.map(trigger, here);
  r.keys(spec, here, ['inputs']);
  if (spec.inputs === null || spec.inputs === undefined) return { inputs: [] };
  const inputs = r.map(spec.inputs, [...here, 'inputs']);
  return {
    inputs: Object.entries(inputs).map(([name, value]) => readInput(r, name, value, [...here, 'inputs', name])),
  };
}

function readInput(r: YamlReader, name: string, value: unknown, path: Path): DispatchInput {
  if (!INPUT_NAME.test(name))
    r.fail(path, 'an input name starts with a letter or "_" and has only letters, digits, "_" and "-"');
  const spec = value === null ? {} : r.map(value, path);
  r.keys(spec, path, ['type', 'required', 'default', 'options'], ['description', 'deprecationMessage']);
  const type = spec.type === undefined ? 'string' : r.string(spec.type, [...path, 'type']);
  if (!TYPES.includes(type as InputType))
    r.fail([...path, 'type'], `type "${type}" is not supported by the stand-in runner (it has ${TYPES.join(', ')})`);
  if (spec.required !== undefined && typeof spec.required !== 'boolean')
    r.fail([...path, 'required'], 'must be true or false');
  const input: DispatchInput = {
    name,
    type: type as InputType,
    required: spec.required === true,
    default:
      spec.default === undefined || spec.default === null ? undefined : r.string(spec.default, [...path, 'default']),
    options: [],
  };
  if (input.type === 'choice') {
    const options = r.list(spec.options, [...path, 'options']).map((o, i) => r.string(o, [...path, 'options', i]));
    if (options.length === 0) r.fail([...path, 'options'], 'a choice input needs at least one option');
    input.options = options;
  } else if (spec.options !== undefined) {
    r.fail([...path, 'options'], 'only a choice input has options');
  }
  if (input.default !== undefined) {
    const problem = valueProblem(input, input.default);
    if (problem) r.fail([...path, 'default'], problem);
  }
  return input;
}

function valueProblem(input: DispatchInput, value: string): string | undefined {
  switch (input.type) {
    case 'choice':
      return input.options.includes(value)
        ? undefined
        : `"${value}" is not one of the options ${input.options.map((o) => `"${o}"`).join(', ')}`;
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : `"${value}" is not a boolean (true or false)`;
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : `"${value}" is not a number`;
    case 'string':
      return undefined;
  }
}

/**
 * Every declared input with its value: the one given, else the default, else what GitHub gives
 * an absent input ("" or "false"). Throws WorkflowError for what the dispatch endpoint refuses.
 */
export function checkDispatchInputs(wf: Workflow, inputs: Readonly<Record<string, string>>): Record<string, string> {
  const where = { file: wf.file };
  if (!wf.dispatch) throw new WorkflowError('the workflow has no workflow_dispatch trigger', where);
  const declared = new Map(wf.dispatch.inputs.map((i) => [i.name, i]));
  const unexpected = Object.keys(inputs).filter((name) => !declared.has(name));
  if (unexpected.length > 0)
    throw new WorkflowError(`unexpected inputs provided: ${unexpected.map((n) => `"${n}"`).join(', ')}`, where);
  const out: Record<string, string> = {};
  for (const input of wf.dispatch.inputs) {
    const given = Object.hasOwn(inputs, input.name) ? inputs[input.name] : undefined;
    const value = given ?? input.default;
    if (value === undefined || (value === '' && input.required)) {
      if (input.required) throw new WorkflowError(`required input "${input.name}" not provided`, where);
      out[input.name] = input.type === 'boolean' ? 'false' : '';
      continue;
    }
    const problem = value === '' && input.type !== 'boolean' ? undefined : valueProblem(input, value);
    if (problem) throw new WorkflowError(`input "${input.name}": ${problem}`, where);
    out[input.name] = value;
  }
  return out;
}

/** The `inputs` context: booleans and numbers typed, as GitHub gives them to expressions. */
export function inputsContext(wf: Workflow, checked: Readonly<Record<string, string>>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const input of wf.dispatch?.inputs ?? []) {
    const value = checked[input.name] ?? '';
    out[input.name] =
      input.type === 'boolean' ? value === 'true' : input.type === 'number' && value !== '' ? Number(value) : value;
  }
  return out;
}
