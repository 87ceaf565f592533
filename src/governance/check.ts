/**
 * `gomod-steward check`: the multi-module checklist over a checkout. Each rule yields raw
 * findings; the config's level for the rule gives their severity (or drops them when `off`).
 * A rule that cannot run says so as its own finding instead of failing the others.
 */
import type { StewardConfig } from '../config/defaults.js';
import type { GovernanceRule } from '../config/governance.js';
import { matchGlob } from '../config/glob.js';
import type { ModuleSource, ModuleVersion } from '../gomod/types.js';
import type { VulnDbSnapshot } from '../gomod/vulndb/index.js';
import type { GoEnv } from '../toolchain/go-env-names.js';
import { discoverModules } from '../workspace/discover.js';
import { compareStrings } from '../workspace/paths.js';
import { fsTree, type RepoTree } from '../workspace/tree.js';
import type { CheckReport, Finding, RawFinding } from './finding.js';
import { goDirectiveDrift, replaceLocalOutsideWorkspace, workspaceCoverage } from './file-rules.js';
import { goSumFindings, tidyFindings } from './go-rules.js';
import { buildListsOf, dependencyDrift, replaceRemote, retractedAndDeprecated } from './proxy-rules.js';
import { vulnerableFindings } from './vulnerable-rule.js';
import { licenseFindings } from './license-rule.js';
import { moduleLicenses } from '../toolchain/license-scan.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CheckInput {
  /**
   * A checkout on disk. Only `tidy` and `go-sum` need one (they run Go); without it they report
   * that they could not run. The other rules read `tree`, which defaults to this directory.
   */
  root?: string;
  /** The repository's files; the app passes its API snapshot here and clones only for Go's rules. */
  tree?: RepoTree;
  config: StewardConfig;
  source: ModuleSource;
  /** The sandboxed environment for `go` (tidy, go-sum). */
  goEnv?: () => Promise<GoEnv>;
  /** The files at the base (a pull request's base, `--base`): `license` checks only modules added since. */
  base?: RepoTree;
  /** Where tools built for the check (the license scanner) are kept across runs. */
  toolCache?: string;
  /** The vulnerability database (GOVULNDB), read only when `vulnerable` is on. */
  vulnDb?: () => Promise<VulnDbSnapshot>;
  now?: number;
}

const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 } as const;

export async function runCheck(input: CheckInput): Promise<CheckReport> {
  const { root, config } = input;
  const tree = input.tree ?? (root !== undefined ? fsTree(root) : undefined);
  if (!tree) throw new TypeError('runCheck needs a root or a tree');
  const d = await discoverModules(tree);
  const texts = new Map<string, string[]>();
  for (const m of d.modules) texts.set(m.file, ((await tree.read(m.file)) ?? '').split('\n'));
  const lineOf = (file: string, re: RegExp) => {
    const i = texts.get(file)?.findIndex((l) => re.test(l.trim())) ?? -1;
    return i >= 0 ? i + 1 : 1;
  };
  const levels = config.governance.levels;
  const on = (rule: GovernanceRule) => levels[rule] !== 'off';
  const raw: RawFinding[] = [];
  /**
   * `cap`: for rules that depend on a remote service (the vulnerability database, module zips),
   * an outage is a warning, not a failed build.
   */
  const guarded = async (
    rules: GovernanceRule[],
    f: () => Promise<RawFinding[]> | RawFinding[],
    cap?: RawFinding['cap'],
  ) => {
    if (!rules.some(on)) return;
    try {
      raw.push(...(await f()));
    } catch (err) {
      raw.push({
        rule: rules[0]!,
        dir: '.',
        file: '.',
        line: 1,
        message: `the ${rules.join('/')} check could not run: ${(err as Error).message}`,
        fix: 'run gomod-steward check again; if it persists, report it',
        ...(cap ? { cap } : {}),
      });
    }
  };

  await guarded(['replace-local-outside-workspace'], () => replaceLocalOutsideWorkspace(d));
  await guarded(['workspace-coverage'], () => workspaceCoverage(d));
  await guarded(['go-directive-drift'], () => goDirectiveDrift(d, config.governance.goDirectiveWindow, lineOf));
  await guarded(['replace-remote'], () => replaceRemote(d, input.source, input.now ?? Date.now()));
  await guarded(['retracted', 'deprecated'], () => retractedAndDeprecated(d, input.source));
  const services = config.services
    ? d.modules.filter((m) => config.services!.some((g) => matchGlob(g, m.dir)))
    : d.modules;
  const listOf = buildListsOf(d, tree, input.source);
  await guarded(['dependency-drift'], () => dependencyDrift(d, listOf, services));
  await guarded(
    ['vulnerable'],
    async () => {
      if (!input.vulnDb) throw new Error('no vulnerability database was given');
      return vulnerableFindings(d, listOf, await input.vulnDb(), new Date(input.now ?? Date.now()));
    },
    'warning',
  );
  await guarded(
    ['license'],
    async () => {
      if (!input.goEnv) throw new Error('it needs the go command to download module zips');
      const env = await input.goEnv();
      let baseListOf: ((dir: string) => Promise<ModuleVersion[] | null>) | undefined;
      if (input.base) {
        const bd = await discoverModules(input.base);
        const baseLists = buildListsOf(bd, input.base, input.source);
        baseListOf = async (dir) => {
          const bm = bd.modules.find((x) => x.dir === dir);
          return bm ? baseLists(bm) : null;
        };
      }
      const cacheRoot = input.toolCache ?? join(tmpdir(), 'gomod-steward-tools');
      return licenseFindings({
        d,
        listOf,
        ...(baseListOf ? { baseListOf } : {}),
        allow: config.governance.licenseAllow,
        licenses: (mods) => moduleLicenses(mods, { env, cacheRoot }),
      });
    },
    'warning',
  );
  if (on('tidy') || on('go-sum')) {
    const goRules = (['tidy', 'go-sum'] as const).filter(on);
    await guarded(goRules, async () => {
      if (root === undefined || !input.goEnv) throw new Error('it runs Go, which needs a checkout');
      const env = await input.goEnv();
      for (const m of d.modules) {
        if (on('tidy')) await guarded(['tidy'], () => tidyFindings(root, m.dir, m.file, env));
        if (on('go-sum')) await guarded(['go-sum'], () => goSumFindings(root, m.dir, env));
      }
      return [];
    });
  }

  const findings: Finding[] = [];
  for (const f of raw) {
    const level = levels[f.rule as GovernanceRule];
    if (level === undefined || level === 'off') continue;
    const { cap, ...rest } = f;
    const severity = cap && SEVERITY_ORDER[cap] > SEVERITY_ORDER[level] ? cap : level;
    findings.push({ ...rest, severity });
  }
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      compareStrings(a.rule, b.rule),
  );
  return { version: 1, findings };
}
