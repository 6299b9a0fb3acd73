// Before planning a rewritten service: module calls the refactor added (nested modules kept as
// root calls) are not installed yet, and terraform would stop with "Module not installed".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule } from '../config/load.js';
import type { ModuleConfig } from '../config/module.js';
import { readModulesManifest } from '../sources/resolve.js';
import { getModules, type TerraformOptions } from '../terraform/index.js';

/** Names of module calls in dir that .terraform/modules/modules.json does not record (pure check, reads files). */
export async function uninstalledCalls(dir: string, config?: ModuleConfig): Promise<string[]> {
  const root = config ?? (await loadModule(dir));
  if (root.moduleCalls.length === 0) return [];
  const manifest = (await readModulesManifest(dir).catch(() => undefined)) ?? [];
  return root.moduleCalls.filter((c) => !manifest.some((m) => m.Key === c.name)).map((c) => c.name);
}

/** Installs the modules of dir with `terraform get` when some call is missing; returns the calls it installed. `config`: dir already loaded. */
export async function ensureModulesInstalled(dir: string, tf: Omit<TerraformOptions, 'cwd'>, config?: ModuleConfig): Promise<string[]> {
  // Never initialised at all: that is the user's `terraform init` (backend, credentials) to run.
  if (!existsSync(join(dir, '.terraform'))) return [];
  const missing = await uninstalledCalls(dir, config);
  if (missing.length) await getModules({ ...tf, cwd: dir });
  return missing;
}
