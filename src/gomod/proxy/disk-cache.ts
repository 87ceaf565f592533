/**
 * On-disk store for immutable proxy answers (`.info`, `.mod`, `.zip` of canonical versions), and
 * the package index read from a zip (`.pkgs.json`, as immutable as the zip it comes from).
 * Layout: <dir>/<hash of proxy URL>/<escaped module path>/@v/<escaped version>.<ext>. The proxy
 * URL is hashed (never written) so credentials and host names stay out of file names; escaped
 * paths are safe on case-insensitive file systems. Writes go to a temp file and are renamed into
 * place, so a reader sees a whole file or none.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export class DiskCache {
  constructor(readonly dir: string) {}

  file(
    proxyUrl: string,
    escapedPath: string,
    escapedVersion: string,
    ext: 'info' | 'mod' | 'zip' | 'pkgs.json',
  ): string {
    const proxyKey = createHash('sha256').update(proxyUrl).digest('hex').slice(0, 16);
    return join(this.dir, proxyKey, ...escapedPath.split('/'), '@v', `${escapedVersion}.${ext}`);
  }

  /**
   * The file's bytes, or undefined when absent or unreadable (a cache never fails a lookup).
   * Synchronous on purpose: entries are a few kilobytes, and a plan reads hundreds of them in
   * dependency order; four round trips each through libuv's small thread pool cost more than
   * the reads themselves.
   */
  async read(file: string): Promise<Buffer | undefined> {
    try {
      return readFileSync(file);
    } catch {
      return undefined;
    }
  }

  /** Where a volatile answer (a version list, @latest) is kept; both parts are hashed. */
  volatileFile(proxies: string, key: string): string {
    const h = createHash('sha256').update(proxies).update('\0').update(key).digest('hex');
    return join(this.dir, 'volatile', h.slice(0, 2), `${h.slice(2, 40)}.json`);
  }

  /** A volatile answer stored with its expiry time, if it has not expired. */
  async readFresh<T>(file: string, now: number): Promise<{ value: T; expires: number } | undefined> {
    const body = await this.read(file);
    if (!body) return undefined;
    try {
      const stored = JSON.parse(body.toString('utf8')) as { expires: number; value: T };
      return typeof stored.expires === 'number' && stored.expires > now ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  writeFresh(file: string, value: unknown, expires: number): Promise<boolean> {
    return this.write(file, JSON.stringify({ expires, value }));
  }

  /** Best effort: a full disk or read-only cache dir only costs a future request. */
  async write(file: string, data: Buffer | string): Promise<boolean> {
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, data);
      await rename(tmp, file);
      return true;
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
      return false;
    }
  }
}
