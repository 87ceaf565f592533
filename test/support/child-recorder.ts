/**
 * Records every `go` and `git` a process starts: wrappers first on its PATH write each child's
 * argv and environment to a file, then run the real command. A test then looks for secrets in
 * what every child received.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ChildRecord {
  command: 'go' | 'git';
  argv: string[];
  env: Record<string, string>;
}

export interface ChildRecorder {
  /** Put first on the PATH of the process under test. */
  bin: string;
  records(): Promise<ChildRecord[]>;
}

export async function startChildRecorder(dir: string): Promise<ChildRecorder> {
  const bin = join(dir, 'bin');
  const out = join(dir, 'records');
  await mkdir(bin, { recursive: true });
  await mkdir(out, { recursive: true });
  for (const command of ['go', 'git'] as const) {
    const real = execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
    const script = [
      '#!/bin/sh',
      `f="${out}/${command}-$$-$(date +%s%N)"`,
      `printf '%s\\0' "$@" > "$f.argv"`,
      `env -0 > "$f.env"`,
      `exec "${real}" "$@"`,
      '',
    ].join('\n');
    await writeFile(join(bin, command), script);
    await chmod(join(bin, command), 0o755);
  }
  return {
    bin,
    async records() {
      const names = (await readdir(out)).filter((n) => n.endsWith('.argv'));
      return Promise.all(
        names.map(async (n) => {
          const base = join(out, n.slice(0, -'.argv'.length));
          const argv = (await readFile(`${base}.argv`, 'utf8')).split('\0').slice(0, -1);
          const env = Object.fromEntries(
            (await readFile(`${base}.env`, 'utf8').catch(() => ''))
              .split('\0')
              .filter(Boolean)
              .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
          );
          return { command: n.startsWith('go-') ? 'go' : 'git', argv, env } as ChildRecord;
        }),
      );
    },
  };
}

/** Every form a secret could take in a child's environment or arguments. */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  if (secret.includes('\n')) {
    for (const line of secret.split('\n')) if (line.length >= 16 && !line.startsWith('-----')) forms.add(line.trim());
  }
  return [...forms];
}
