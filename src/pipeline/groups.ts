/**
 * Which pull request each update goes to. Config groups collect the updates whose module matches
 * one of their patterns (first group wins); the rest share the default group. A major update is
 * a decision of its own, so it gets a PR of its own.
 */
import type { GroupRule } from '../config/defaults.js';
import { matchGlob } from '../config/glob.js';
import type { PlanUpdate } from '../planner/plan-schema.js';
import { DEFAULT_GROUP } from '../pull-request/branch.js';

export interface UpdateGroup {
  name: string;
  updates: PlanUpdate[];
}

/** A group name fit for a branch name segment. */
export function majorGroupName(module: string): string {
  return `major-${module
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')}`;
}

export function groupUpdatesIntoPulls(updates: readonly PlanUpdate[], rules: readonly GroupRule[]): UpdateGroup[] {
  const groups = new Map<string, PlanUpdate[]>();
  const add = (name: string, u: PlanUpdate) => groups.set(name, [...(groups.get(name) ?? []), u]);
  for (const u of updates) {
    if (u.kind === 'major') add(majorGroupName(u.module), u);
    else add(rules.find((r) => r.patterns.some((p) => matchGlob(p, u.module)))?.name ?? DEFAULT_GROUP, u);
  }
  return [...groups].map(([name, list]) => ({ name, updates: list }));
}
