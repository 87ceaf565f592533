/**
 * Random module worlds for differential tests against Go: a set of dependency modules with
 * several versions each (served by a file proxy, with real packages that import each other) and a
 * small repository of main modules that use them. Everything comes from one seed, so a failure is
 * replayed by its seed alone.
 *
 * What varies: pruned (go ≥ 1.17) and unpruned modules mixed; go lines that rise from version to
 * version (so an upgrade can turn a graph pruned); retractions; excludes; module replaces; local
 * `replace ../x` between main modules, sometimes in both directions (a cycle).
 */
import type { ProxyModule } from './file-proxy.js';
import { rng } from '../support/seeded-rng.js';

export interface GeneratedWorld {
  seed: number;
  proxy: ProxyModule[];
  /** Repository files by relative path: each main module's go.mod and one Go file. */
  repo: Record<string, string>;
  /** Main module dirs, in the order they were made. */
  dirs: string[];
  /** Module path of each main module dir. */
  paths: Record<string, string>;
}

const LOCAL_VERSION = 'v0.0.0-00010101000000-000000000000';

const GO_LINES = ['1.16', '1.17', '1.20', '1.21', '1.22.0'];

interface Dep {
  path: string;
  version: string;
}

export function generateWorld(seed: number): GeneratedWorld {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;

  // Dependency modules d0..dK-1; d_i may import only d_j with j > i, so imports never cycle.
  const count = 5 + Math.floor(r() * 4);
  // Paths carry the seed: worlds share one module cache, and a path@version must mean one go.mod.
  const names = Array.from({ length: count }, (_, i) => `example.com/gen${seed}/d${i}`);
  const versions = new Map<string, string[]>();
  /** Requirements of every version: what go.mod says, and which are imported by the package. */
  const reqs = new Map<string, { deps: Dep[]; imports: Set<string>; go: string }>();
  const proxy: ProxyModule[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const path = names[i]!;
    const n = 2 + Math.floor(r() * 3);
    const vs = Array.from({ length: n }, (_, j) => `v1.${j}.0`);
    versions.set(path, vs);
    let goIndex = Math.floor(r() * 3);
    const retracted = n >= 3 && chance(0.35) ? vs[n - 2]! : null;
    vs.forEach((version, j) => {
      if (chance(0.4)) goIndex = Math.min(GO_LINES.length - 1, goIndex + 1);
      const go = GO_LINES[goIndex]!;
      const imports = new Set<string>();
      const deps = new Map<string, string>();
      for (const other of names.slice(i + 1)) {
        if (!chance(0.35)) continue;
        const v = pick(versions.get(other)!);
        imports.add(other);
        deps.set(other, v);
      }
      // A pruned module lists what its imports need too (as go mod tidy would), at their versions.
      if (go !== '1.16') {
        for (const imported of [...imports]) {
          for (const d of reqs.get(`${imported}@${deps.get(imported)}`)!.deps) {
            const have = deps.get(d.path);
            if (!have || have < d.version) deps.set(d.path, d.version);
          }
        }
      }
      const depList = [...deps].map(([p, v]) => ({ path: p, version: v })).sort((a, b) => (a.path < b.path ? -1 : 1));
      reqs.set(`${path}@${version}`, { deps: depList, imports, go });
      const lines = [`module ${path}`, '', `go ${go}`, ''];
      if (depList.length > 0) {
        lines.push('require (');
        for (const d of depList) lines.push(`\t${d.path} ${d.version}${imports.has(d.path) ? '' : ' // indirect'}`);
        lines.push(')', '');
      }
      if (retracted && j === n - 1) lines.push(`retract ${retracted}`, '');
      const pkg = `d${i}`;
      const body = [...imports].map((p) => `import _ "${p}"\n`).join('');
      proxy.push({
        path,
        version,
        goMod: lines.join('\n'),
        time: `2024-0${1 + (j % 9)}-01T00:00:00Z`,
        files: { [`${pkg}.go`]: `package ${pkg}\n\n${body}` },
      });
    });
  }

  const repoPrefix = `example.com/repo${seed}`;
  const required = new Set([...reqs.values()].flatMap((x) => x.deps.map((d) => `${d.path}@${d.version}`)));

  // Main modules: a, b, maybe c; b replaces a locally, sometimes a replaces b back.
  const dirs = chance(0.5) ? ['a', 'b', 'c'] : ['a', 'b'];
  const locals = new Map<string, string[]>(dirs.map((d) => [d, []]));
  locals.get('b')!.push('a');
  if (chance(0.4)) locals.get('a')!.push('b');
  if (dirs.includes('c')) locals.get('c')!.push(pick(['a', 'b']));
  // Replaces apply in the main module only: each one replaces every local module it reaches.
  const reach = (dir: string): string[] => {
    const seen = new Set<string>();
    const walk = (d: string) => {
      for (const l of locals.get(d)!) {
        if (l === dir || seen.has(l)) continue;
        seen.add(l);
        walk(l);
      }
    };
    walk(dir);
    return [...seen].sort();
  };
  const imported = new Map(dirs.map((d) => [d, [...locals.get(d)!]]));
  for (const d of dirs) locals.set(d, reach(d));
  const repo: Record<string, string> = {};
  for (const dir of dirs) {
    const path = `${repoPrefix}/${dir}`;
    const go = pick(['1.16', '1.17', '1.21']);
    const direct = new Map<string, string>();
    for (const name of names) {
      // Not the newest: the plan must have something to propose.
      const vs = versions.get(name)!;
      if (chance(0.4)) direct.set(name, vs[Math.floor(r() * (vs.length - 1))]!);
    }
    if (direct.size === 0) direct.set(names[0]!, versions.get(names[0]!)![0]!);
    const lines = [`module ${path}`, '', `go ${go}`, '', 'require ('];
    for (const [p, v] of direct) lines.push(`\t${p} ${v}`);
    for (const l of locals.get(dir)!) lines.push(`\t${repoPrefix}/${l} ${LOCAL_VERSION}`);
    lines.push(')', '');
    // An indirect requirement listed as a pruned module would list it.
    if (go !== '1.16') {
      const indirect = new Map<string, string>();
      for (const [p, v] of direct) {
        for (const d of reqs.get(`${p}@${v}`)!.deps) {
          if (direct.has(d.path)) continue;
          const have = indirect.get(d.path);
          if (!have || have < d.version) indirect.set(d.path, d.version);
        }
      }
      if (indirect.size > 0) {
        lines.push('require (');
        for (const [p, v] of [...indirect].sort()) lines.push(`\t${p} ${v} // indirect`);
        lines.push(')', '');
      }
    }
    for (const l of locals.get(dir)!) lines.push(`replace ${repoPrefix}/${l} => ../${l}`, '');
    // Excluded: a version nobody requires (Go ignores a requirement on an excluded version, and a
    // package its importer needs would then be missing: a broken world, not a planning question).
    const unused = proxy
      .filter((m) => names.includes(m.path) && !direct.has(m.path) && !required.has(`${m.path}@${m.version}`))
      .map((m) => `${m.path} ${m.version}`);
    if (unused.length > 0 && chance(0.3)) lines.push(`exclude ${pick(unused)}`, '');
    const replaceable = [...direct.keys()];
    if (chance(0.2)) {
      const name = pick(replaceable);
      lines.push(`replace ${name} => ${name} ${versions.get(name)![0]}`, '');
    }
    repo[`${dir}/go.mod`] = lines.join('\n');
    // As if published once: in a cycle the main module is required at this version, and Go reads
    // that version's go.mod (it is not the main module to MVS), as it does for a real release.
    proxy.push({ path, version: LOCAL_VERSION, goMod: lines.join('\n'), listed: false });
    const imports = [...direct.keys()].map((p) => `import _ "${p}"\n`).join('');
    const localImports = imported
      .get(dir)!
      .filter((l) => !(imported.get(l) ?? []).includes(dir) || l < dir)
      .map((l) => `import _ "${repoPrefix}/${l}"\n`)
      .join('');
    repo[`${dir}/${dir}.go`] = `package ${dir}\n\n${imports}${localImports}`;
  }
  return { seed, proxy, repo, dirs, paths: Object.fromEntries(dirs.map((d) => [d, `${repoPrefix}/${d}`])) };
}
