export { affectedVersion, affectingEntries, firstFixedAbove, isWithdrawn, rangeContains, withV } from './affects.js';
export {
  advisoryFileUrl,
  createVulnDb,
  DEFAULT_GOVULNDB,
  vulnDbUrl,
  type VulnDb,
  type VulnDbOptions,
  type VulnDbSnapshot,
} from './client.js';
export { VulnDbError } from './errors.js';
export { fileTransport, transportFor, type VulnDbTransport } from './transport.js';
// Types only: the schemas (zod) load when the client has a body to check, not with this index.
export type { DbMeta, ModulesIndex, OsvAffected, OsvEntry, OsvRange, RangeEvent } from './schema.js';
export { findVulnerable, type VulnerableModule } from './find-vulnerable.js';
