/**
 * .netrc credentials for private proxies ($NETRC, else ~/.netrc). Like the go command, an entry
 * counts only when it has machine, login and password, and the first entry for a machine wins.
 * Unlike the go command we also read the `default` entry, but the client offers it only after a
 * proxy answers 401, so a catch-all password is never sent unasked.
 */
import { readFile } from 'node:fs/promises';

export interface NetrcEntry {
  machine: string;
  login: string;
  password: string;
}

export interface Netrc {
  machines: NetrcEntry[];
  default?: { login: string; password: string };
}

export function parseNetrc(text: string): Netrc {
  const machines: NetrcEntry[] = [];
  let def: Netrc['default'];
  let cur: { machine?: string; isDefault: boolean; login?: string; password?: string } | null = null;
  const flush = () => {
    if (cur?.login && cur.password) {
      if (cur.isDefault) def ??= { login: cur.login, password: cur.password };
      else if (cur.machine) machines.push({ machine: cur.machine, login: cur.login, password: cur.password });
    }
    cur = null;
  };
  let inMacro = false;
  for (const line of text.split(/\r?\n/)) {
    if (inMacro) {
      // A macro body runs until the first empty line.
      if (line === '') inMacro = false;
      continue;
    }
    const f = line.trim() === '' ? [] : line.trim().split(/\s+/);
    for (let i = 0; i < f.length; i++) {
      const tok = f[i];
      const val = f[i + 1];
      if (tok === 'machine') {
        flush();
        cur = { machine: val, isDefault: false };
        i++;
      } else if (tok === 'default') {
        flush();
        cur = { isDefault: true };
      } else if (tok === 'login' || tok === 'password' || tok === 'account') {
        if (cur && val !== undefined && tok !== 'account') cur[tok] = val;
        i++;
      } else if (tok === 'macdef') {
        inMacro = true;
        break;
      }
    }
  }
  flush();
  return def ? { machines, default: def } : { machines };
}

/** Reads and parses a netrc file; a missing file is an empty netrc. */
export async function readNetrc(path: string): Promise<Netrc> {
  try {
    return parseNetrc(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { machines: [] };
    throw err;
  }
}

/** The first entry whose machine is the URL's host:port or, failing that, its host name. */
export function netrcEntryFor(netrc: Netrc, url: URL): NetrcEntry | undefined {
  return netrc.machines.find((m) => m.machine === url.host) ?? netrc.machines.find((m) => m.machine === url.hostname);
}
