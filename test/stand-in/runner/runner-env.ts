/** The environment a step's process starts from. */

/** Names that suggest a credential: steps run repository code, which must not see them. */
const SECRET_NAME = /TOKEN|SECRET|PRIVATE_KEY|PASSWORD/i;

export function defaultBaseEnv(from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(from).filter(([name, value]) => value !== undefined && !SECRET_NAME.test(name)),
  );
}

export interface RunnerVars {
  workspace: string;
  runnerTemp: string;
  workflowName: string;
  jobId: string;
  envFile: string;
  outputFile: string;
  pathFile: string;
}

/** Variables every GitHub-hosted step sees; the files are fresh for each step. */
export function runnerVars(v: RunnerVars): Record<string, string> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_WORKFLOW: v.workflowName,
    GITHUB_JOB: v.jobId,
    GITHUB_WORKSPACE: v.workspace,
    GITHUB_ENV: v.envFile,
    GITHUB_OUTPUT: v.outputFile,
    GITHUB_PATH: v.pathFile,
    RUNNER_TEMP: v.runnerTemp,
  };
}
