/**
 * Reads `.github/gomod-steward.yml`: YAML with positions, then the zod schema. Any problem, from
 * a tab in the indentation to a misspelt update type, becomes a `ConfigError` listing every
 * issue with file, line, column, field and what was expected.
 *
 * A key with an empty value (`ignore:` followed only by comments) counts as absent, so its
 * default applies: commenting out the last entry of a list must not break the config.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, isAlias, isScalar, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import { describeIssue, fallbackExpected } from './describe-issue.js';
import { ConfigError, ConfigReadError, type ConfigIssue } from './errors.js';
import { allowedKeysAt } from './schema-keys.js';
import { CONFIG_PATH, configSchema, defaultConfig, rawConfigSchema, type StewardConfig } from './schema.js';
import { formatField, lineColumn, pathOfKeyAt } from './yaml-locate.js';

export interface LoadedConfig {
  config: StewardConfig;
  /** The file did not exist, so `config` is the defaults. */
  absent: boolean;
  /** The name used in messages. */
  file: string;
}

const YAML_EXPECTED: Record<string, string> = {
  TAB_AS_INDENT: 'indentation with spaces',
  DUPLICATE_KEY: 'each key at most once in a mapping',
  MULTIPLE_DOCS: 'a single YAML document',
};

export function parseConfig(file: string, text: string): StewardConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) throw new ConfigError(problems.map((e) => yamlIssue(file, doc, lc, e)));
  const complexKey = firstComplexKey(doc);
  if (complexKey) {
    throw new ConfigError([
      {
        file,
        ...lineColumn(lc, complexKey),
        field: '',
        message: 'invalid key: a list or mapping used as a key',
        expected: 'a plain key',
      },
    ]);
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // Only unresolvable or excessive aliases get here; the parser reported everything else.
    const alias = firstUnresolvedAlias(doc);
    throw new ConfigError([
      {
        file,
        ...lineColumn(lc, alias),
        field: '',
        message: `invalid YAML: ${(err as Error).message}`,
        expected: alias ? 'aliases that refer to an anchor defined before them' : 'fewer alias expansions',
      },
    ]);
  }
  if (data === null || data === undefined) return defaultConfig();

  const result = configSchema.safeParse(dropEmptyValues(data), { error: fallbackExpected });
  if (result.success) return result.data;
  const ctx = { file, doc, lc, allowedKeys: (path: readonly PropertyKey[]) => allowedKeysAt(rawConfigSchema, path) };
  throw new ConfigError(result.error.issues.flatMap((issue) => describeIssue(issue, ctx)));
}

/** Reads a config file; a file that does not exist means the defaults. */
export async function loadConfigFile(path: string, displayName: string = path): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { config: defaultConfig(), absent: true, file: displayName };
    throw new ConfigReadError(`cannot read ${displayName}: ${(err as Error).message}`);
  }
  return { config: parseConfig(displayName, text), absent: false, file: displayName };
}

/**
 * The config of the repository checked out at `dir`: `configFile` when given (it must exist),
 * else `dir/.github/gomod-steward.yml` when present, else the defaults.
 */
export async function loadRepoConfig(dir: string, configFile?: string): Promise<StewardConfig> {
  if (configFile !== undefined) {
    const loaded = await loadConfigFile(configFile);
    if (loaded.absent) throw new ConfigReadError(`config file ${configFile} does not exist`);
    return loaded.config;
  }
  return (await loadConfigFile(join(dir, CONFIG_PATH))).config;
}

function yamlIssue(file: string, doc: Document, lc: LineCounter, e: YAMLError): ConfigIssue {
  const { line, col } = lc.linePos(e.pos[0]);
  const path = e.code === 'DUPLICATE_KEY' ? pathOfKeyAt(doc, e.pos[0]) : undefined;
  return {
    file,
    line,
    column: col,
    field: path ? formatField(path) : '',
    message: `invalid YAML: ${e.message}`,
    expected: YAML_EXPECTED[e.code] ?? 'valid YAML',
  };
}

function firstUnresolvedAlias(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstComplexKey(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        found = pair.key as Node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function dropEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmptyValues);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, dropEmptyValues(v)]),
    );
  }
  return value;
}
