/** The security PR carries the config's labels and `security.labels`; every other PR the config's labels. */
import type { StewardConfig } from '../config/defaults.js';
import { SECURITY_GROUP } from '../pull-request/branch.js';

export function securityLabels(config: StewardConfig, group: string): StewardConfig {
  if (group !== SECURITY_GROUP) return config;
  return { ...config, labels: [...new Set([...config.labels, ...config.security.labels])] };
}
