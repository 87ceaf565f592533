/**
 * The text of the `gomod-steward / impact` check run in each of its states. What a reviewer
 * reads on the PR's checks tab; it says what ran, what failed and what to do next.
 */
import type { ImpactResult } from '../pull-request/meta.js';
import { plural } from '../pull-request/markdown.js';
import { byAttention, cell, RESULT_TABLE_HEAD, resultRow } from './format.js';
import type { ImpactConclusion } from './results.js';

export const IMPACT_CHECK_NAME = 'gomod-steward / impact';
export const RERUN_COMMAND = '@gomod-steward rerun impact';
export const WORKFLOWS_DIR = '.github/workflows';

/** The Checks API cuts `output.summary` at 65,535 characters. */
const MAX_SUMMARY = 65_535;

export interface CheckOutput {
  title: string;
  summary: string;
}

export interface RunLink {
  url: string;
}

export function startedOutput(services: readonly string[], runs: readonly RunLink[] = []): CheckOutput {
  const list = services.map((s) => `- \`${cell(s)}\``);
  const runLines = runs.length
    ? ['', `Workflow ${runs.length === 1 ? 'run' : 'runs'}: ${runs.map((r, i) => `[${i + 1}](${r.url})`).join(', ')}`]
    : [];
  return fit({
    title: `Checking ${plural(services.length, 'affected service')}`,
    summary: [
      `The upgrade reaches these services; each runs \`go vet\`, \`go test -race\` and \`go build\`:`,
      '',
      ...list,
      ...runLines,
    ].join('\n'),
  });
}

export function completedOutput(
  results: readonly ImpactResult[],
  conclusion: ImpactConclusion,
  runs: readonly RunLink[] = [],
): CheckOutput {
  const count = (c: ImpactResult['conclusion']) => results.filter((r) => r.conclusion === c).length;
  const n = results.length;
  let title: string;
  let lead: string;
  switch (conclusion) {
    case 'success':
      title = `All ${plural(n, 'affected service')} passed`;
      lead = 'Every service the upgrade reaches passed `go vet`, `go test -race` and `go build`.';
      break;
    case 'failure':
      title = `${count('failure')} of ${plural(n, 'service')} failed`;
      lead = 'Some services the upgrade reaches failed; their logs are linked below.';
      break;
    case 'cancelled':
    case 'timed_out': {
      const unfinished = count('cancelled') + count('timed_out');
      const how = conclusion === 'cancelled' ? 'was cancelled' : 'timed out';
      title = `The impact run ${how}: ${unfinished} of ${plural(n, 'service')} did not finish`;
      lead = `The workflow run ${how} before every service finished, so the upgrade is not proven yet. Comment \`${RERUN_COMMAND}\` on the pull request to run the matrix again.`;
      break;
    }
    default:
      title = `No service was checked`;
      lead = 'Every job of the matrix was skipped.';
  }
  const runLine = runs.length
    ? `Workflow ${runs.length === 1 ? 'run' : 'runs'}: ${runs.map((r, i) => `[${i + 1}](${r.url})`).join(', ')}`
    : '';
  return fit({
    title,
    summary: [lead, '', ...RESULT_TABLE_HEAD, ...byAttention(results).map(resultRow), '', runLine].join('\n').trimEnd(),
  });
}

export function nothingAffectedOutput(affected: readonly string[]): CheckOutput {
  const detail = affected.length
    ? `The upgrade changes what ${plural(affected.length, 'module')} build (${affected.map((d) => `\`${cell(d)}\``).join(', ')}), none of them a service, so there is nothing to run.`
    : 'No module builds anything different after the upgrade, so there is nothing to run.';
  return { title: 'No service affected', summary: detail };
}

export function missingWorkflowOutput(workflow: string): CheckOutput {
  return {
    title: `No impact workflow: ${WORKFLOWS_DIR}/${workflow} is missing`,
    summary: [
      `gomod-steward runs the services an upgrade reaches through the workflow \`${WORKFLOWS_DIR}/${workflow}\`, and this repository does not have it.`,
      '',
      'To add it, run this at the repository root and commit the file to the default branch:',
      '',
      '```sh',
      'npx gomod-steward init-workflow .',
      '```',
      '',
      `Another file name works too: set \`impact.workflow\` in \`.github/gomod-steward.yml\`. Then comment \`${RERUN_COMMAND}\`.`,
    ].join('\n'),
  };
}

export function missingInputOutput(workflow: string, detail: string): CheckOutput {
  return {
    title: `${WORKFLOWS_DIR}/${workflow} cannot take the services to check`,
    summary: [
      `gomod-steward dispatches \`${WORKFLOWS_DIR}/${workflow}\` with the input \`services\` (a JSON array of module directories), but ${detail}.`,
      '',
      'Fix: declare the inputs under `on.workflow_dispatch.inputs` and build the matrix from them:',
      '',
      '```yaml',
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      services: { type: string, required: true }',
      '      pr: { type: string, required: false }',
      '      correlation_id: { type: string, required: false }',
      'run-name: gomod-steward impact ${{ inputs.correlation_id }}',
      '# …',
      '    strategy:',
      '      matrix:',
      '        service: ${{ fromJSON(inputs.services) }}',
      '```',
      '',
      `\`npx gomod-steward init-workflow . --force\` writes the complete template. Then comment \`${RERUN_COMMAND}\`.`,
    ].join('\n'),
  };
}

export function dispatchRejectedOutput(workflow: string, message: string): CheckOutput {
  return {
    title: `GitHub refused to start ${WORKFLOWS_DIR}/${workflow}`,
    summary: `GitHub answered: ${message.split('\n')[0]}\n\nOnce that is fixed, comment \`${RERUN_COMMAND}\`.`,
  };
}

export function interruptedOutput(message: string): CheckOutput {
  return {
    title: 'Interrupted while starting; starting again',
    summary: `GitHub answered \`${message.split('\n')[0]}\` part-way through starting the matrix. The app tries again shortly with a new \`gomod-steward / impact\` check; this one no longer counts.`,
  };
}

export function supersededOutput(newHeadSha: string, sameHead = false): CheckOutput {
  if (sameHead) {
    return {
      title: 'Superseded by a rerun',
      summary: `The impact matrix was started again on ${newHeadSha.slice(0, 7)} before this one finished; the newer check has the result.`,
    };
  }
  return {
    title: 'Superseded by a newer commit',
    summary: `The pull request moved on to ${newHeadSha.slice(0, 7)} before this matrix finished; the impact check runs again there, and this result no longer counts.`,
  };
}

function fit(o: CheckOutput): CheckOutput {
  if (o.summary.length <= MAX_SUMMARY) return o;
  const note = '\n\n(table truncated: the full list is in the workflow run)';
  const cut = o.summary.lastIndexOf('\n', MAX_SUMMARY - note.length);
  return { title: o.title, summary: o.summary.slice(0, cut) + note };
}
