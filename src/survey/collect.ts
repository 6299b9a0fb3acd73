// Reading a fleet for the survey (the I/O edge of src/survey): service directories, their module
// calls, the module directories those calls resolve to (local paths, or what terraform init
// installed), and the instance counts of local state files. No terraform run.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadModule } from '../config/load.js';
import type { ModuleCall, ModuleConfig, Origin } from '../config/module.js';
import { findServices } from '../sources/discover.js';
import { isLocalSource, readModulesManifest, type ManifestEntry } from '../sources/resolve.js';
import { moduleIdentity, tryParseModuleSource } from '../sources/source.js';
import { moduleFacts, type ModuleFacts } from './analyze.js';

/** One module call of one service. */
export interface SurveyCall {
  service: string;
  call: string;
  source: string;
  /** `?ref=` of a git source, `version` of a registry call, "" when none. */
  ref: string;
  /** Argument names the caller sets (meta-arguments excluded). */
  inputs: string[];
  /** The call's own repetition, if any. */
  repeated?: 'count' | 'for_each';
  /** Managed resource instances under the call in the service's local state file, when there is one. */
  instances?: number;
  origin: Origin;
}

/** Every call of one module source, and what its directory says (when it could be read). */
export interface SurveyedModule {
  /** The source without its ref (remote), or the module directory (local). */
  module: string;
  kind: 'local' | 'git' | 'registry' | 'archive' | 'unknown';
  calls: SurveyCall[];
  facts?: ModuleFacts;
  problem?: string;
}

/** What the survey read: modules and the services it looked at (and the ones it could not read). */
export interface SurveyInput {
  services: string[];
  unreadable: { dir: string; error: string }[];
  modules: SurveyedModule[];
}

const MAX_DEPTH = 12;

/** Reads every service under paths and groups their module calls by module source. */
export async function collectSurvey(paths: string[]): Promise<SurveyInput> {
  const found = await findServices(paths);
  const modules = new Map<string, SurveyedModule>();
  const factsCache = new Map<string, Promise<ModuleFacts>>();
  const services: string[] = [];
  const unreadable: SurveyInput['unreadable'] = [];
  for (const s of found) {
    if (!s.module) {
      unreadable.push({ dir: s.dir, error: s.error?.message ?? 'could not be read' });
      continue;
    }
    services.push(s.dir);
    const manifest = await readModulesManifest(s.dir).catch(() => undefined);
    const instances = stateInstances(s.dir);
    for (const c of s.module.moduleCalls) {
      const parsed = c.source !== undefined ? tryParseModuleSource(c.source) : undefined;
      const local = c.source !== undefined && isLocalSource(c.source);
      const id = local ? resolve(s.dir, c.source!) : parsed ? moduleIdentity(parsed) : (c.source ?? '(no source)');
      const m = modules.get(id) ?? { module: id, kind: parsed?.kind ?? 'unknown', calls: [] };
      modules.set(id, m);
      m.calls.push({
        service: s.dir,
        call: c.name,
        source: c.source ?? '',
        ref: parsed?.kind === 'git' ? (parsed.ref ?? '') : (c.version ?? ''),
        inputs: [...c.args.keys()].sort(),
        repeated: c.meta.has('for_each') ? 'for_each' : c.meta.has('count') ? 'count' : undefined,
        instances: instances?.(c.name),
        origin: c.origin,
      });
      if (m.facts) continue;
      const dir = moduleDir(s.dir, c, c.name, manifest);
      if (!dir) {
        m.problem ??= `${c.source ?? '(no source)'} is not installed in ${s.dir}; run terraform init there so survey can read the module`;
        continue;
      }
      try {
        m.facts = await factsOf(dir, s.dir, c.name, manifest, factsCache, 0);
        m.problem = undefined;
      } catch (err) {
        m.problem = `could not read ${dir}: ${(err as Error).message}`;
      }
    }
  }
  return { services, unreadable, modules: [...modules.values()] };
}

/** The directory of a call: a local path, or the one `terraform init` recorded under its key. */
function moduleDir(from: string, c: ModuleCall, key: string, manifest: ManifestEntry[] | undefined): string | undefined {
  if (c.source !== undefined && isLocalSource(c.source)) return resolve(from, c.source);
  return manifest?.find((e) => e.Key === key)?.Dir;
}

async function factsOf(dir: string, root: string, key: string, manifest: ManifestEntry[] | undefined, cache: Map<string, Promise<ModuleFacts>>, depth: number): Promise<ModuleFacts> {
  const abs = resolve(root, dir);
  const cached = cache.get(`${abs}\0${key}`);
  if (cached) return cached;
  const p = (async () => {
    const mod: ModuleConfig = await loadModule(abs);
    const nested: { call: string; facts: ModuleFacts }[] = [];
    if (depth < MAX_DEPTH) {
      for (const n of mod.moduleCalls) {
        const nkey = `${key}.${n.name}`;
        const ndir = n.source !== undefined && isLocalSource(n.source) ? resolve(abs, n.source) : manifest?.find((e) => e.Key === nkey)?.Dir;
        if (!ndir) continue;
        try {
          nested.push({ call: n.name, facts: await factsOf(ndir, root, nkey, manifest, cache, depth + 1) });
        } catch {
          // A nested module that cannot be read only lowers the depth and resource counts.
        }
      }
    }
    return moduleFacts(mod, nested);
  })();
  cache.set(`${abs}\0${key}`, p);
  return p;
}

/** Counts managed instances per top-level call in the service's local state file (no terraform run). */
function stateInstances(dir: string): ((call: string) => number) | undefined {
  const path = join(dir, 'terraform.tfstate');
  if (!existsSync(path)) return undefined;
  let resources: { module?: string; mode?: string; instances?: unknown[] }[];
  try {
    resources = (JSON.parse(readFileSync(path, 'utf8')) as { resources?: typeof resources }).resources ?? [];
  } catch {
    return undefined;
  }
  return (call) =>
    resources
      .filter((r) => r.mode === 'managed' && typeof r.module === 'string' && new RegExp(`^module\\.${call.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\[|\\.|$)`).test(r.module))
      .reduce((n, r) => n + (r.instances?.length ?? 0), 0);
}
