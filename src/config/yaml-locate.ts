/**
 * Finds where a value of the parsed config sits in the YAML text, so that every problem can
 * name a line and column. Paths are the zod issue paths: mapping keys and list indexes.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Located {
  /** The value at the path; undefined when the path runs out of the document. */
  value?: Node;
  /** The mapping key holding `value`, when the last step was a key. */
  key?: Node;
  /** The deepest node the path reached: the parent mapping of a missing key. */
  deepest: Node | null;
}

export function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

export function locate(doc: Document, path: readonly PropertyKey[]): Located {
  let node = (doc.contents ?? null) as Node | null;
  let key: Node | undefined;
  for (const step of path) {
    if (node && isAlias(node)) node = (node.resolve(doc) ?? null) as Node | null;
    if (node && isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(step));
      if (!pair) return { deepest: node };
      key = pair.key as Node;
      node = (pair.value ?? null) as Node | null;
      if (!node) return { key, deepest: key };
    } else if (node && isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) return { deepest: node };
      key = undefined;
      node = item;
    } else {
      return { deepest: node };
    }
  }
  return node ? { value: node, key, deepest: node } : { deepest: null };
}

/** The key path of the mapping key starting at `offset` (for the parser's duplicate-key error). */
export function pathOfKeyAt(doc: Document, offset: number): PropertyKey[] | undefined {
  const walk = (node: unknown, path: PropertyKey[]): PropertyKey[] | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as Node | null;
        const here = [...path, keyText(pair.key)];
        if (k?.range?.[0] === offset) return here;
        const found = walk(pair.value, here);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const found = walk(item, [...path, i]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(doc.contents, []);
}

export function lineColumn(lc: LineCounter, node: Node | null | undefined): { line: number; column: number } {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

/** `ignore[1].update-types[0]` from a zod path. */
export function formatField(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    out += typeof step === 'number' ? `[${step}]` : out === '' ? String(step) : `.${String(step)}`;
  }
  return out;
}

/** How a value reads in a message: the scalar as written in JSON form, or its kind. */
export function describeNode(node: Node | undefined, doc: Document): string {
  if (!node) return 'nothing';
  if (isAlias(node)) return describeNode(node.resolve(doc) as Node | undefined, doc);
  if (isMap(node)) return node.items.length ? 'a mapping' : 'an empty mapping';
  if (isSeq(node)) return node.items.length ? 'a list' : 'an empty list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'nothing';
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return `a ${node.tag ?? 'value'} value`;
  }
  return 'an alias';
}
