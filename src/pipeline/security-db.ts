/**
 * The vulnerability database a worker process reads: GOVULNDB from the app's environment (the
 * public database by default), one client per URL for the life of the process, so each check
 * costs one small request while the database is unchanged.
 */
import { advisoryFileUrl, createVulnDb, vulnDbUrl, type VulnDb, type VulnDbSnapshot } from '../gomod/vulndb/index.js';

const clients = new Map<string, VulnDb>();

export interface SecurityDb {
  snapshot: VulnDbSnapshot;
  advisoryUrl(id: string): string;
}

export async function securityDb(appEnv: Readonly<Record<string, string | undefined>>): Promise<SecurityDb> {
  const url = vulnDbUrl(appEnv);
  let db = clients.get(url);
  if (!db) {
    db = createVulnDb({ url });
    clients.set(url, db);
  }
  return { snapshot: await db.snapshot(), advisoryUrl: (id) => advisoryFileUrl(url, id) };
}
