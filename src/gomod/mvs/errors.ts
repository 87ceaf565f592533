import { StewardError } from '../../errors.js';
import type { ModuleVersion } from '../types.js';

/**
 * A go.mod in the module graph could not be loaded: the proxy failed, the file does not parse,
 * or it declares another module path. `chain` is how the main module reaches it.
 */
export class ModuleGraphError extends StewardError {
  readonly code = 'module-graph';
  constructor(
    readonly path: string,
    readonly version: string,
    readonly chain: ModuleVersion[],
    reason: string,
    options?: { cause?: unknown },
  ) {
    const via = chain.length > 1 ? ` (required via ${chain.slice(0, -1).map(show).join(' → ')})` : '';
    super(`${path}@${version}: ${reason}${via}`, options);
  }
}

function show(m: ModuleVersion): string {
  return m.version ? `${m.path}@${m.version}` : m.path;
}

/** Why a single go.mod could not be read, before we know how the graph reaches it. */
export class GoModLoadError extends StewardError {
  readonly code = 'go-mod-load';
  constructor(
    readonly path: string,
    readonly version: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}@${version}: ${reason}`, options);
  }
}
