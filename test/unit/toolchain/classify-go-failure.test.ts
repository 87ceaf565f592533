/**
 * Every stderr text below was produced by Go 1.26.8 on this machine by provoking the failure
 * (the command is noted beside each). Only the default module proxy's host is replaced by
 * PROXY, because files in this repository must not name it; the rest is verbatim.
 * test/integration/toolchain-classify.test.ts provokes the same failures live.
 */
import { describe, expect, it } from '@jest/globals';
import {
  GoChecksumMismatchError,
  GoCommandError,
  GoCompileError,
  GoModSyntaxInToolchainError,
  GoModuleNotFoundError,
  GoNetworkError,
  GoVersionTooNewError,
  classifyGoFailure,
} from '../../../src/toolchain/index.js';

const PROXY = 'https://module-proxy.test';

const SECURITY_TAIL = `
SECURITY ERROR
This download does NOT match an earlier download recorded in go.sum.
The bits may have been replaced on the origin server, or an attacker may
have intercepted the download attempt.

For more information, see 'go help module-auth'.
`;

type Case = {
  name: string;
  args: string[];
  stderr: string;
  type: abstract new (...a: never[]) => GoCommandError;
  fields?: Record<string, unknown>;
};

const cases: Case[] = [
  // --- module or version not found -------------------------------------------------------
  {
    name: 'a module the default proxy does not have (it answers 403 here)',
    args: ['get', 'github.com/gomod-steward-nonexistent/nothing-here@v1.2.3'],
    stderr: `go: github.com/gomod-steward-nonexistent/nothing-here@v1.2.3: reading ${PROXY}/github.com/gomod-steward-nonexistent/nothing-here/@v/v1.2.3.info: 403 Forbidden
\tserver response: This module version is not available.
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: 'github.com/gomod-steward-nonexistent/nothing-here', version: 'v1.2.3', httpStatus: 403 },
  },
  {
    name: 'an unknown commit of a real module',
    args: ['get', 'golang.org/x/sync@deadbeefcafe'],
    stderr: `go: golang.org/x/sync@deadbeefcafe: invalid version: reading ${PROXY}/golang.org/x/sync/@v/deadbeefcafe.info: 403 Forbidden
\tserver response: This module version is not available.
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: 'golang.org/x/sync', version: 'deadbeefcafe', httpStatus: 403 },
  },
  {
    name: '404 with unknown revision from a proxy (GOPROXY=http://127.0.0.1:18404, a stub answering 404)',
    args: ['get', 'golang.org/x/sync@v9.9.9'],
    stderr: `go: golang.org/x/sync@v9.9.9: reading http://127.0.0.1:18404/golang.org/x/sync/@v/v9.9.9.info: 404 Not Found
\tserver response: not found: golang.org/x/sync/@v/v9.9.9.info: invalid version: unknown revision v9.9.9
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: 'golang.org/x/sync', version: 'v9.9.9', httpStatus: 404 },
  },
  {
    name: '404 on the version list for @latest',
    args: ['get', 'golang.org/x/sync@latest'],
    stderr: `go: golang.org/x/sync@latest: module golang.org/x/sync: reading http://127.0.0.1:18404/golang.org/x/sync/@v/list: 404 Not Found
\tserver response: not found: golang.org/x/sync/@v/list: invalid version: unknown revision v9.9.9
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: 'golang.org/x/sync', version: 'latest', httpStatus: 404 },
  },
  {
    name: '404 for go list -m -versions',
    args: ['list', '-m', '-versions', 'golang.org/x/sync'],
    stderr: `go: module golang.org/x/sync: reading http://127.0.0.1:18404/golang.org/x/sync/@v/list: 404 Not Found
\tserver response: not found: golang.org/x/sync/@v/list: invalid version: unknown revision v9.9.9
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: 'golang.org/x/sync', version: undefined, httpStatus: 404 },
  },
  {
    name: '410 Gone',
    args: ['get', 'golang.org/x/sync@v9.9.9'],
    stderr: `go: golang.org/x/sync@v9.9.9: reading http://127.0.0.1:18410/golang.org/x/sync/@v/v9.9.9.info: 410 Gone
\tserver response: gone
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: 'golang.org/x/sync', version: 'v9.9.9', httpStatus: 410 },
  },
  {
    name: 'an import no module provides, looked up with -mod=mod (the proxy answers 400)',
    args: ['build', './...'],
    stderr: `go: finding module for package example.com/missing/pkg
ce.go:3:8: module example.com/missing/pkg: reading ${PROXY}/example.com/missing/pkg/@v/list: 400 Bad Request
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: 'example.com/missing/pkg', httpStatus: 400 },
  },
  {
    name: 'an import no required module provides (-mod=readonly)',
    args: ['build', './...'],
    stderr: `ce.go:3:8: no required module provides package example.com/missing/pkg; to add it:
\tgo get example.com/missing/pkg
`,
    type: GoModuleNotFoundError,
    fields: { modulePath: undefined, httpStatus: undefined },
  },
  {
    name: 'cannot find module providing package, lookup disabled',
    args: ['build', './...'],
    stderr: `cs.go:3:8: cannot find module providing package golang.org/x/sync/errgroup: import lookup disabled by -mod=readonly
`,
    type: GoModuleNotFoundError,
  },

  // --- network ----------------------------------------------------------------------------
  {
    name: 'connection refused (GOPROXY=http://127.0.0.1:1)',
    args: ['get', 'golang.org/x/sync@v0.99.0'],
    stderr: `go: golang.org/x/sync@v0.99.0: Get "http://127.0.0.1:1/golang.org/x/sync/@v/v0.99.0.info": dial tcp 127.0.0.1:1: connect: connection refused
`,
    type: GoNetworkError,
  },
  {
    name: 'an unknown proxy host',
    args: ['get', 'golang.org/x/sync@v0.10.0'],
    stderr: `go: golang.org/x/sync@v0.10.0: Get "http://nonexistent.invalid/golang.org/x/sync/@v/v0.10.0.info": dial tcp: lookup nonexistent.invalid on 10.255.255.53:53: no such host
`,
    type: GoNetworkError,
  },
  {
    name: 'GOPROXY=direct without network',
    args: ['get', 'golang.org/x/sync@v0.10.0'],
    stderr: `go: golang.org/x/sync@v0.10.0: unrecognized import path "golang.org/x/sync": https fetch: Get "https://golang.org/x/sync?go-get=1": dial tcp: lookup golang.org on 10.255.255.53:53: no such host
`,
    type: GoNetworkError,
  },
  {
    name: 'TLS: a certificate that does not verify',
    args: ['get', 'golang.org/x/sync@v9.9.9'],
    stderr: `go: golang.org/x/sync@v9.9.9: Get "https://127.0.0.1:18443/golang.org/x/sync/@v/v9.9.9.info": tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs
`,
    type: GoNetworkError,
  },
  {
    name: 'TLS: a proxy that never completes the handshake',
    args: ['get', 'golang.org/x/sync@v9.9.9'],
    stderr: `go: golang.org/x/sync@v9.9.9: Get "https://127.0.0.1:18555/golang.org/x/sync/@v/v9.9.9.info": net/http: TLS handshake timeout
`,
    type: GoNetworkError,
  },
  {
    name: 'TLS: https URL for a plain-HTTP server',
    args: ['get', 'golang.org/x/sync@v9.9.9'],
    stderr: `go: golang.org/x/sync@v9.9.9: Get "https://127.0.0.1:18200/golang.org/x/sync/@v/v9.9.9.info": http: server gave HTTP response to HTTPS client
`,
    type: GoNetworkError,
  },

  // --- checksum mismatch ------------------------------------------------------------------
  {
    name: 'go.sum holds a wrong zip hash (module in the cache)',
    args: ['build', './...'],
    stderr: `verifying golang.org/x/sync@v0.10.0: checksum mismatch
\tdownloaded: h1:3NQrjDixjgGwUOCaF8w2+VYHv0Ve/vGYSbdkTa98gmQ=
\tgo.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
${SECURITY_TAIL}`,
    type: GoChecksumMismatchError,
    fields: { modulePath: 'golang.org/x/sync', version: 'v0.10.0', goModOnly: false },
  },
  {
    name: 'go.sum holds a wrong zip hash (fresh download)',
    args: ['build', './...'],
    stderr: `go: downloading golang.org/x/sync v0.10.0
verifying golang.org/x/sync@v0.10.0: checksum mismatch
\tdownloaded: h1:3NQrjDixjgGwUOCaF8w2+VYHv0Ve/vGYSbdkTa98gmQ=
\tgo.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
${SECURITY_TAIL}`,
    type: GoChecksumMismatchError,
    fields: { modulePath: 'golang.org/x/sync', version: 'v0.10.0', goModOnly: false },
  },
  {
    name: 'go.sum holds a wrong go.mod hash',
    args: ['get', 'golang.org/x/sync@v0.10.0'],
    stderr: `verifying golang.org/x/sync@v0.10.0/go.mod: checksum mismatch
\tdownloaded: h1:Czt+wKu1gCyEFDUtn0jG5QVvpJ6rzVqr5aXyt9drQfk=
\tgo.sum:     h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=
${SECURITY_TAIL}`,
    type: GoChecksumMismatchError,
    fields: { modulePath: 'golang.org/x/sync', version: 'v0.10.0', goModOnly: true },
  },

  // --- a newer go than the toolchain ------------------------------------------------------
  {
    name: 'a replaced dependency with go 1.99 (go build)',
    args: ['build', './...'],
    stderr: `go: module ../dep requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)
`,
    type: GoVersionTooNewError,
    fields: { subject: 'module ../dep', required: '1.99', running: '1.26.8', goToolchain: 'local' },
  },
  {
    name: 'a replaced dependency with go 1.99 (go list -m all)',
    args: ['list', '-m', 'all'],
    stderr: `go: example.com/dep@v0.0.0: module ../dep requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)
`,
    type: GoVersionTooNewError,
    fields: { subject: 'module ../dep', required: '1.99', running: '1.26.8', goToolchain: 'local' },
  },
  {
    name: 'the main go.mod says go 1.99',
    args: ['build', './...'],
    stderr: `go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)
`,
    type: GoVersionTooNewError,
    fields: { subject: 'go.mod', required: '1.99', running: '1.26.8', goToolchain: 'local' },
  },
  {
    name: 'GOTOOLCHAIN=auto and a toolchain line the proxy cannot serve',
    args: ['build'],
    stderr: `go: downloading go1.99.1 (linux/amd64)
go: download go1.99.1: golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64: reading ${PROXY}/golang.org/toolchain/@v/v0.0.1-go1.99.1.linux-amd64.zip: 403 Forbidden
\tserver response: This module version is not available.
`,
    type: GoVersionTooNewError,
    fields: { subject: 'toolchain switch', required: '1.99.1', running: undefined },
  },

  // --- go.mod / go.work / go.sum that go rejects -----------------------------------------
  {
    name: 'an unknown directive and a bad require in go.mod',
    args: ['list', '-m', 'all'],
    stderr: `go: errors parsing go.mod:
go.mod:4: unknown directive: frobnicate
go.mod:6:2: usage: require module/path v1.2.3
`,
    type: GoModSyntaxInToolchainError,
    fields: { position: { file: 'go.mod', line: 4 } },
  },
  {
    name: 'an unterminated block',
    args: ['build', './...'],
    stderr: `go: errors parsing go.mod:
go.mod:7: syntax error (unterminated block started at /tmp/tcx/syn/go.mod:5:1)
`,
    type: GoModSyntaxInToolchainError,
    fields: { position: { file: 'go.mod', line: 7 } },
  },
  {
    name: 'an invalid version query in go.mod',
    args: ['mod', 'tidy'],
    stderr: `go: errors parsing go.mod:
go.mod:4: no matching versions for query "v1"
`,
    // Go names the go.mod line, but what is wrong is that no such version exists.
    type: GoModuleNotFoundError,
  },
  {
    name: "a dependency's go.mod, reported from the importing file",
    args: ['build', './...'],
    stderr: `main.go:3:8: module ../dep: parsing ../dep/go.mod: /tmp/tcx/vt/dep/go.mod:5: syntax error (unterminated block started at /tmp/tcx/vt/dep/go.mod:4:1)
`,
    type: GoModSyntaxInToolchainError,
    fields: { position: { file: '/tmp/tcx/vt/dep/go.mod', line: 5 } },
  },
  {
    name: 'go.work with an unknown directive',
    args: ['list', '-m'],
    stderr: `go: errors parsing go.work:
go.work:4: unknown directive: bogus
`,
    type: GoModSyntaxInToolchainError,
    fields: { position: { file: 'go.work', line: 4 } },
  },
  {
    name: 'a malformed go.sum',
    args: ['build', './...'],
    stderr: `malformed go.sum:
/tmp/tcx/cs/go.sum:3: wrong number of fields 2
`,
    type: GoModSyntaxInToolchainError,
    fields: { position: { file: '/tmp/tcx/cs/go.sum', line: 3 } },
  },

  // --- compile and vet --------------------------------------------------------------------
  {
    name: 'type errors',
    args: ['build', './...'],
    stderr: `# example.com/ce
./ce.go:4:9: cannot use "x" (untyped string constant) as int value in return statement
./ce.go:7:12: undefined: undefinedThing
`,
    type: GoCompileError,
    fields: {
      positions: [
        { file: './ce.go', line: 4, column: 9 },
        { file: './ce.go', line: 7, column: 12 },
      ],
    },
  },
  {
    name: 'a Go syntax error',
    args: ['build', './...'],
    stderr: `# example.com/ce
./ce.go:4:1: syntax error: unexpected EOF, expected }
`,
    type: GoCompileError,
    fields: { positions: [{ file: './ce.go', line: 4, column: 1 }] },
  },
  {
    name: 'a vet finding',
    args: ['vet', './...'],
    stderr: `ce.go:5:24: fmt.Printf format %d has arg "x" of wrong type string
`,
    type: GoCompileError,
    fields: { positions: [{ file: 'ce.go', line: 5, column: 24 }] },
  },

  // --- anything else ----------------------------------------------------------------------
  {
    name: 'no go.mod',
    args: ['mod', 'tidy'],
    stderr: `go: go.mod file not found in current directory or any parent directory; see 'go help modules'
`,
    type: GoCommandError,
  },
  {
    name: 'inconsistent vendoring',
    args: ['build', '-mod=vendor', './...'],
    stderr: `go: inconsistent vendoring in /tmp/tcx/cs:
\tgolang.org/x/sync@v0.10.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt

\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.
\tTo sync the vendor directory, run:
\t\tgo mod vendor
`,
    type: GoCommandError,
  },
  {
    name: 'GOPROXY=off',
    args: ['get', 'golang.org/x/sync@v0.10.0'],
    stderr: `go: golang.org/x/sync@v0.10.0: module lookup disabled by GOPROXY=off
`,
    type: GoCommandError,
  },
  {
    name: 'a relative GOWORK',
    args: ['env', 'GOWORK'],
    stderr: `go: invalid GOWORK: not an absolute path
`,
    type: GoCommandError,
  },
];

describe('classifyGoFailure on real Go output', () => {
  it.each(cases)('$name', ({ args, stderr, type, fields }) => {
    const err = classifyGoFailure(stderr, args, { dir: '/repo/mod', exitCode: 1 });
    expect(err).toBeInstanceOf(type);
    // The generic class is the fallback: a case expecting it must not be caught by a subclass.
    if (type === GoCommandError) expect(err.constructor).toBe(GoCommandError);
    expect(err).toMatchObject({ args, dir: '/repo/mod', exitCode: 1, stderr });
    if (fields) expect(err).toMatchObject(fields);
    // Go's own words are quoted, without its progress chatter.
    expect(err.goMessage).not.toBe('');
    expect(err.goMessage).not.toMatch(/^go: (downloading|finding module)/m);
    for (const line of err.goMessage.split('\n')) expect(stderr).toContain(line);
    expect(err.message).toContain(`go ${args.join(' ')}`);
    expect(err.message).toContain('/repo/mod');
  });

  it('quotes the whole checksum block, including SECURITY ERROR', () => {
    const checksum = cases.find((c) => c.type === GoChecksumMismatchError);
    const err = classifyGoFailure(checksum?.stderr ?? '', ['build']);
    expect(err.goMessage.split('\n')).toEqual([
      'verifying golang.org/x/sync@v0.10.0: checksum mismatch',
      '\tdownloaded: h1:3NQrjDixjgGwUOCaF8w2+VYHv0Ve/vGYSbdkTa98gmQ=',
      '\tgo.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      'SECURITY ERROR',
    ]);
  });

  it('keeps the server response line with a not-found answer', () => {
    const err = classifyGoFailure(cases[0]?.stderr ?? '', ['get']);
    expect(err.goMessage).toContain('\tserver response: This module version is not available.');
  });

  it('caps a long quote and says how much was left out', () => {
    const many = Array.from({ length: 100 }, (_, i) => `./a.go:${i + 1}:1: undefined: x${i}`).join('\n');
    const err = classifyGoFailure(many, ['build']);
    expect(err).toBeInstanceOf(GoCompileError);
    expect((err as GoCompileError).positions).toHaveLength(100);
    expect(err.goMessage).toMatch(/\.\.\. \(60 more lines\)$/);
  });

  it('reads module paths with upper case from an escaped proxy URL', () => {
    const err = classifyGoFailure(
      `foo: reading ${PROXY}/github.com/!burnt!sushi/toml/@v/v9.0.0.info: 404 Not Found\n`,
      ['get'],
    );
    expect(err).toMatchObject({ modulePath: 'github.com/BurntSushi/toml', version: 'v9.0.0' });
  });
});
