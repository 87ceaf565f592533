export { apply } from './apply.js';
export type { ApplyOptions, ApplyResult, FailedModule, GoCommandRecord } from './types.js';
