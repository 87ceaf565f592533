/**
 * The HTTP front: `/healthz` (the process answers), `/readyz` (Redis and, where this process runs
 * them, the workers), `/metrics`, and the webhook path served by Probot's middleware (web role).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';

export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

export type WebhookMiddleware = (req: IncomingMessage, res: ServerResponse, next?: (err?: Error) => void) => unknown;

export interface WebServerDeps {
  readiness(): Promise<Readiness>;
  metrics: Metrics;
  /** Absent in the worker role. */
  webhooks?: WebhookMiddleware | undefined;
}

export function createWebServer(deps: WebServerDeps): Server {
  const server = createServer((req, res) => {
    void route(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: (err as Error).message });
      else res.destroy();
    });
  });
  // Behind a load balancer that keeps connections open longer than Node's 5 s default.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function route(deps: WebServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const r = await deps.readiness();
      return json(res, r.ready ? 200 : 503, r.body);
    }
    if (path === '/metrics') {
      const text = await deps.metrics.render();
      res.writeHead(200, { 'content-type': deps.metrics.contentType }).end(text);
      return;
    }
  }
  if (deps.webhooks) {
    await deps.webhooks(req, res, () => notFound(res));
    return;
  }
  notFound(res);
}

function notFound(res: ServerResponse): void {
  if (!res.headersSent) json(res, 404, { error: 'not found' });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** Listens and resolves with the bound port (PORT=0 picks a free one). */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : port;
}

/** Stops accepting connections, closes idle keep-alive ones and waits for requests in flight. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}
