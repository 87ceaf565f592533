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
