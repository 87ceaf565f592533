/**
 * The import-layer check of docs/architecture.md, as plain functions over a map of file path to
 * source text (no file system here; the caller reads the files). A file belongs to a unit: the
 * top-level folder under src/ (`gomod/`) or, for a file directly in src/, the file (`errors.ts`).
 * The check reports
 *   - an import of a unit of higher rank than the importer's,
 *   - a cycle in the unit graph (two units importing each other, or a longer ring),
 *   - a unit that has no rank.
 * Imports are `import ... from`, `import type ... from`, `export ... from`, `import x = require()`,
 * `import('...')` with a string literal, and `import('...')` types. Only relative specifiers that
 * land inside src/ count; packages and `node:` modules are not units.
 */
import { posix } from 'node:path';
import ts from 'typescript';

export interface ImportSite {
  /** The specifier as written, e.g. `../github/clone.js`. */
  specifier: string;
  /** 1-based line of the import. */
  line: number;
}

export interface Edge {
  /** Importing file, as keyed in the input map (e.g. `src/gomod/upgrade.ts`). */
  file: string;
  line: number;
  specifier: string;
  from: string;
  to: string;
}

export interface Cycle {
  /** Units in ring order, the first one repeated at the end: [a/, b/, a/]. */
  units: string[];
  /** One edge (the first by file and line) for each step of the ring. */
  edges: Edge[];
}

export interface LayerReport {
  upward: Edge[];
  cycles: Cycle[];
  /** Units found under src/ (as importers or import targets) that the rank table lacks. */
  unranked: string[];
  /** Every message, one per problem, in the order: unranked, upward, cycles. */
  problems: string[];
}

export interface CheckOptions {
  /** The folder whose children are the units; default `src`. */
  root?: string;
  /** Where the ranks are written down, named in the message for an unranked unit. */
  rankSources?: string;
}

const DEFAULT_RANK_SOURCES = 'docs/architecture.md (a `rank N` line) and to LAYER_RANKS in test/support/layers.ts';

/** Every import site in one file's text, in source order. */
export function findImports(fileName: string, text: string): ImportSite[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined): void => {
    if (!spec || !(ts.isStringLiteral(spec) || ts.isNoSubstitutionTemplateLiteral(spec))) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    sites.push({ specifier: spec.text, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

/**
 * The unit of a path under root (`src/gomod/mvs/graph.ts` → `gomod/`, `src/errors.ts` →
 * `errors.ts`), or undefined for a path outside root. A `.js`-family extension on a top-level
 * file is read as the `.ts` it is compiled from.
 */
export function unitOf(path: string, root = 'src'): string | undefined {
  const rel = posix.relative(root, posix.normalize(path));
  if (rel === '' || rel.startsWith('..') || posix.isAbsolute(rel)) return undefined;
  const parts = rel.split('/');
  if (parts.length > 1) return `${parts[0]}/`;
  return parts[0]!.replace(/\.(m|c)?jsx?$/, '.ts').replace(/\.(m|c)ts$/, '.ts');
}

/** Every edge between two different units, sorted by file and line. */
export function unitEdges(files: ReadonlyMap<string, string>, root = 'src'): Edge[] {
  const edges: Edge[] = [];
  for (const [file, text] of files) {
    const from = unitOf(file, root);
    if (!from) continue;
    for (const site of findImports(file, text)) {
      if (!site.specifier.startsWith('./') && !site.specifier.startsWith('../')) continue;
      const to = unitOf(posix.join(posix.dirname(file), site.specifier), root);
      if (!to || to === from) continue;
      edges.push({ file, line: site.line, specifier: site.specifier, from, to });
    }
  }
  return edges.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

function describeEdge(e: Edge): string {
  return `${e.file}:${e.line} imports '${e.specifier}'`;
}

/** Strongly connected components with more than one unit, each sorted, sorted by first unit. */
function tangledComponents(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return out.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** The shortest ring from start back to start inside one component (breadth first). */
function shortestRing(start: string, graph: Map<string, string[]>, inside: Set<string>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const ring = [v];
        while (ring[0] !== start) ring.unshift(parent.get(ring[0]!)!);
        return [...ring, start];
      }
      if (seen.has(w)) continue;
      seen.add(w);
      parent.set(w, v);
      queue.push(w);
    }
  }
  return [];
}

/** Rotate a ring so that its smallest unit comes first, for de-duplication. */
function canonicalRing(ring: string[]): string {
  const body = ring.slice(0, -1);
  const first = body.indexOf([...body].sort()[0]!);
  return [...body.slice(first), ...body.slice(0, first)].join(' → ');
}

/**
 * Cycles in the unit graph: for each tangle (strongly connected component) every pair of units
 * that import each other, then the shortest ring through each of its units, without repeats.
 * Listing every elementary ring could explode; this stays short and still names each mutual
 * import, and each ring names one file:line per step.
 */
export function findCycles(edges: readonly Edge[]): Cycle[] {
  const graph = new Map<string, string[]>();
  const firstEdge = new Map<string, Edge>();
  for (const e of edges) {
    const key = `${e.from}\u0000${e.to}`;
    if (firstEdge.has(key)) continue;
    firstEdge.set(key, e);
    if (!graph.has(e.from)) graph.set(e.from, []);
    if (!graph.has(e.to)) graph.set(e.to, []);
    graph.get(e.from)!.push(e.to);
  }
  for (const targets of graph.values()) targets.sort();
  const cycles: Cycle[] = [];
  const seen = new Set<string>();
  for (const component of tangledComponents(graph)) {
    const inside = new Set(component);
    const rings: string[][] = [];
    for (const a of component) {
      for (const b of graph.get(a) ?? []) if (a < b && graph.get(b)?.includes(a)) rings.push([a, b, a]);
    }
    for (const start of component) rings.push(shortestRing(start, graph, inside));
    for (const ring of rings) {
      if (ring.length === 0) continue;
      const key = canonicalRing(ring);
      if (seen.has(key)) continue;
      seen.add(key);
      const units = key.split(' → ');
      units.push(units[0]!);
      const steps = units.slice(0, -1).map((u, i) => firstEdge.get(`${u}\u0000${units[i + 1]}`)!);
      cycles.push({ units, edges: steps });
    }
  }
  return cycles;
}

/** Check the files against the ranks; an empty `problems` means the layers hold. */
export function checkLayers(
  files: ReadonlyMap<string, string>,
  ranks: Readonly<Record<string, number>>,
  options: CheckOptions = {},
): LayerReport {
  const root = options.root ?? 'src';
  const rankSources = options.rankSources ?? DEFAULT_RANK_SOURCES;
  const rankOf = (unit: string): number | undefined => (Object.hasOwn(ranks, unit) ? ranks[unit] : undefined);
  const edges = unitEdges(files, root);

  const units = new Set<string>();
  for (const file of files.keys()) {
    const unit = unitOf(file, root);
    if (unit) units.add(unit);
  }
  for (const e of edges) units.add(e.to);
  const unranked = [...units].filter((u) => rankOf(u) === undefined).sort();

  const upward = edges.filter((e) => {
    const from = rankOf(e.from);
    const to = rankOf(e.to);
    return from !== undefined && to !== undefined && to > from;
  });
  const cycles = findCycles(edges);

  const problems: string[] = [
    ...unranked.map(
      (u) =>
        `${root}/${u} has no rank: add it to ${rankSources}` +
        (u.endsWith('/') ? '' : ' (or move the file into a folder that has one)'),
    ),
    ...upward.map(
      (e) =>
        `upward import: ${describeEdge(e)}: ${e.from} (rank ${rankOf(e.from)}) may not import ` +
        `${e.to} (rank ${rankOf(e.to)}); a folder imports only its own rank or lower`,
    ),
    ...cycles.map(
      (c) =>
        `import cycle: ${c.units.join(' → ')}\n` +
        c.edges.map((e) => `    ${e.from} → ${e.to}: ${describeEdge(e)}`).join('\n'),
    ),
  ];
  return { upward, cycles, unranked, problems };
}

/**
 * The ranks drawn in an architecture document: every line that starts with `rank N` names the
 * units of rank N (tokens ending in `/` or `.ts`; text in parentheses is commentary).
 */
export function ranksFromDoc(markdown: string): Record<string, number> {
  const ranks: Record<string, number> = {};
  for (const raw of markdown.split('\n')) {
    const m = /^\s*rank\s+(\d+)\b(.*)$/.exec(raw);
    if (!m) continue;
    const rank = Number(m[1]);
    const rest = m[2]!.replace(/\([^)]*\)/g, ' ');
    for (const token of rest.split(/\s+/)) {
      if (/^[A-Za-z0-9_.-]+(\/|\.ts)$/.test(token)) ranks[token] = rank;
    }
  }
  return ranks;
}

/**
 * Where a rank table and the ranks of a document disagree, one line per unit (empty when they
 * agree), e.g. `redis/: rank 1 in the table, missing from the doc`.
 */
export function rankDrift(
  table: Readonly<Record<string, number>>,
  doc: Readonly<Record<string, number>>,
  names = { table: 'test/support/layers.ts', doc: 'docs/architecture.md' },
): string[] {
  const units = [...new Set([...Object.keys(table), ...Object.keys(doc)])].sort();
  const lines: string[] = [];
  for (const u of units) {
    const t = Object.hasOwn(table, u) ? table[u] : undefined;
    const d = Object.hasOwn(doc, u) ? doc[u] : undefined;
    if (t === d) continue;
    if (d === undefined) lines.push(`${u}: rank ${t} in ${names.table}, missing from ${names.doc}`);
    else if (t === undefined) lines.push(`${u}: rank ${d} in ${names.doc}, missing from ${names.table}`);
    else lines.push(`${u}: rank ${t} in ${names.table}, rank ${d} in ${names.doc}`);
  }
  return lines;
}

/** Throws one Error listing every problem (for a test to fail with a readable message). */
export function assertLayers(report: LayerReport): void {
  if (report.problems.length === 0) return;
  throw new Error(
    `${report.problems.length} layer problem(s) (see docs/architecture.md):\n\n${report.problems.join('\n\n')}`,
  );
}
