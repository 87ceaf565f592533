import { describe, expect, it } from '@jest/globals';
import { SecretInEnvironmentError, assertNoSecrets, redactSecrets } from '../../../src/toolchain/index.js';

const pem = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('assertNoSecrets', () => {
  const env = { PATH: '/usr/bin', GOFLAGS: '-mod=mod', GOPROXY: 'https://proxy.corp.test' };

  it('accepts an environment without the secrets', () => {
    expect(() => assertNoSecrets(env, ['whsec-0123456789', pem, undefined])).not.toThrow();
  });

  it('names the variable that holds a secret, never the secret', () => {
    const secret = 'ghs_abcdefghijklmnop';
    let caught: unknown;
    try {
      assertNoSecrets({ ...env, GOFLAGS: `-ldflags=-X=main.t=${secret}` }, [secret]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SecretInEnvironmentError);
    expect((caught as SecretInEnvironmentError).variable).toBe('GOFLAGS');
    expect((caught as Error).message).not.toContain(secret);
  });

  it('catches one line of a PEM key, a URL-encoded secret and a secret used as a name', () => {
    const line = pem.split('\n')[2] ?? '';
    expect(() => assertNoSecrets({ ...env, GOFLAGS: line }, [pem])).toThrow(SecretInEnvironmentError);
    const secret = 'p@ss/word:with&chars';
    const url = `https://user:${encodeURIComponent(secret)}@proxy.corp.test`;
    expect(() => assertNoSecrets({ ...env, GOPROXY: url }, [secret])).toThrow(SecretInEnvironmentError);
    expect(() => assertNoSecrets({ ...env, ['X' + secret]: '1' }, [secret])).toThrow(SecretInEnvironmentError);
  });

  it('ignores secrets too short to tell from ordinary text', () => {
    expect(() => assertNoSecrets(env, ['mod', '', '   '])).not.toThrow();
  });
});

describe('redactSecrets', () => {
  it('hides secrets and URL credentials', () => {
    const out = redactSecrets('token ghs_abcdefghijklmnop via https://bot:hunter2hunter2@proxy.corp.test/x', [
      'ghs_abcdefghijklmnop',
    ]);
    expect(out).toBe('token *** via https://***@proxy.corp.test/x');
  });
});
