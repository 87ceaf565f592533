/**
 * WEBHOOK_PROXY_URL (development only): forwards deliveries from a webhook forwarding channel to
 * the local webhook path. The client library is optional and loaded only when the variable is set.
 */
import type { Logger } from 'probot';

interface ForwardingClient {
  start(): unknown;
}

type ClientConstructor = new (o: { source: string; target: string; logger: Logger }) => ForwardingClient;

export async function startWebhookProxy(
  source: string,
  target: string,
  log: Logger,
): Promise<{ close(): void } | undefined> {
  const moduleName = 'smee-client';
  let Client: ClientConstructor | undefined;
  try {
    const mod = (await import(moduleName)) as { SmeeClient?: ClientConstructor; default?: ClientConstructor };
    Client = mod.SmeeClient ?? mod.default;
  } catch {
    Client = undefined;
  }
  if (!Client) {
    log.warn(
      `WEBHOOK_PROXY_URL is set but ${moduleName} is not installed: run \`npm install --no-save ${moduleName}\` to forward deliveries to ${target}`,
    );
    return undefined;
  }
  const started = (await new Client({ source, target, logger: log }).start()) as { close?: () => void } | undefined;
  log.info({ target }, 'forwarding webhook deliveries from WEBHOOK_PROXY_URL');
  return { close: () => started?.close?.() };
}
