/** The default `services` of examples/commerce-platform: the modules with a main package, as `go list` sees them. */
import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { modulesWithMainPackage } from '../../../src/impact/main-packages.js';
import { selectServices } from '../../../src/impact/services.js';
import { resolveGoEnv } from '../../../src/toolchain/index.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/commerce-platform', import.meta.url));

describe('modulesWithMainPackage', () => {
  it('finds the services of the example and none of its libraries', async () => {
    // GOFLAGS=-mod=mod keeps `go list` from needing a vendor dir or network: -e lists packages regardless.
    const env = await resolveGoEnv({ appEnv: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' } });
    const dirs = [
      'libs/xredis',
      'libs/xconfig',
      'services/order-service',
      'services/payment-service',
      'services/inventory-service',
    ];
    const mains = await modulesWithMainPackage(EXAMPLE, dirs, { env });
    expect([...mains].sort()).toEqual([
      'services/inventory-service',
      'services/order-service',
      'services/payment-service',
    ]);
    expect(selectServices(dirs, null, (d) => mains.has(d))).toEqual([...mains].sort());
  });
});
