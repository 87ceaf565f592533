/**
 * The files a step writes to talk to the runner: GITHUB_ENV and GITHUB_OUTPUT hold `NAME=value`
 * lines and `NAME<<DELIMITER` blocks, GITHUB_PATH one directory a line. A malformed file fails
 * the step, as on GitHub.
 */
export class FileCommandError extends Error {
  override readonly name = 'FileCommandError';
  constructor(file: string, message: string) {
    super(`unable to process the ${file} file: ${message}`);
  }
}

const NAME = /^[^=<\s][^=]*$/;

/** `which` names the file in messages (GITHUB_ENV, GITHUB_OUTPUT). */
export function parseKeyValueFile(text: string, which: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    // "<<" before any "=" starts a block; "A=b<<c" is a plain value.
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const name = heredoc[1] as string;
      const delimiter = heredoc[2] as string;
      const body: string[] = [];
      let closed = false;
      for (i += 1; i < lines.length; i += 1) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[i] as string);
      }
      if (!closed) throw new FileCommandError(which, `"${name}<<${delimiter}" has no closing "${delimiter}" line`);
      out.set(checkName(name, which), body.join('\n'));
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new FileCommandError(which, `line ${i + 1} is neither NAME=value nor NAME<<DELIMITER`);
    out.set(checkName(line.slice(0, eq), which), line.slice(eq + 1));
  }
  return out;
}

function checkName(name: string, which: string): string {
  if (!NAME.test(name)) throw new FileCommandError(which, `"${name}" is not a valid name`);
  return name;
}

/** Directories from GITHUB_PATH, in the order they were added. */
export function parsePathFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
