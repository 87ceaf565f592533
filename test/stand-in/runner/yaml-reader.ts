/**
 * Reads a workflow's YAML keeping track of where each value sits, so every complaint names the
 * key path and the line (what a workflow author needs to find the mistake).
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import {
  compileCondition,
  compileTemplate,
  type Allowed,
  type Condition,
  type Template,
} from './expression-template.js';
import { ExpressionError, WorkflowError } from './workflow-error.js';

export type Path = readonly (string | number)[];

export function showPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export class YamlReader {
  readonly root: unknown;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    text: string,
    readonly file: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    const first = this.doc.errors[0];
    if (first)
      throw new WorkflowError(`invalid YAML: ${first.message}`, { file, line: this.lines.linePos(first.pos[0]).line });
    this.root = this.doc.toJS({ maxAliasCount: 1000 }) as unknown;
  }

  lineOf(path: Path): number | undefined {
    for (let n = path.length; n >= 0; n -= 1) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  fail(path: Path, message: string): never {
    const line = this.lineOf(path);
    throw new WorkflowError(path.length ? `${showPath(path)}: ${message}` : message, {
      file: this.file,
      ...(line === undefined ? {} : { line }),
    });
  }

  map(value: unknown, path: Path): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'must be a mapping');
    return value as Record<string, unknown>;
  }

  list(value: unknown, path: Path): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be a list');
    return value;
  }

  /**
   * Keys GitHub accepts that change nothing here (`runs-on`, `permissions`) are ignored;
   * anything else not supported is refused by name.
   */
  keys(map: Record<string, unknown>, path: Path, supported: readonly string[], ignored: readonly string[] = []): void {
    for (const key of Object.keys(map)) {
      if (!supported.includes(key) && !ignored.includes(key))
        this.fail([...path, key], 'the key is not supported by the stand-in runner');
    }
  }

  /** Scalars as GitHub reads them: numbers and booleans become their text. */
  string(value: unknown, path: Path): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(path, 'must be a string');
  }

  template(value: unknown, path: Path, allowed: Allowed): Template {
    const text = this.string(value, path);
    try {
      return compileTemplate(text, allowed);
    } catch (err) {
      return this.rethrow(err, path);
    }
  }

  condition(value: unknown, path: Path, allowed: Allowed): Condition {
    const text = this.string(value, path);
    try {
      return compileCondition(text, allowed);
    } catch (err) {
      return this.rethrow(err, path);
    }
  }

  /** `env:` and `with:` blocks: a mapping of names to templates. */
  templates(value: unknown, path: Path, allowed: Allowed): Record<string, Template> {
    if (value === undefined || value === null) return {};
    const map = this.map(value, path);
    return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, this.template(v, [...path, k], allowed)]));
  }

  private rethrow(err: unknown, path: Path): never {
    if (err instanceof ExpressionError) this.fail(path, err.message);
    throw err;
  }
}
