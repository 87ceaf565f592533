/**
 * Builds the x/mod oracle (test/oracles/xmod) into a temporary directory and asks it questions
 * in one batch: one JSON request per line in, one JSON answer per line out.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { goEnv, runGo } from './go-command.js';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

export interface OracleRequest {
  op: string;
  args: string[];
}

export interface OracleAnswer {
  result: unknown;
  error?: string;
}

export interface XmodOracle {
  ask(requests: OracleRequest[]): Promise<OracleAnswer[]>;
  close(): Promise<void>;
}

export async function buildXmodOracle(): Promise<XmodOracle> {
  const dir = await mkdtemp(join(tmpdir(), 'xmod-oracle-'));
  const bin = join(dir, 'xmod');
  await runGo(['build', '-o', bin, '.'], join(here, 'xmod'));
  return {
    async ask(requests) {
      const child = exec(bin, [], { env: goEnv(), maxBuffer: 64 << 20 });
      child.child.stdin?.end(requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const { stdout } = await child;
      const answers = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as OracleAnswer);
      if (answers.length !== requests.length)
        throw new Error(`oracle answered ${answers.length} of ${requests.length}`);
      return answers;
    },
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
