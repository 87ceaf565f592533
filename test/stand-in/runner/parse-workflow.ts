/**
 * Reads a workflow file into the runner's model. Anything GitHub would refuse, and anything the
 * stand-in cannot honour faithfully, is a WorkflowError naming the key path and line.
 */
import { readDispatch } from './dispatch-inputs.js';
import { AT, readDefaults, readJob } from './parse-job.js';
import type { Workflow } from './workflow-types.js';
import { YamlReader } from './yaml-reader.js';

export function parseWorkflow(text: string, file: string): Workflow {
  const r = new YamlReader(text, file);
  const top = r.map(r.root, []);
  r.keys(top, [], ['name', 'run-name', 'on', 'env', 'defaults', 'jobs'], ['permissions']);
  if (top.on === undefined) r.fail([], '"on" is required');
  const jobs = r.map(top.jobs, ['jobs']);
  if (Object.keys(jobs).length === 0) r.fail(['jobs'], 'a workflow needs at least one job');
  const dispatch = readDispatch(r, top.on, ['on']);
  return {
    file,
    name: top.name === undefined ? file : r.string(top.name, ['name']),
    ...(top['run-name'] === undefined ? {} : { runName: r.template(top['run-name'], ['run-name'], AT.workflow) }),
    ...(dispatch ? { dispatch } : {}),
    env: r.templates(top.env, ['env'], AT.workflow),
    defaults: readDefaults(r, top.defaults, ['defaults'], AT.workflow),
    jobs: Object.entries(jobs).map(([id, job]) => readJob(r, id, job, ['jobs', id])),
  };
}
