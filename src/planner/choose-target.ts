/**
 * Walks Go's own upgrade candidates for one requirement of one module, best first, and keeps the
 * first that policy allows: update types, ignore rules, and the go-directive guard (a version is
 * passed over when adopting it would make `go get` raise the module's `go` line).
 */
import type { StewardConfig } from '../config/schema.js';
import { isIgnored } from '../config/ignore.js';
import { compareGoVersions } from '../gomod/go-version.js';
import { parseGoMod } from '../gomod/modfile/index.js';
import { simulateGet } from '../gomod/mvs/index.js';
import type { MainModule, ModuleSource } from '../gomod/types.js';
import type { UpdateKind } from './types.js';
import { updateKind } from './update-kind.js';

/** Go's default for a go.mod without a go line. */
const DEFAULT_GO = '1.16';
/** Candidates walked before giving up: the newest few are what matters, and each may cost a fetch. */
const MAX_WALK = 40;

export type Rejection =
  | { reason: 'update-type'; version: string; kind: UpdateKind }
  | { reason: 'ignored'; version: string; kind: UpdateKind }
  | { reason: 'needs-newer-go'; version: string; needs: string; via?: string };

export interface Choice {
  version: string | null;
  /** Why better candidates were passed over, best first. */
  rejected: Rejection[];
}

export interface ChooseInput {
  main: MainModule;
  path: string;
  from: string;
  /** Go's candidates, best first (from upgradeCandidates). */
  candidates: string[];
  config: StewardConfig;
  source: ModuleSource;
}

async function declaredGo(source: ModuleSource, path: string, version: string): Promise<string | null> {
  const text = await source.mod(path, version);
  return parseGoMod(`${path}@${version}/go.mod`, text, { lax: true }).go;
}

export async function chooseTarget(input: ChooseInput): Promise<Choice> {
  const { main, path, from, config, source } = input;
  const rejected: Rejection[] = [];
  const ownGo = main.goMod.go ?? DEFAULT_GO;
  for (const version of input.candidates.slice(0, MAX_WALK)) {
    const kind = updateKind(from, version);
    if (!config.updateTypes.includes(kind)) {
      rejected.push({ reason: 'update-type', version, kind });
      continue;
    }
    if (isIgnored(config.ignore, path, kind, version)) {
      rejected.push({ reason: 'ignored', version, kind });
      continue;
    }
    if (config.goDirective === 'keep') {
      // The candidate's own go line is the cheap, common reason; the simulated graph catches
      // what it would bring along.
      const direct = await declaredGo(source, path, version);
      if (direct && compareGoVersions(direct, ownGo) > 0) {
        rejected.push({ reason: 'needs-newer-go', version, needs: direct });
        continue;
      }
      const sim = await simulateGet(main, new Map([[path, version]]), source);
      if (sim.maxGo && compareGoVersions(sim.maxGo, ownGo) > 0) {
        rejected.push({ reason: 'needs-newer-go', version, needs: sim.maxGo, ...(sim.maxGoFrom ? { via: sim.maxGoFrom } : {}) });
        continue;
      }
    }
    return { version, rejected };
  }
  return { version: null, rejected };
}
