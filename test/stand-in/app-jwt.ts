/** An app JWT as GitHub wants it (RS256, `iss` the app id, at most ten minutes), for calling the stand-in directly. */
import { createSign } from 'node:crypto';
import { testPrivateKey } from '../support/app-harness.js';

export function appJwt(appId: number, key = testPrivateKey()): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iat: now - 30, exp: now + 540, iss: appId })}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}
