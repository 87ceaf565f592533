/** The security PR merges by `security.automerge`; every other PR by `impact.automerge`. */
import { describe, expect, it } from '@jest/globals';
import { defaultConfig } from '../../../src/config/schema.js';
import { automergeAllowed, automergePolicy } from '../../../src/impact/automerge.js';

const minor = [{ kind: 'minor' as const, to: 'v1.11.0', dirs: [{ dir: '.', from: 'v1.10.0' }] }];

describe('automerge policy per PR', () => {
  it('reads security.automerge for the security group only', () => {
    const config = { ...defaultConfig(), security: { ...defaultConfig().security, automerge: 'minor' as const } };
    expect(automergeAllowed(automergePolicy(config, 'security'), minor)).toBe(true);
    expect(automergeAllowed(automergePolicy(config, 'all'), minor)).toBe(false);
    expect(automergeAllowed(automergePolicy(defaultConfig(), 'security'), minor)).toBe(false);
  });
});

describe('a moved replace pin', () => {
  it('is never merged automatically, however small its step', () => {
    const pin = [{ kind: 'replace' as const, to: 'v1.0.1', dirs: [{ dir: '.', from: 'v1.0.0' }] }];
    expect(automergeAllowed({ automerge: 'minor', automergeV0: true }, pin)).toBe(false);
    expect(automergeAllowed({ automerge: 'minor', automergeV0: true }, minor)).toBe(true);
  });
});
