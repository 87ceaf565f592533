/**
 * The demo's running commentary: each stage as it happens, read from what a user could watch —
 * the app's own log lines and the repository's workflow jobs — so a cold run of several minutes
 * is never silent.
 */
import type { FakeRepo } from '../test/stand-in/fake-repo.js';

type Say = (line: string) => void;

interface LogLine {
  msg?: string;
  queue?: string;
  files?: number;
  failed?: number;
  updates?: number;
  applyJobs?: string[];
  pr?: number;
  impact?: string;
}

/** What a log line says to someone watching the demo; undefined for lines that are not a stage. */
export function describeStage(l: LogLine): string | undefined {
  switch (l.msg) {
    case 'apply queued':
      return `plan: updates due, ${l.applyJobs?.length ?? 0} pull request group(s) to apply (shallow clone, go get, go mod tidy)`;
    case 'nothing due':
      return 'plan: nothing due';
    case 'apply finished':
      return `apply: ${l.updates ?? 0} update(s), ${l.files ?? 0} file(s) changed${l.failed ? `, ${l.failed} module(s) failed` : ''}`;
    case 'PR opened':
      return `publish: pull request #${l.pr} opened`;
    case 'PR brought up to date':
      return `publish: pull request #${l.pr} brought up to date`;
    case 'impact matrix started':
      return `impact: matrix dispatched for #${l.pr} (${l.impact ?? 'started'})`;
    default:
      return undefined;
  }
}

export function watchProgress(log: () => Promise<string>, repo: FakeRepo, say: Say): { stop(): void } {
  let linesSeen = 0;
  const jobsSeen = new Set<number>();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const lines = (await log()).split('\n');
      for (const raw of lines.slice(linesSeen, lines.length - 1)) {
        let parsed: LogLine | undefined;
        try {
          parsed = JSON.parse(raw) as LogLine;
        } catch {
          parsed = undefined;
        }
        const line = parsed && describeStage(parsed);
        if (line) say(line);
      }
      linesSeen = Math.max(linesSeen, lines.length - 1);
      for (const run of repo.actions.runs)
        for (const job of run.jobs)
          if (job.status === 'completed' && !jobsSeen.has(job.id)) {
            jobsSeen.add(job.id);
            say(`impact: ${job.name} → ${job.conclusion ?? 'unknown'}`);
          }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), 500);
  return {
    stop: () => {
      clearInterval(timer);
      void tick();
    },
  };
}
