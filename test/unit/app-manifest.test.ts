/** app.yml asks GitHub for exactly the events the app handles: no more (noise, trust), no fewer (silence). */
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { ApplicationFunction } from 'probot';
import { parse } from 'yaml';
import { createApp, type AppDeps } from '../../src/app.js';

async function manifest(): Promise<{ default_events: string[]; default_permissions: Record<string, string> }> {
  return parse(await readFile(new URL('../../app.yml', import.meta.url), 'utf8')) as {
    default_events: string[];
    default_permissions: Record<string, string>;
  };
}

/** The webhook names the app subscribes to, read from the app itself rather than a list kept beside it. */
function handledEvents(): string[] {
  const names: string[] = [];
  const fakeApp = {
    on: (name: string | string[]) => names.push(...[name].flat()),
    onAny: () => undefined,
    onError: () => undefined,
  };
  (createApp({} as AppDeps) as (app: unknown) => void)(fakeApp as unknown as Parameters<ApplicationFunction>[0]);
  return [...new Set(names.map((n) => n.split('.')[0]!))].sort();
}

describe('app.yml', () => {
  it('subscribes to exactly the events the app handles', async () => {
    expect([...(await manifest()).default_events].sort()).toEqual(handledEvents());
  });

  it('may update branches whose commits touch workflow files', async () => {
    expect((await manifest()).default_permissions.workflows).toBe('write');
  });
});
