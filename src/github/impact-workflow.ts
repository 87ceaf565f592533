/**
 * Reads the impact workflow from the repository at the PR head to tell "not installed" and
 * "installed but cannot take our inputs" apart before dispatching, so the check can say which
 * fix applies instead of relaying GitHub's terse 404/422.
 */
import { parse } from 'yaml';
import { httpStatus, type GitHubClient } from './app-auth.js';

export type ImpactWorkflowState = { kind: 'ok' } | { kind: 'missing' } | { kind: 'unusable'; detail: string };

export async function readImpactWorkflow(
  octokit: GitHubClient,
  at: { owner: string; repo: string; ref: string; workflow: string },
): Promise<ImpactWorkflowState> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({
      owner: at.owner,
      repo: at.repo,
      path: `.github/workflows/${at.workflow}`,
      ref: at.ref,
    }));
  } catch (err) {
    if (httpStatus(err) === 404) return { kind: 'missing' };
    throw err;
  }
  const file = data as { type?: unknown; encoding?: unknown; content?: unknown };
  if (file.type !== 'file' || file.encoding !== 'base64' || typeof file.content !== 'string')
    return { kind: 'missing' };
  return workflowState(Buffer.from(file.content, 'base64').toString('utf8'));
}

/** Pure: whether a workflow's text declares a `workflow_dispatch` trigger with a `services` input. */
export function workflowState(text: string): ImpactWorkflowState {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return { kind: 'unusable', detail: `the file is not valid YAML (${(err as Error).message.split('\n')[0]})` };
  }
  const on = isRecord(doc) ? doc['on'] : undefined;
  const hasDispatch =
    on === 'workflow_dispatch' ||
    (Array.isArray(on) && on.includes('workflow_dispatch')) ||
    (isRecord(on) && 'workflow_dispatch' in on);
  if (!hasDispatch) return { kind: 'unusable', detail: 'it has no `workflow_dispatch` trigger' };
  const dispatch = isRecord(on) ? on['workflow_dispatch'] : undefined;
  const inputs = isRecord(dispatch) ? dispatch['inputs'] : undefined;
  if (!isRecord(inputs) || !('services' in inputs))
    return { kind: 'unusable', detail: 'its `workflow_dispatch` trigger declares no `services` input' };
  return { kind: 'ok' };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
