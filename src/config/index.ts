/** The repository config: `.github/gomod-steward.yml`, its schema, defaults and what it decides. */
export {
  CONFIG_PATH,
  SCHEDULE_KEYWORDS,
  UPDATE_TYPES,
  configSchema,
  defaultConfig,
  rawConfigSchema,
  type GroupRule,
  type IgnoreRule,
  type ScheduleKeyword,
  type StewardConfig,
  type UpdateType,
} from './schema.js';
export { loadConfigFile, loadRepoConfig, parseConfig, type LoadedConfig } from './load.js';
export { ConfigError, ConfigReadError, formatIssue, type ConfigIssue } from './errors.js';
export { cronFor, jitteredCron, stableOffset, ScheduleError, type JitterOptions } from './schedule.js';
export { findIgnoreRule, isIgnored } from './ignore.js';
export { matchGlob } from './glob.js';
export { parseCron, type CronValues } from './cron.js';
export { configJsonSchema, configJsonSchemaText, CONFIG_SCHEMA_FILE } from './json-schema.js';
