export { DASHBOARD_TITLE, DashboardStateError, readState, writeState } from './dashboard-state.js';
export {
  addRecorded,
  describeRule,
  mergeIgnoreRules,
  moduleRule,
  sameRule,
  toRule,
  versionRule,
} from './ignore-rules.js';
export {
  DashboardConflictError,
  ignoresReader,
  readIgnoreRecords,
  readIgnoreRecordsCached,
  readIgnores,
  rewriteDashboard,
  updateIgnores,
  type IgnoreStore,
  type IgnoreUpdate,
} from './ignore-store.js';
export type { DashboardState, RecordedIgnore } from './types.js';
