/**
 * The stand-in's Actions runner against the real impact template and the real Go toolchain on
 * a copy of the example monorepo, then small inline workflows for the runner's own rules.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkDispatchInputs,
  defaultBaseEnv,
  parseWorkflow,
  runWorkflow,
  WorkflowError,
  type RunnerJob,
  type WorkflowRunResult,
} from './actions-runner.js';
import { downloadWorkspaceModules } from '../support/go-cli.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/commerce-platform', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../../templates/gomod-impact.yml', import.meta.url));

/** The module cache is warmed first (beforeAll); refusing the network keeps the results about this checkout alone. */
const GO_ENV = { ...defaultBaseEnv(), GOPROXY: 'off', GOTOOLCHAIN: 'local' };

/** With a cold build cache the race-enabled build of the first service alone took 100 s here. */
const COLD_GO_MS = 300_000;

const made: string[] = [];
beforeAll(() => downloadWorkspaceModules(EXAMPLE), COLD_GO_MS);
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

async function exampleCopy(): Promise<string> {
  const dir = await tempDir('stand-in-checkout-');
  await cp(EXAMPLE, dir, { recursive: true });
  return dir;
}

async function template() {
  return parseWorkflow(await readFile(TEMPLATE, 'utf8'), '.github/workflows/gomod-impact.yml');
}

function steps(job: RunnerJob | undefined): Record<string, string> {
  return Object.fromEntries((job?.steps ?? []).map((s) => [s.name, s.conclusion]));
}

function job(result: WorkflowRunResult, name: string): RunnerJob {
  const found = result.jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job "${name}" in ${JSON.stringify(result.jobs.map((j) => j.name))}`);
  return found;
}

/** A process is gone when signalling it fails or only its zombie is left (PID 1 in a container may not reap). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 20; i += 1) {
    try {
      process.kill(pid, 0);
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (/^\d+ \(.*\) Z/.test(stat)) return true;
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await run();
  } finally {
    process.stdout.write(`${what}: ${((Date.now() - start) / 1000).toFixed(1)}s\n`);
  }
}

describe('the impact template on a copy of examples/commerce-platform', () => {
  it(
    'runs go vet, go test -race and go build for one service in a job named after it',
    async () => {
      const workspace = await exampleCopy();
      const result = await timed('template, one service', async () =>
        runWorkflow({
          workflow: await template(),
          workspace,
          inputs: { services: '["services/order-service"]', pr: '12', correlation_id: 'c0ffee' },
          env: GO_ENV,
        }),
      );

      expect(result.runName).toBe('gomod-steward impact c0ffee (PR 12)');
      expect(result.conclusion).toBe('success');
      expect(result.jobs.map((j) => j.name)).toEqual(['impact (services/order-service)']);
      const only = result.jobs[0] as RunnerJob;
      expect(only.conclusion).toBe('success');
      expect(only.matrix).toEqual({ service: 'services/order-service' });
      expect(steps(only)).toEqual({
        'Set up job': 'success',
        'Run actions/checkout@v4': 'success',
        'Run actions/setup-go@v5': 'success',
        'Use go.work as the repository does': 'success',
        'go vet': 'success',
        'go test -race': 'success',
        'go build': 'success',
        'Complete job': 'success',
      });
      expect(only.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      // go test's own report lines: the packages with tests really ran.
      expect(only.log).toMatch(/ok\s+example\.com\/commerce\/services\/order-service\/internal\/grpcapi/);
      expect(only.log).toMatch(/ok\s+example\.com\/commerce\/services\/order-service\/internal\/httpapi/);
      expect(only.log).toMatch(/Using the Go on PATH: go1\.\d+/);
      // The repository has a go.work and gowork defaults to auto: the step wrote it to GITHUB_ENV.
      expect(only.log).toContain(`GOWORK: ${workspace}/go.work`);
      expect(Date.parse(only.completedAt)).toBeGreaterThanOrEqual(Date.parse(only.startedAt));
    },
    COLD_GO_MS,
  );

  it(
    'fails only the service with a compile error, skipping its later steps, when fail-fast is off',
    async () => {
      const workspace = await exampleCopy();
      await writeFile(
        join(workspace, 'services/payment-service/internal/payments/broken.go'),
        'package payments\n\nfunc broken() int { return "not an int" }\n',
      );
      const result = await timed('template, two services, one broken', async () =>
        runWorkflow({
          workflow: await template(),
          workspace,
          inputs: { services: '["services/order-service","services/payment-service"]', correlation_id: 'beef' },
          env: GO_ENV,
        }),
      );

      expect(result.runName).toBe('gomod-steward impact beef (PR )');
      expect(result.conclusion).toBe('failure');
      const broken = job(result, 'impact (services/payment-service)');
      expect(broken.conclusion).toBe('failure');
      expect(steps(broken)).toMatchObject({ 'go vet': 'failure', 'go test -race': 'skipped', 'go build': 'skipped' });
      expect(broken.log).toContain('broken.go');
      expect(broken.log).toContain('##[error]Process completed with exit code 1.');
      const healthy = job(result, 'impact (services/order-service)');
      expect(healthy.conclusion).toBe('success');
      expect(steps(healthy)).toMatchObject({ 'go vet': 'success', 'go test -race': 'success', 'go build': 'success' });
    },
    COLD_GO_MS,
  );

  it(
    'builds the module alone when gowork is "off"',
    async () => {
      const workspace = await exampleCopy();
      const result = await timed('template, gowork off', async () =>
        runWorkflow({
          workflow: await template(),
          workspace,
          inputs: { services: '["libs/xconfig"]', gowork: 'off' },
          env: GO_ENV,
        }),
      );
      const only = job(result, 'impact (libs/xconfig)');
      expect(only.conclusion).toBe('success');
      expect(only.log).toContain('GOWORK: off');
      expect(only.log).toMatch(/ok\s+example\.com\/commerce\/libs\/xconfig/);
    },
    COLD_GO_MS,
  );

  it('fails setup-go when go-version-file does not exist', async () => {
    const workspace = await exampleCopy();
    const result = await runWorkflow({
      workflow: await template(),
      workspace,
      inputs: { services: '["services/no-such-service"]' },
      env: GO_ENV,
    });
    const only = job(result, 'impact (services/no-such-service)');
    expect(only.conclusion).toBe('failure');
    expect(steps(only)).toMatchObject({ 'Run actions/setup-go@v5': 'failure', 'go vet': 'skipped' });
    expect(only.log).toContain('services/no-such-service/go.mod does not exist');
  });
});

describe('checkDispatchInputs on the impact template', () => {
  it('applies defaults and gives absent optional inputs an empty value', async () => {
    expect(checkDispatchInputs(await template(), { services: '["a"]' })).toEqual({
      services: '["a"]',
      pr: '',
      correlation_id: '',
      gowork: 'auto',
    });
  });

  it('refuses a dispatch without the required input', async () => {
    const wf = await template();
    expect(() => checkDispatchInputs(wf, { pr: '1' })).toThrow(WorkflowError);
    expect(() => checkDispatchInputs(wf, { pr: '1' })).toThrow('required input "services" not provided');
    expect(() => checkDispatchInputs(wf, { services: '' })).toThrow('required input "services" not provided');
  });

  it('refuses inputs the workflow does not declare', async () => {
    const wf = await template();
    expect(() => checkDispatchInputs(wf, { services: '[]', nope: 'x', other: 'y' })).toThrow(
      'unexpected inputs provided: "nope", "other"',
    );
  });

  it('refuses a choice that is not among the options', async () => {
    const wf = await template();
    expect(() => checkDispatchInputs(wf, { services: '[]', gowork: 'maybe' })).toThrow(
      'input "gowork": "maybe" is not one of the options "auto", "off"',
    );
    expect(checkDispatchInputs(wf, { services: '[]', gowork: 'off' }).gowork).toBe('off');
  });

  it('refuses a workflow without a workflow_dispatch trigger, and a bad boolean', () => {
    const push = parseWorkflow('on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: "true" }]\n', 'push.yml');
    expect(() => checkDispatchInputs(push, {})).toThrow('push.yml: the workflow has no workflow_dispatch trigger');
    const flags = parseWorkflow(
      'on:\n  workflow_dispatch:\n    inputs:\n      dry:\n        type: boolean\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: "true" }]\n',
      'flags.yml',
    );
    expect(checkDispatchInputs(flags, {})).toEqual({ dry: 'false' });
    expect(() => checkDispatchInputs(flags, { dry: 'yes' })).toThrow('"yes" is not a boolean');
  });
});

/** A dispatchable workflow around the given jobs (indented as under `jobs:`). */
function inline(jobs: string, inputs = ''): string {
  return `name: inline\non:\n  workflow_dispatch:\n${inputs ? `    inputs:\n${inputs}` : ''}jobs:\n${jobs}`;
}

async function runInline(
  text: string,
  options: { inputs?: Record<string, string>; concurrency?: number; signal?: AbortSignal } = {},
) {
  const workspace = await tempDir('stand-in-inline-');
  const started: string[] = [];
  const result = await runWorkflow({
    workflow: parseWorkflow(text, 'inline.yml'),
    workspace,
    inputs: options.inputs ?? {},
    env: defaultBaseEnv(),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onJobStarted: (j) => started.push(j.name),
  });
  return { result, workspace, started };
}

describe('inline workflows', () => {
  it('hands GITHUB_ENV values (plain and multi-line) and GITHUB_PATH entries to later steps', async () => {
    const { result } = await runInline(
      inline(`  env-flow:
    runs-on: ubuntu-latest
    env:
      LEVEL: job
    steps:
      - name: write
        run: |
          echo "FIRST=one" >> "$GITHUB_ENV"
          printf 'NOTES<<END\\nline a\\nline b\\nEND\\n' >> "$GITHUB_ENV"
          echo "LEVEL=from-file" >> "$GITHUB_ENV"
          mkdir -p "$RUNNER_TEMP/bin" && printf '#!/bin/sh\\necho tool-ran\\n' > "$RUNNER_TEMP/bin/my-tool" && chmod +x "$RUNNER_TEMP/bin/my-tool"
          echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
          echo "same step sees FIRST=[\${FIRST:-}]"
      - name: read
        env:
          FROM_EXPR: \${{ env.FIRST }}-\${{ env.LEVEL }}
        run: |
          echo "later step sees FIRST=[$FIRST] FROM_EXPR=[$FROM_EXPR] LEVEL=[$LEVEL]"
          echo "notes: $(echo "$NOTES" | tr '\\n' '|')"
          my-tool
      - name: step env wins
        env:
          LEVEL: step
        run: echo "level is $LEVEL; CI=$CI GITHUB_ACTIONS=$GITHUB_ACTIONS event=$GITHUB_EVENT_NAME"
`),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(only.conclusion).toBe('success');
    expect(only.log).toContain('same step sees FIRST=[]');
    expect(only.log).toContain('later step sees FIRST=[one] FROM_EXPR=[one-from-file] LEVEL=[from-file]');
    expect(only.log).toContain('notes: line a|line b|');
    expect(only.log).toContain('tool-ran');
    expect(only.log).toContain('level is step; CI=true GITHUB_ACTIONS=true event=workflow_dispatch');
  });

  it('fails a step whose GITHUB_ENV block is never closed', async () => {
    const { result } = await runInline(
      inline(`  bad-env:
    runs-on: x
    steps:
      - run: printf 'X<<EOF\\nno end\\n' >> "$GITHUB_ENV"
      - run: echo never
`),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(only.conclusion).toBe('failure');
    expect(only.steps.map((s) => s.conclusion)).toEqual(['success', 'failure', 'skipped', 'success']);
    expect(only.log).toContain('"X<<EOF" has no closing "EOF" line');
  });

  it('runs if: always() and failure() steps after a failure, and skips the default success()', async () => {
    const { result } = await runInline(
      inline(`  conditions:
    runs-on: x
    steps:
      - name: breaks
        run: exit 3
      - name: default
        run: echo should-not-run
      - name: on success
        if: success()
        run: echo should-not-run
      - name: on failure
        if: \${{ failure() }}
        run: echo failure-step-ran
      - name: always
        if: always()
        run: echo always-step-ran
      - name: false condition
        if: always() && env.NOT_SET == 'x'
        run: echo should-not-run
      - name: no status function
        if: env.NOT_SET == ''
        run: echo should-not-run
`),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(result.conclusion).toBe('failure');
    expect(only.conclusion).toBe('failure');
    expect(steps(only)).toMatchObject({
      breaks: 'failure',
      default: 'skipped',
      'on success': 'skipped',
      'on failure': 'success',
      always: 'success',
      'false condition': 'skipped',
      // A condition without a status function means success() && (...).
      'no status function': 'skipped',
    });
    expect(only.log).toContain('##[error]Process completed with exit code 3.');
    expect(only.log).toContain('failure-step-ran');
    expect(only.log).toContain('always-step-ran');
    expect(only.log).not.toMatch(/^\S+ should-not-run$/m);
  });

  it('runs a step without a shell as bash -e and one with shell: bash with pipefail, in its working directory', async () => {
    const { result, workspace } = await runInline(
      inline(`  shells:
    runs-on: x
    defaults:
      run:
        working-directory: sub
    steps:
      - name: make dirs
        working-directory: .
        run: mkdir -p sub/deeper
      - name: plain
        run: |
          false | true
          echo "plain in $(pwd)"
      - name: deeper
        working-directory: sub/deeper
        run: echo "deeper in $(pwd), workspace \${{ github.workspace }} = $GITHUB_WORKSPACE"
      - name: pipefail
        shell: bash
        run: |
          false | true
          echo unreachable
`),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(steps(only)).toMatchObject({
      'make dirs': 'success',
      plain: 'success',
      deeper: 'success',
      pipefail: 'failure',
    });
    expect(only.log).toContain(`plain in ${workspace}/sub`);
    expect(only.log).toContain(`deeper in ${workspace}/sub/deeper, workspace ${workspace} = ${workspace}`);
    expect(only.log).toContain('shell: bash -e {0}');
    expect(only.log).toContain('shell: bash --noprofile --norc -eo pipefail {0}');
    expect(only.log).not.toMatch(/^\S+ unreachable$/m);
  });

  it('fails a step whose working directory does not exist', async () => {
    const { result } = await runInline(
      inline(`  nowhere:\n    runs-on: x\n    steps:\n      - working-directory: missing\n        run: echo hi\n`),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(only.conclusion).toBe('failure');
    expect(only.log).toMatch(/The working directory \S+\/missing does not exist/);
  });

  it('with fail-fast on by default, a failing job cancels the running one and the ones not started', async () => {
    const start = Date.now();
    const { result, started } = await runInline(
      inline(`  matrix-job:
    runs-on: x
    strategy:
      matrix:
        n: [1, 2, 3, 4]
    steps:
      - name: work
        run: |
          # Long enough for job 2's step to be running when the cancellation comes.
          if [ "\${{ matrix.n }}" = 1 ]; then sleep 0.5; exit 1; fi
          sleep 20
`),
      { concurrency: 2 },
    );
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(result.conclusion).toBe('failure');
    expect(result.jobs.map((j) => [j.name, j.conclusion])).toEqual([
      ['matrix-job (1)', 'failure'],
      ['matrix-job (2)', 'cancelled'],
      ['matrix-job (3)', 'cancelled'],
      ['matrix-job (4)', 'cancelled'],
    ]);
    expect(started).toEqual(['matrix-job (1)', 'matrix-job (2)']);
    expect(steps(result.jobs[1])).toMatchObject({ work: 'cancelled' });
    expect(result.jobs[1]?.log).toContain('##[error]The operation was canceled.');
    expect(result.jobs[2]?.steps).toEqual([]);
  });

  it('kills the step at timeout-minutes and everything it started, fails the job, and still runs always()', async () => {
    const start = Date.now();
    const { result, workspace } = await runInline(
      inline(`  slow:
    runs-on: x
    timeout-minutes: 0.02
    steps:
      - name: sleeps
        run: |
          # A background child that ignores SIGTERM: the runner must still get rid of it.
          bash -c 'trap "" TERM; sleep 30' &
          echo $! > child.pid
          trap '' TERM
          sleep 10
      - name: after
        run: echo should-not-run
      - name: cleanup
        if: always()
        run: echo cleanup-ran
`),
    );
    expect(Date.now() - start).toBeLessThan(6_000);
    const only = result.jobs[0] as RunnerJob;
    expect(result.conclusion).toBe('failure');
    expect(only.conclusion).toBe('failure');
    expect(only.timedOut).toBe(true);
    expect(steps(only)).toMatchObject({ sleeps: 'failure', after: 'skipped', cleanup: 'success' });
    expect(only.log).toContain('has exceeded the maximum execution time of 0.02 minutes');
    expect(only.log).toContain('cleanup-ran');
    const pid = Number(await readFile(join(workspace, 'child.pid'), 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(await gone(pid)).toBe(true);
  });

  it('fails a step at its own timeout-minutes without cancelling the job', async () => {
    const { result } = await runInline(
      inline(`  step-timeout:
    runs-on: x
    steps:
      - name: slow
        timeout-minutes: 0.01
        run: sleep 5
      - name: on failure
        if: failure()
        run: echo handled
`),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(only.timedOut).toBe(false);
    expect(only.conclusion).toBe('failure');
    expect(steps(only)).toMatchObject({ slow: 'failure', 'on failure': 'success' });
    expect(only.log).toContain('The step has timed out after 0.01 minutes.');
  });

  it('fails a step using an action the stand-in does not have', async () => {
    const { result } = await runInline(
      inline(`  actions:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
      - uses: actions/cache@v4
        with:
          path: ~/go
      - run: echo should-not-run
`),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(only.conclusion).toBe('failure');
    expect(steps(only)).toMatchObject({
      'Run actions/checkout@v4': 'success',
      'Run actions/cache@v4': 'failure',
      'Run echo should-not-run': 'skipped',
    });
    expect(only.log).toContain('##[error]action actions/cache@v4 is not supported by the stand-in runner');
  });

  it('runs at most `concurrency` jobs at once and names jobs as GitHub does', async () => {
    let now = 0;
    let most = 0;
    const workspace = await tempDir('stand-in-inline-');
    const result = await runWorkflow({
      workflow: parseWorkflow(
        inline(
          `  named:
    name: Build
    runs-on: x
    strategy:
      fail-fast: false
      matrix:
        os: [linux, darwin]
        v: \${{ fromJSON(inputs.versions) }}
    steps:
      - run: sleep 0.3
  unnamed:
    runs-on: x
    steps:
      - env:
          LIST: \${{ toJSON(fromJSON(inputs.versions)) }}
        run: echo "got:$LIST"
`,
          `      versions:\n        type: string\n        default: '["1.22", "1.23"]'\n`,
        ),
        'inline.yml',
      ),
      workspace,
      inputs: {},
      concurrency: 3,
      onJobStarted: () => {
        now += 1;
        most = Math.max(most, now);
      },
      onJobCompleted: (j) => {
        if (j.steps.length > 0) now -= 1;
      },
    });
    expect(result.conclusion).toBe('success');
    expect(result.runName).toBe('inline');
    expect(result.jobs.map((j) => j.name)).toEqual([
      'Build (linux, 1.22)',
      'Build (linux, 1.23)',
      'Build (darwin, 1.22)',
      'Build (darwin, 1.23)',
      'unnamed',
    ]);
    expect(most).toBe(3);
    // toJSON pretty-prints, as GitHub's does.
    expect(result.jobs[4]?.log).toMatch(/got:\[\n\S+ {3}"1\.22",\n\S+ {3}"1\.23"\n\S+ \]\n/);
  });

  it('keeps to max-parallel within a matrix', async () => {
    let now = 0;
    let most = 0;
    const workspace = await tempDir('stand-in-inline-');
    const result = await runWorkflow({
      workflow: parseWorkflow(
        inline(
          `  m:\n    runs-on: x\n    strategy:\n      max-parallel: 1\n      matrix:\n        n: [1, 2, 3]\n    steps:\n      - run: sleep 0.1\n`,
        ),
        'inline.yml',
      ),
      workspace,
      inputs: {},
      concurrency: 3,
      onJobStarted: () => {
        now += 1;
        most = Math.max(most, now);
      },
      onJobCompleted: () => {
        now -= 1;
      },
    });
    expect(result.jobs.map((j) => j.conclusion)).toEqual(['success', 'success', 'success']);
    expect(most).toBe(1);
  });

  it('starts steps from this process environment without anything named like a credential', async () => {
    process.env.STAND_IN_TEST_TOKEN = 'hidden-value';
    process.env.STAND_IN_TEST_VISIBLE = 'shown-value';
    try {
      const workspace = await tempDir('stand-in-inline-');
      const result = await runWorkflow({
        workflow: parseWorkflow(
          inline(
            `  e:\n    runs-on: x\n    steps:\n      - run: echo "token=[\${STAND_IN_TEST_TOKEN:-}] visible=[$STAND_IN_TEST_VISIBLE]"\n`,
          ),
          'inline.yml',
        ),
        workspace,
        inputs: {},
      });
      expect(result.jobs[0]?.log).toContain('token=[] visible=[shown-value]');
    } finally {
      delete process.env.STAND_IN_TEST_TOKEN;
      delete process.env.STAND_IN_TEST_VISIBLE;
    }
  });

  it('fails a job whose env does not evaluate at set-up, running none of its steps', async () => {
    const { result } = await runInline(
      inline(
        `  bad:\n    runs-on: x\n    env:\n      LIST: \${{ fromJSON(inputs.raw) }}\n    steps:\n      - run: touch ran\n`,
        `      raw:\n        default: '{oops'\n`,
      ),
    );
    const only = result.jobs[0] as RunnerJob;
    expect(only.conclusion).toBe('failure');
    expect(only.steps.map((s) => [s.name, s.conclusion])).toEqual([
      ['Set up job', 'failure'],
      ['Run touch ran', 'skipped'],
    ]);
    expect(only.log).toContain('fromJSON could not parse "{oops"');
  });

  it('cancels the run when the caller aborts', async () => {
    const controller = new AbortController();
    const workspace = await tempDir('stand-in-inline-');
    const start = Date.now();
    const result = await runWorkflow({
      workflow: parseWorkflow(
        inline(
          `  long:\n    runs-on: x\n    strategy:\n      matrix:\n        n: [1, 2, 3]\n    steps:\n      - run: sleep 20\n`,
        ),
        'inline.yml',
      ),
      workspace,
      inputs: {},
      concurrency: 1,
      signal: controller.signal,
      onJobStarted: () => setTimeout(() => controller.abort(), 200),
    });
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(result.conclusion).toBe('cancelled');
    expect(result.jobs.map((j) => j.conclusion)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(steps(result.jobs[0])).toMatchObject({ 'Run sleep 20': 'cancelled' });
  });

  it('fails the run without jobs when the matrix does not evaluate', async () => {
    const text = inline(
      `  m:\n    runs-on: x\n    strategy:\n      matrix:\n        s: \${{ fromJSON(inputs.services) }}\n    steps:\n      - run: "true"\n`,
      `      services:\n        required: true\n`,
    );
    const empty = await runInline(text, { inputs: { services: '[]' } });
    expect(empty.result).toMatchObject({ conclusion: 'failure', jobs: [] });
    expect(empty.result.error).toContain('"s" does not contain any values');
    const invalid = await runInline(text, { inputs: { services: 'not json' } });
    expect(invalid.result.error).toContain('fromJSON could not parse "not json"');
  });

  it('rejects the dispatch (before running anything) when inputs are wrong', async () => {
    const text = inline(
      `  m:\n    runs-on: x\n    steps:\n      - run: touch ran\n`,
      `      services:\n        required: true\n`,
    );
    const workspace = await tempDir('stand-in-inline-');
    await expect(runWorkflow({ workflow: parseWorkflow(text, 'inline.yml'), workspace, inputs: {} })).rejects.toThrow(
      WorkflowError,
    );
    await expect(readFile(join(workspace, 'ran'))).rejects.toThrow();
  });
});

describe('parseWorkflow refusals', () => {
  const job = (step: string) =>
    `on: workflow_dispatch\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${step}\n`;

  it('refuses an unknown context or function, naming the expression and the line', () => {
    expect(() => parseWorkflow(job('echo ${{ steps.build.outputs.x }}'), 'w.yml')).toThrow(WorkflowError);
    expect(() => parseWorkflow(job('echo ${{ steps.build.outputs.x }}'), 'w.yml')).toThrow(
      'w.yml:6: jobs.a.steps[0].run: the "steps" context is not supported by the stand-in runner in expression "steps.build.outputs.x"',
    );
    expect(() => parseWorkflow(job('echo ${{ nonsense.x }}'), 'w.yml')).toThrow(
      'unknown context "nonsense" in expression "nonsense.x"',
    );
    expect(() => parseWorkflow(job("echo ${{ hashFiles('go.sum') }}"), 'w.yml')).toThrow(
      'unknown function "hashfiles"',
    );
    expect(() => parseWorkflow(job('echo ${{ github.token }}'), 'w.yml')).toThrow(
      'github.token is not provided by the stand-in runner',
    );
  });

  it('refuses a context where GitHub does not offer it, and status functions outside if', () => {
    expect(() => parseWorkflow(`run-name: \${{ matrix.x }}\n${job('"true"')}`, 'w.yml')).toThrow(
      'run-name: the "matrix" context is not available here',
    );
    expect(() => parseWorkflow(job('echo ${{ always() }}'), 'w.yml')).toThrow(
      'always() is only allowed in a step\'s "if"',
    );
  });

  it('refuses matrix include and exclude, unsupported keys and shells', () => {
    const matrix = (extra: string) =>
      `on: workflow_dispatch\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        s: [1]\n        ${extra}\n    steps:\n      - run: "true"\n`;
    expect(() => parseWorkflow(matrix('include: [{ s: 2 }]'), 'w.yml')).toThrow(
      'w.yml:8: jobs.a.strategy.matrix.include: matrix include is not supported by the stand-in runner',
    );
    expect(() => parseWorkflow(matrix('exclude: [{ s: 1 }]'), 'w.yml')).toThrow('matrix exclude is not supported');
    expect(() => parseWorkflow(job('"true"').replace('runs-on: x', 'runs-on: x\n    needs: b'), 'w.yml')).toThrow(
      'jobs.a.needs: the key is not supported by the stand-in runner',
    );
    expect(() => parseWorkflow(job('"true"').replace('- run', '- shell: pwsh\n        run'), 'w.yml')).toThrow(
      'shell "pwsh" is not supported',
    );
    expect(() => parseWorkflow(job('"true"').replace('    runs-on: x\n', ''), 'w.yml')).toThrow(
      'jobs.a: runs-on is required',
    );
  });

  it('refuses invalid YAML and a choice default outside its options', () => {
    expect(() => parseWorkflow('on: [workflow_dispatch\njobs: {}\n', 'w.yml')).toThrow(/^w\.yml:\d+: invalid YAML/);
    const choice =
      'on:\n  workflow_dispatch:\n    inputs:\n      mode:\n        type: choice\n        options: [a, b]\n        default: c\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: "true" }]\n';
    expect(() => parseWorkflow(choice, 'w.yml')).toThrow(
      'w.yml:7: on.workflow_dispatch.inputs.mode.default: "c" is not one of the options "a", "b"',
    );
  });
});
