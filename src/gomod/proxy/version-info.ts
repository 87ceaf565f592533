/** The JSON of `.info` and `@latest` answers, checked at the boundary. */
import { z } from 'zod';
import type { VersionInfo } from '../types.js';
import { ProxyResponseError } from './errors.js';

const versionInfoSchema = z.object({
  Version: z.string().min(1),
  Time: z.string().optional(),
  Origin: z
    .object({
      VCS: z.string().optional(),
      URL: z.string().optional(),
      Subdir: z.string().optional(),
      Ref: z.string().optional(),
      Hash: z.string().optional(),
    })
    .optional(),
});

export function parseVersionInfo(body: Buffer, modulePath: string, proxyUrl: string): VersionInfo {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new ProxyResponseError(modulePath, proxyUrl, 200, `invalid response from proxy: ${(err as Error).message}`);
  }
  const parsed = versionInfoSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new ProxyResponseError(modulePath, proxyUrl, 200, `invalid response from proxy: ${where}: ${issue?.message ?? 'unexpected shape'}`);
  }
  const { Version, Time, Origin } = parsed.data;
  const info: VersionInfo = { Version };
  if (Time !== undefined) info.Time = Time;
  if (Origin !== undefined) info.Origin = Object.fromEntries(Object.entries(Origin).filter(([, v]) => v !== undefined));
  return info;
}
