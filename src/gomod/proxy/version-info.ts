/**
 * The JSON of `.info` and `@latest` answers, checked at the boundary. Checked by hand rather
 * than with zod: the shape is five optional strings, and loading zod would cost a CLI run more
 * than everything else it does on a warm cache.
 */
import type { VersionInfo } from '../types.js';
import { ProxyResponseError } from './errors.js';

const ORIGIN_FIELDS = ['VCS', 'URL', 'Subdir', 'Ref', 'Hash'] as const;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The first problem with the shape, as `field: what was expected`; null when it is fine. */
function shapeProblem(json: unknown): string | null {
  if (!isRecord(json)) return 'body: expected an object';
  if (typeof json.Version !== 'string' || json.Version === '') return 'Version: expected a non-empty string';
  if (json.Time !== undefined && typeof json.Time !== 'string') return 'Time: expected a string';
  if (json.Origin !== undefined) {
    if (!isRecord(json.Origin)) return 'Origin: expected an object';
    for (const f of ORIGIN_FIELDS) {
      if (json.Origin[f] !== undefined && typeof json.Origin[f] !== 'string') return `Origin.${f}: expected a string`;
    }
  }
  return null;
}

export function parseVersionInfo(body: Buffer, modulePath: string, proxyUrl: string): VersionInfo {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new ProxyResponseError(modulePath, proxyUrl, 200, `invalid response from proxy: ${(err as Error).message}`);
  }
  const problem = shapeProblem(json);
  if (problem) throw new ProxyResponseError(modulePath, proxyUrl, 200, `invalid response from proxy: ${problem}`);
  const data = json as { Version: string; Time?: string; Origin?: Record<string, string | undefined> };
  const info: VersionInfo = { Version: data.Version };
  if (data.Time !== undefined) info.Time = data.Time;
  if (data.Origin !== undefined) {
    const origin: NonNullable<VersionInfo['Origin']> = {};
    for (const f of ORIGIN_FIELDS) if (data.Origin[f] !== undefined) origin[f] = data.Origin[f];
    info.Origin = origin;
  }
  return info;
}
