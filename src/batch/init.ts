// `terraform init` for many directories at once, without racing the provider plugin cache.
// Terraform writes a provider into the cache only when it is missing there; two inits writing the
// same provider at once can leave a torn binary. So an init that might write runs alone, and
// inits that can only read (or link) from the cache run side by side.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadModule } from '../config/load.js';
import type { ModuleConfig } from '../config/module.js';
import type { Block } from '../hcl/cst.js';
import { sameSource } from '../sources/deployed.js';
import { isLocalSource, readModulesManifest } from '../sources/resolve.js';

/**
 * Env that gives every directory of a run one shared plugin cache: the user's own cache when
 * their CLI config or environment names one (it is theirs to keep warm), else `fallback`.
 */
export async function pluginCacheEnv(fallback: string, env: NodeJS.ProcessEnv = process.env): Promise<{ env: Record<string, string>; cacheDir: string }> {
  if (env.TF_PLUGIN_CACHE_DIR) return { env: {}, cacheDir: env.TF_PLUGIN_CACHE_DIR };
  const configFile = env.TF_CLI_CONFIG_FILE ?? join(homedir(), '.terraformrc');
  const text = await readFile(configFile, 'utf8').catch(() => '');
  const m = /^\s*plugin_cache_dir\s*=\s*"([^"]+)"/m.exec(text);
  if (m) return { env: {}, cacheDir: m[1]! };
  return { env: { TF_PLUGIN_CACHE_DIR: fallback }, cacheDir: fallback };
}

/**
 * Whether a plan in dir would stop at "run terraform init". Never initialised: unless the
 * configuration is one terraform plans without init (see initFree). Initialised: when
 * modules.json is behind the calls, or a provider plugin has no lock file or is not installed.
 */
export async function needsInit(dir: string, root: ModuleConfig): Promise<boolean> {
  return (await initProblem(dir, root)) !== undefined;
}

/**
 * Why a plan in dir would stop at "run terraform init", in words for the person who runs it
 * (`it has no .terraform directory …`); undefined when nothing is missing. Reads files only.
 */
export async function initProblem(dir: string, root: ModuleConfig): Promise<string | undefined> {
  if (!existsSync(join(dir, '.terraform'))) {
    // JSON configuration files are not in the model; whatever they declare, let init see to it.
    const jsonConfig = (await readdir(dir).catch(() => [] as string[])).some((n) => n.endsWith('.tf.json'));
    return jsonConfig || !initFree(root) ? 'it has no .terraform directory (terraform init has never run there)' : undefined;
  }
  const manifest = await readModulesManifest(dir).catch(() => undefined);
  for (const call of root.moduleCalls) {
    if (!call.source) continue;
    const entry = manifest?.find((m) => m.Key === call.name);
    if (!entry) return `module "${call.name}" is not installed in .terraform/modules`;
    if (!sameSource(entry.Source, call.source)) return `module "${call.name}" was installed from ${entry.Source}, and its source is now ${call.source}`;
  }
  // Remote modules are covered by modules.json above; a provider plugin needs the lock file.
  const plugins = root.providers.length > 0 || root.resources.some((r) => !r.type.startsWith('terraform_'));
  const lock = await readFile(join(dir, '.terraform.lock.hcl'), 'utf8').catch(() => undefined);
  if (lock === undefined) return plugins ? 'it has no .terraform.lock.hcl (the provider lock file init writes)' : undefined;
  if (!plugins && root.moduleCalls.length === 0) return undefined;
  // Terraform's "Inconsistent dependency lock file": a locked provider that .terraform lacks.
  for (const p of lockedProviders(lock)) {
    if (!existsSync(join(dir, '.terraform', 'providers', p.addr, p.version))) return `provider ${p.addr} ${p.version} from .terraform.lock.hcl is not installed in .terraform/providers`;
  }
  return undefined;
}

/**
 * initProblem, unless `TF_DATA_DIR` points terraform at a data directory elsewhere: then what dir
 * lacks says nothing, and terraform is left to say what it needs. Without `root`, dir is loaded
 * (only when the answer depends on it).
 */
export async function initProblemFor(dir: string, root: ModuleConfig | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.TF_DATA_DIR) return undefined;
  return initProblem(dir, root ?? (await loadModule(dir)));
}

/** The providers a lock file selects: address and version. */
function lockedProviders(lock: string): { addr: string; version: string }[] {
  return [...lock.matchAll(/provider\s+"([^"]+)"\s*\{\s*version\s*=\s*"([^"]+)"/g)].map((m) => ({ addr: m[1]!, version: m[2]! }));
}

// Top-level blocks that ask nothing of init (a `terraform` block is looked into separately).
const INIT_FREE_BLOCKS = new Set(['variable', 'locals', 'output', 'moved', 'removed', 'import', 'check']);
const INIT_FREE_SETTINGS = new Set(['required_version', 'experiments']);

/**
 * True when terraform plans this root without `terraform init`: the default local backend, no
 * module calls (modules.json would be needed even for local ones) and no provider beyond the
 * built-in `terraform` one. Anything unfamiliar counts as needing init.
 */
export function initFree(root: ModuleConfig): boolean {
  if (root.moduleCalls.length > 0 || root.providers.length > 0) return false;
  for (const file of root.files) {
    for (const item of file.body.items) {
      if (item.kind !== 'block') continue;
      if (INIT_FREE_BLOCKS.has(item.type)) continue;
      if (item.type === 'terraform') {
        const settings = item.body.items.map((i) => (i.kind === 'block' ? i.type : i.name));
        if (settings.every((n) => INIT_FREE_SETTINGS.has(n))) continue;
        return false;
      }
      if (item.type === 'resource' || item.type === 'data') {
        const builtin = item.labels[0]?.startsWith('terraform_') && !item.body.items.some((i) => i.kind === 'attribute' && i.name === 'provider');
        if (builtin) continue;
      }
      return false;
    }
  }
  return true;
}

/** True when the root needs a provider plugin (anything beyond the built-in terraform_data). */
function usesProviders(root: ModuleConfig): boolean {
  return root.providers.length > 0 || root.resources.some((r) => !r.type.startsWith('terraform_')) || root.moduleCalls.some((c) => c.source && !isLocalSource(c.source));
}

/**
 * What an init will ask of the cache. `readOnly` when it cannot write there: every locked
 * provider is already cached, or the configuration needs no plugin. Otherwise `key` names the
 * requirements, so that once one init with a key has filled the cache, the rest share it.
 */
export async function initRequirements(dir: string, root: ModuleConfig, cacheDir: string): Promise<{ readOnly: boolean; key: string }> {
  const lock = await readFile(join(dir, '.terraform.lock.hcl'), 'utf8').catch(() => undefined);
  if (lock !== undefined) {
    const cached = lockedProviders(lock).every((p) => existsSync(join(cacheDir, p.addr, p.version)));
    if (cached) return { readOnly: true, key: '' };
  }
  const localOnly = [...root.moduleCalls].every((c) => c.source && isLocalSource(c.source));
  if (!usesProviders(root) && localOnly && !(await localModulesUseProviders(root))) return { readOnly: true, key: '' };
  const reqs = root.files.flatMap((f) => f.body.items.filter((b) => root.terraformBlocks.includes(b as Block)).map((b) => f.text.slice(b.span.start, b.span.end))).join('');
  const types = [...new Set(root.resources.map((r) => r.type.split('_')[0]))].sort();
  const remote = root.moduleCalls.filter((c) => c.source && !isLocalSource(c.source)).map((c) => c.source!.replace(/\?.*$/, '')).sort();
  return { readOnly: false, key: JSON.stringify([reqs.replace(/\s+/g, ' '), types, remote, lock ?? '']) };
}

// A local module may use a provider the root never names (its resources are the root's too).
async function localModulesUseProviders(root: ModuleConfig): Promise<boolean> {
  for (const c of root.moduleCalls) {
    const mod = await loadModule(join(root.dir, c.source!)).catch(() => undefined);
    if (!mod || usesProviders(mod)) return true;
  }
  return false;
}

/**
 * Serialises the inits that may write to the plugin cache; read-only inits, and inits whose
 * requirements an earlier init already cached, run concurrently.
 */
export class InitGate {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly filled = new Set<string>();

  /** Runs init under the gate. */
  async run<T>(req: { readOnly: boolean; key: string }, init: () => Promise<T>): Promise<T> {
    if (req.readOnly || this.filled.has(req.key)) return init();
    const turn = this.chain.then(async () => {
      // Another directory with the same requirements may have filled the cache while we queued.
      const result = await init();
      this.filled.add(req.key);
      return result;
    });
    this.chain = turn.catch(() => undefined);
    return turn;
  }
}
