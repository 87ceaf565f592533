/**
 * What GitHub Actions does with a `workflow_dispatch` on a stand-in repository: the dispatch is
 * refused (422) when the workflow or its inputs would be, otherwise a run is queued, the
 * dispatched commit is checked out in a temporary directory, the runner executes the workflow's
 * steps for real, the run's jobs are recorded as they start and finish, and the app hears of
 * the end through a signed `workflow_run` webhook.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflow, checkDispatchInputs, runWorkflow, WorkflowError, type RunnerJob } from './actions-runner.js';
import { runCompleted } from './events.js';
import type { FakeRepo } from './fake-repo.js';
import type { FakeRun } from './repo-actions.js';
import type { StandIn } from './stand-in.js';

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export class WorkflowExecutor {
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly gh: StandIn) {}

  /** Makes dispatches on `repo` run. */
  attach(repo: FakeRepo): void {
    repo.runner = (d) => {
      const file = `.github/workflows/${d.workflow}`;
      let workflow;
      try {
        workflow = parseWorkflow(d.text, file);
        checkDispatchInputs(workflow, d.inputs);
      } catch (err) {
        if (err instanceof WorkflowError) return err.message;
        throw err;
      }
      const run: FakeRun = {
        id: d.runId,
        workflow: d.workflow,
        displayTitle: workflow.name,
        name: workflow.name,
        ref: d.ref,
        headSha: d.sha,
        inputs: d.inputs,
        status: 'queued',
        conclusion: null,
        createdAt: now(),
        updatedAt: now(),
        jobs: [],
        cancelRequested: false,
      };
      repo.actions.runs.push(run);
      const p = this.execute(repo, run, workflow).finally(() => this.running.delete(p));
      this.running.add(p);
      return undefined;
    };
  }

  /** Runs under way. */
  get busy(): number {
    return this.running.size;
  }

  /** Waits for every run under way (and its webhook). */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  /** Cancels runs under way and waits for them. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.drain();
  }

  private async execute(repo: FakeRepo, run: FakeRun, workflow: ReturnType<typeof parseWorkflow>): Promise<void> {
    const workspace = await mkdtemp(join(tmpdir(), 'standin-run-'));
    const cancel = new AbortController();
    const poll = setInterval(() => run.cancelRequested && cancel.abort(), 200);
    // A run that could not start its jobs shows why as one failed job, as GitHub's set-up does.
    const failSetup = (log: string) =>
      run.jobs.push({
        id: repo.actions.newJobId(),
        name: 'Set up run',
        status: 'completed',
        conclusion: 'failure',
        startedAt: now(),
        completedAt: now(),
        steps: [],
        log,
      });
    try {
      await checkout(repo.store.dir, run.headSha, workspace);
      run.status = 'in_progress';
      run.updatedAt = now();
      const result = await runWorkflow({
        workflow,
        workspace,
        inputs: run.inputs,
        signal: AbortSignal.any([cancel.signal, this.abort.signal]),
        onJobStarted: (j) => {
          run.jobs.push({
            id: repo.actions.newJobId(),
            name: j.name,
            status: 'in_progress',
            conclusion: null,
            startedAt: now(),
            completedAt: null,
            steps: [],
            log: '',
          });
        },
        onJobCompleted: (j) => this.recordJob(repo, run, j),
      });
      run.displayTitle = result.runName;
      run.conclusion = result.conclusion;
      if (result.error) failSetup(result.error);
    } catch (err) {
      run.conclusion = 'failure';
      failSetup(String((err as Error).message));
    } finally {
      clearInterval(poll);
      await rm(workspace, { recursive: true, force: true });
    }
    run.status = 'completed';
    run.updatedAt = now();
    if (!this.abort.signal.aborted) await runCompleted(this.gh, repo, run);
  }

  private recordJob(repo: FakeRepo, run: FakeRun, j: RunnerJob): void {
    let job = run.jobs.find((x) => x.name === j.name && x.status !== 'completed');
    if (!job) {
      job = {
        id: repo.actions.newJobId(),
        name: j.name,
        status: 'in_progress',
        conclusion: null,
        startedAt: j.startedAt,
        completedAt: null,
        steps: [],
        log: '',
      };
      run.jobs.push(job);
    }
    Object.assign(job, {
      status: 'completed',
      conclusion: j.conclusion,
      startedAt: j.startedAt,
      completedAt: j.completedAt,
      steps: j.steps,
      log: j.log,
    });
  }
}

/** The files of `sha` in `dir`, as actions/checkout leaves them (without history). */
function checkout(gitDir: string, sha: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', ['--git-dir', gitDir, 'archive', '--format=tar', sha], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tar = spawn('tar', ['-x', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(tar.stdin);
    let err = '';
    archive.stderr.on('data', (d: Buffer) => (err += d.toString()));
    tar.stderr.on('data', (d: Buffer) => (err += d.toString()));
    tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`checkout of ${sha} failed: ${err}`))));
  });
}
