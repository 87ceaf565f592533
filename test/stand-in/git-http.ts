/**
 * Git's smart HTTP protocol for the stand-in's repositories, served by git itself
 * (`git http-backend` as a CGI program), so a clone or fetch from the stand-in is the same
 * exchange as from GitHub: ref advertisement, protocol v2 when the client asks for it, packs.
 * Read-only: `git-receive-pack` is refused, as the app never pushes over git.
 */
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname } from 'node:path';

/**
 * `/<owner>/<name>[.git]/<service path>` → owner, name and what follows. GitHub serves a
 * repository with or without `.git`; the go command asks for `https://github.com/<owner>/<name>`.
 */
export function parseGitPath(pathname: string): { owner: string; name: string; rest: string } | undefined {
  const m = /^\/([^/]+)\/([^/]+?)(?:\.git)?(\/info\/refs|\/git-upload-pack)$/.exec(pathname);
  if (!m) return undefined;
  const rest = m[3]!;
  if (rest !== '/info/refs' && rest !== '/git-upload-pack') return undefined;
  return { owner: decodeURIComponent(m[1]!), name: decodeURIComponent(m[2]!), rest };
}

export function serveGit(req: IncomingMessage, res: ServerResponse, gitDir: string, rest: string, query: string): void {
  if (/service=git-receive-pack/.test(query)) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('the stand-in serves fetches only\n');
    return;
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: dirname(gitDir),
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    PATH_INFO: `/${basename(gitDir)}${rest}`,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: query,
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    REMOTE_USER: 'x-access-token',
    ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
    ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
    ...(req.headers['content-length'] ? { CONTENT_LENGTH: String(req.headers['content-length']) } : {}),
  };
  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(child.stdin);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const i = line.indexOf(':');
      if (i < 0) continue;
      const name = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
  });
  child.on('close', (code) => {
    if (!headersDone) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`git http-backend failed (${code}): ${stderr}`);
      return;
    }
    res.end();
  });
}
