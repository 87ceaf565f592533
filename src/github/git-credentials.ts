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

/** The header for the app's git host; none for a clone URL that is a local path (tests), which git reads without HTTP. */
export function installationGitHeaders(cloneUrl: string, token: string): GitHeader[] {
  if (!/^https?:/.test(cloneUrl)) return [];
  const u = new URL(cloneUrl);
  return [
    {
      url: `${u.protocol}//${u.host}/`,
      header: `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
    },
  ];
}

/**
 * Writes `headers` to a gitconfig file. `include`: a gitconfig whose settings still apply (the
 * operator's own: url rewrites, proxies), read before the headers.
 */
export async function writeGitHeaders(file: string, headers: readonly GitHeader[], include?: string): Promise<void> {
  if (include !== undefined && UNSAFE.test(include))
    throw new Error('the gitconfig path to include holds a character a gitconfig file cannot carry');
  const head = include === undefined ? '' : `[include]\n\tpath = "${include}"\n`;
  const text =
    head +
    headers
      .map((h) => {
        if (UNSAFE.test(h.url) || UNSAFE.test(h.header)) {
          throw new Error('a git header or its URL holds a character a gitconfig file cannot carry');
        }
        return `[http "${h.url}"]\n\textraHeader = "${h.header}"\n`;
      })
      .join('');
  await writeFile(file, text, { mode: 0o600 });
}
