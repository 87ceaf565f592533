/**
 * The installation token as git sees it: an `Authorization` header scoped to the app's own git
 * host, written to a gitconfig file of mode 0600 that GIT_CONFIG_GLOBAL names. The token is then
 * in no URL (git would store and print it), no argument (visible to `ps`) and no environment
 * variable (inherited by every process git or go starts).
 */
import { writeFile } from 'node:fs/promises';

export interface GitHeader {
  /** The URL prefix git matches the header against, e.g. `https://github.com/`. */
  url: string;
  /** The whole header line, e.g. `Authorization: Basic …`. */
  header: string;
}

/** Characters that would end a gitconfig section name or value early. */
const UNSAFE = /[\r\n"\\]/;

export function installationGitHeader(cloneUrl: string, token: string): GitHeader {
  const u = new URL(cloneUrl);
  return {
    url: `${u.protocol}//${u.host}/`,
    header: `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
  };
}

export async function writeGitHeaders(file: string, headers: readonly GitHeader[]): Promise<void> {
  const text = headers
    .map((h) => {
      if (UNSAFE.test(h.url) || UNSAFE.test(h.header)) {
        throw new Error('a git header or its URL holds a character a gitconfig file cannot carry');
      }
      return `[http "${h.url}"]\n\textraHeader = "${h.header}"\n`;
    })
    .join('');
  await writeFile(file, text, { mode: 0o600 });
}
