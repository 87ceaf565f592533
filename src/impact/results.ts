/**
 * A finished workflow run's jobs as per-service results, and the verdict over all of them.
 */
import type { ImpactMeta, ImpactResult } from '../pull-request/meta.js';
import { serviceOfJob } from './job-names.js';

/** The fields of a job (`GET …/actions/runs/{id}/jobs`) the table needs. */
export interface RunJob {
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  html_url: string | null;
}

export type ImpactConclusion = NonNullable<ImpactMeta['conclusion']>;

/**
 * One result per service of `services` (the batch the run was dispatched with), in that order.
 * A service whose job never ran (the run was cancelled before it started, or failed to start)
 * takes the run's own conclusion.
 */
export function resultsFromJobs(
  services: readonly string[],
  jobs: readonly RunJob[],
  runConclusion: string | null,
): ImpactResult[] {
  const wanted = new Set(services);
  const byService = new Map<string, RunJob>();
  for (const job of jobs) {
    const service = serviceOfJob(job.name, wanted);
    if (service !== undefined) byService.set(service, job);
  }
  return services.map((service) => {
    const job = byService.get(service);
    if (!job) return { service, conclusion: missingJobConclusion(runConclusion) };
    const durationMs = job.completed_at ? Date.parse(job.completed_at) - Date.parse(job.started_at) : NaN;
    return {
      service,
      conclusion: jobConclusion(job),
      ...(Number.isFinite(durationMs) && durationMs >= 0 ? { durationMs } : {}),
      ...(job.html_url ? { url: job.html_url } : {}),
    };
  });
}

function jobConclusion(job: RunJob): ImpactResult['conclusion'] {
  if (job.status !== 'completed') return 'pending';
  switch (job.conclusion) {
    case 'success':
    case 'neutral':
      return 'success';
    case 'cancelled':
      return 'cancelled';
    case 'skipped':
      return 'skipped';
    case 'timed_out':
      return 'timed_out';
    default:
      return 'failure';
  }
}

function missingJobConclusion(run: string | null): ImpactResult['conclusion'] {
  if (run === 'cancelled') return 'cancelled';
  if (run === 'timed_out') return 'timed_out';
  if (run === 'success' || run === 'skipped') return 'skipped';
  return 'failure';
}

/** undefined while a service is still pending. A failure outweighs a timeout, a timeout a cancellation. */
export function overallConclusion(results: readonly ImpactResult[]): ImpactConclusion | undefined {
  if (results.some((r) => r.conclusion === 'pending')) return undefined;
  if (results.some((r) => r.conclusion === 'failure')) return 'failure';
  if (results.some((r) => r.conclusion === 'timed_out')) return 'timed_out';
  if (results.some((r) => r.conclusion === 'cancelled')) return 'cancelled';
  if (results.length > 0 && results.every((r) => r.conclusion === 'skipped')) return 'neutral';
  return 'success';
}

/** Results merged by service: the newer one wins. */
export function mergeResults(previous: readonly ImpactResult[], next: readonly ImpactResult[]): ImpactResult[] {
  const by = new Map(previous.map((r) => [r.service, r]));
  for (const r of next) by.set(r.service, r);
  return [...by.values()];
}
