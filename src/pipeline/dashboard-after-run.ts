/**
 * After every plan run (and after a failed one), the repository's dashboard issue is rewritten in
 * place from what the run read and decided: the engine's half (held back, drift) from
 * dashboard/report.ts, and what only GitHub knows (open bot PRs and their impact, declined
 * versions, the open-PR limit). Best effort where it must be: a dashboard that cannot be written
 * never fails the run it describes; a state block someone broke by hand is left alone.
 */
import type { Logger } from 'probot';
import type { ConfigError } from '../config/index.js';
import type { StewardConfig } from '../config/defaults.js';
import { dashboardReport } from '../dashboard/report.js';
import { renderDashboardBody } from '../dashboard/render.js';
import type { VersionDrift } from '../dashboard/drift.js';
import type { DashboardView, OpenPullRow, PendingGroup } from '../dashboard/view.js';
import type { ModuleSource } from '../gomod/types.js';
import type { GitHubClient } from '../github/app-auth.js';
import { DashboardStateError } from '../ignores/dashboard-state.js';
import { rewriteDashboard } from '../ignores/ignore-store.js';
import type { FailedRun } from '../ignores/types.js';
import type { Plan, PlanUpdate } from '../planner/plan-schema.js';
import { listOpenBotPulls, withMeta } from '../pull-request/bot-pull.js';
import { branchName } from '../pull-request/branch.js';
import type { ImpactMeta } from '../pull-request/meta.js';
import type { RepoRef } from '../repo-ref.js';
import type { RepoTree } from '../workspace/tree.js';
import type { StageDeps } from './deps.js';
import type { UpdateGroup } from './groups.js';

/** What one plan run saw and did, filled in as it goes. */
export interface RunRecord {
  startedAt: number;
  config?: StewardConfig;
  configError?: ConfigError;
  base?: string;
  tree?: RepoTree;
  source?: ModuleSource;
  plan?: Plan;
  groups?: UpdateGroup[];
  /** Groups this run queued an apply job for. */
  queued?: string[];
  declined?: PlanUpdate[];
  /** One sentence for "Last run". */
  summary?: string;
}

const EMPTY_DRIFT: VersionDrift = { dirs: [], rows: [], lines: [] };

export async function writeDashboardAfterRun(
  deps: Pick<StageDeps, 'redis' | 'prefix' | 'appSlug'>,
  github: GitHubClient,
  ref: RepoRef,
  record: RunRecord,
  log: Logger,
  failure?: FailedRun,
): Promise<void> {
  if (record.config && !record.config.dashboard) return;
  try {
    const view = await buildView(github, ref, record);
    const store = { github, redis: deps.redis, prefix: deps.prefix, appSlug: await deps.appSlug() };
    const r = await rewriteDashboard(store, ref, (state) => {
      const next = failure ? { ...state, lastFailure: failure } : state;
      const problems = next.lastFailure
        ? [...view.problems, `The last failed run, ${next.lastFailure.at}: ${next.lastFailure.reason}`]
        : view.problems;
      return renderDashboardBody({ ...view, problems }, next);
    });
    log.info({ issue: r.issueNumber, created: r.created, changed: r.changed }, 'dashboard written');
  } catch (err) {
    if (err instanceof DashboardStateError) {
      log.warn({ err: { message: err.message } }, 'dashboard state block is broken: dashboard not rewritten');
      return;
    }
    log.warn({ err: { message: (err as Error).message } }, 'dashboard could not be written');
  }
}

async function buildView(github: GitHubClient, ref: RepoRef, r: RunRecord): Promise<DashboardView> {
  const problems = (r.configError?.issues ?? []).map(
    (i) => `\`${i.file}:${i.line}\`: ${i.field ? `${i.field}: ` : ''}${i.message}`,
  );
  const report =
    r.plan && r.tree && r.source && r.config
      ? await dashboardReport({ tree: r.tree, root: '.', config: r.config, source: r.source }, r.plan)
      : undefined;
  const open = r.base ? (await listOpenBotPulls(github, ref.owner, ref.repo, r.base)).map((p) => withMeta(p)) : [];
  const openBranches = new Set(open.map((p) => p.headRef));
  const openPulls: OpenPullRow[] = open.map((p) => ({
    number: p.number,
    group: p.meta?.group ?? '?',
    updates: p.meta?.updates.length ?? 0,
    impact: impactWords(p.meta?.impact),
  }));
  const limit = r.config?.openPullRequestsLimit ?? Infinity;
  const pending: PendingGroup[] = (r.groups ?? [])
    .filter((g) => !r.base || !openBranches.has(branchName(r.base, g.name)))
    .map((g) => ({
      group: g.name,
      updates: g.updates.map((u) => ({ module: u.module, to: u.to, kind: u.kind })),
      waiting:
        open.length >= limit
          ? 'open-pull-requests-limit reached'
          : r.queued?.includes(g.name)
            ? 'queued by this run'
            : 'waiting for the schedule',
    }));
  return {
    openPulls,
    pending,
    heldBack: report?.heldBack ?? { held: [], goLines: [], problems: [] },
    declined: (r.declined ?? []).map((u) => ({ module: u.module, version: u.to })),
    drift: report?.drift ?? EMPTY_DRIFT,
    problems,
    lastRun: {
      at: new Date(r.startedAt).toISOString(),
      durationMs: Date.now() - r.startedAt,
      summary: r.summary ?? 'failed',
    },
  };
}

function impactWords(impact: ImpactMeta | undefined): string {
  if (!impact) return 'not started';
  if (impact.status !== 'completed') return 'running';
  const results = impact.results ?? [];
  const failed = results.filter((x) => x.conclusion === 'failure' || x.conclusion === 'timed_out').length;
  if (impact.conclusion === 'success') return 'green';
  return failed ? `${failed} of ${results.length} failed` : (impact.conclusion ?? 'completed');
}
