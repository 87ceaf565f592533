/**
 * The workflow template users install is valid for GitHub Actions. Two validators:
 * - @actions/workflow-parser, GitHub's own workflow parser (the schema and expression checks the
 *   Actions service applies), always;
 * - actionlint v1.7.7, built from its Go module with the local toolchain into a cache directory
 *   (it adds type checks of expressions, `fromJSON` results and action inputs).
 * Each validator must reject a deliberately broken copy, so the test can fail.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { workflowState } from '../../../src/github/impact-workflow.js';

const pexec = promisify(execFile);
const TEMPLATE = new URL('../../../templates/gomod-impact.yml', import.meta.url);
const ACTIONLINT = 'github.com/rhysd/actionlint/cmd/actionlint@v1.7.7';
const CACHE = join(tmpdir(), 'gomod-steward-actionlint-v1.7.7');

let text: string;

/** The broken copies: each breaks something GitHub would refuse. */
const BROKEN = {
  'an unknown input type': (t: string) => t.replace('type: choice', 'type: chioce'),
  'a job without runs-on': (t: string) => t.replace('    runs-on: ubuntu-latest\n', ''),
};

beforeAll(async () => {
  text = await readFile(TEMPLATE, 'utf8');
});

async function parserErrors(content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: 'gomod-impact.yml', content }, new NoOperationTraceWriter());
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => e.message);
}

describe("templates/gomod-impact.yml, validated by @actions/workflow-parser (GitHub's workflow parser)", () => {
  it('parses without errors, with the dispatch inputs and the matrix job gomod-steward relies on', async () => {
    expect(await parserErrors(text)).toEqual([]);
    const parsed = parseWorkflow({ name: 'gomod-impact.yml', content: text }, new NoOperationTraceWriter());
    const wf = await convertWorkflowTemplate(parsed.context, parsed.value!);
    const inputs = wf.events['workflow_dispatch']?.inputs ?? {};
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['services', 'pr', 'correlation_id']));
    expect(inputs['services']).toMatchObject({ type: 'string', required: true });
    expect(wf.jobs.map((j) => j.id.value)).toEqual(['impact']);
  });

  it.each(Object.entries(BROKEN))('rejects a copy with %s', async (_what, breakIt) => {
    const broken = breakIt(text);
    expect(broken).not.toBe(text);
    expect((await parserErrors(broken)).length).toBeGreaterThan(0);
  });

  it('runs vet, race tests and build per service, with setup-go caching, GOWORK and the correlation id in run-name', () => {
    const doc = parse(text) as {
      'run-name': string;
      jobs: {
        impact: {
          name: string;
          strategy: { matrix: { service: string } };
          defaults: { run: { 'working-directory': string } };
          steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
        };
      };
    };
    expect(doc['run-name']).toContain('${{ inputs.correlation_id }}');
    const job = doc.jobs.impact;
    expect(job.strategy.matrix.service).toBe('${{ fromJSON(inputs.services) }}');
    expect(job.name).toBe('impact (${{ matrix.service }})');
    expect(job.defaults.run['working-directory']).toBe('${{ matrix.service }}');
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/^go vet \.\/\.\.\.$/m);
    expect(runs).toMatch(/^go test -race \.\/\.\.\.$/m);
    expect(runs).toMatch(/^go build \.\/\.\.\.$/m);
    expect(runs).toContain('GOWORK=$GITHUB_WORKSPACE/go.work');
    const setupGo = job.steps.find((s) => s.uses?.startsWith('actions/setup-go@'));
    expect(setupGo?.with?.['cache']).toBe(true);
    // What startImpact checks before dispatching.
    expect(workflowState(text)).toEqual({ kind: 'ok' });
  });
});

describe('templates/gomod-impact.yml, validated by actionlint v1.7.7 (built with go from its module)', () => {
  let actionlint: string;

  beforeAll(async () => {
    actionlint = join(CACHE, 'actionlint');
    if (!existsSync(actionlint)) {
      await mkdir(CACHE, { recursive: true });
      await pexec('go', ['install', ACTIONLINT], {
        env: { ...process.env, GOBIN: CACHE, GOFLAGS: '-mod=mod' },
        timeout: 300_000,
      });
    }
  }, 320_000);

  async function lint(content: string): Promise<{ code: number; out: string }> {
    const dir = join(CACHE, 'work');
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'gomod-impact.yml');
    await writeFile(file, content);
    try {
      const { stdout } = await pexec(actionlint, ['-no-color', '-shellcheck=', '-pyflakes=', file]);
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string };
      return { code: e.code ?? -1, out: e.stdout ?? '' };
    }
  }

  it('reports nothing', async () => {
    expect(await lint(text)).toEqual({ code: 0, out: '' });
  });

  it.each(Object.entries(BROKEN))('rejects a copy with %s', async (_what, breakIt) => {
    const r = await lint(breakIt(text));
    expect(r.code).toBe(1);
    expect(r.out).not.toBe('');
  });

  it('rejects a matrix built from an input the workflow does not declare', async () => {
    const r = await lint(text.replace('fromJSON(inputs.services)', 'fromJSON(inputs.service_list)'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/service_list/);
  });
});
