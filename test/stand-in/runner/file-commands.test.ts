/** The GITHUB_ENV / GITHUB_OUTPUT / GITHUB_PATH file formats. */
import { describe, expect, it } from '@jest/globals';
import { FileCommandError, parseKeyValueFile, parsePathFile } from './file-commands.js';

describe('file commands', () => {
  it('reads NAME=value lines and NAME<<DELIMITER blocks, the last write winning', () => {
    const text = 'A=1\nB=x=y\nA=2\nC<<EOF\nline 1\n\nline 3\nEOF\nD=b<<c\r\nE=\n';
    expect([...parseKeyValueFile(text, 'GITHUB_ENV')]).toEqual([
      ['A', '2'],
      ['B', 'x=y'],
      ['C', 'line 1\n\nline 3'],
      ['D', 'b<<c'],
      ['E', ''],
    ]);
  });

  it('refuses a block without its closing line, and a line that is neither form', () => {
    expect(() => parseKeyValueFile('X<<END\nvalue\n', 'GITHUB_ENV')).toThrow(FileCommandError);
    expect(() => parseKeyValueFile('X<<END\nvalue\n', 'GITHUB_ENV')).toThrow(
      'unable to process the GITHUB_ENV file: "X<<END" has no closing "END" line',
    );
    expect(() => parseKeyValueFile('A=1\njust text\n', 'GITHUB_OUTPUT')).toThrow(
      'line 2 is neither NAME=value nor NAME<<DELIMITER',
    );
    expect(() => parseKeyValueFile('=value\n', 'GITHUB_ENV')).toThrow('"" is not a valid name');
  });

  it('reads one directory a line from GITHUB_PATH', () => {
    expect(parsePathFile('/a/bin\n\n  /b/bin  \n')).toEqual(['/a/bin', '/b/bin']);
  });
});
