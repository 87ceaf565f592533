/** A throw-away self-signed certificate for 127.0.0.1, made with openssl, for local https servers in tests. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const pexec = promisify(execFile);

export interface TestCert {
  key: string;
  cert: string;
  /** The certificate's file: SSL_CERT_FILE for go, NODE_EXTRA_CA_CERTS for node. */
  certFile: string;
}

export async function makeTestCert(dir: string): Promise<TestCert> {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await pexec('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile };
}
