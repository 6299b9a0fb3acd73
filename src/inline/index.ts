// Loading what the engine needs from disk, then handing it to the pure planner.
import { stat } from 'node:fs/promises';
import { loadModule } from '../config/load.js';
import type { ModuleCall } from '../config/module.js';
import { resolveModuleDir, SourceNotFoundError } from '../sources/resolve.js';
import { planInline, type InlineOptions } from './plan.js';
import { InlineError, type Refactor } from './refactor.js';

/** Reads the service directory and the called module, and plans the inline (no writes). */
export async function inlineCall(dir: string, callName: string, opts: InlineOptions & { moduleDir?: (call: ModuleCall) => Promise<string | undefined> } = {}): Promise<Refactor> {
  const root = await loadModule(dir);
  const call = root.moduleCalls.find((c) => c.name === callName);
  if (!call) return planInline(root, callName, root, opts); // the planner names the calls that exist
  if (!call.source) throw new InlineError(`module "${callName}" has no source argument`, call.origin.file, call.origin.line);
  // The caller may already hold the module (a batch installs each remote source once for all services).
  const moduleDir = (await opts.moduleDir?.(call)) ?? (await resolveModuleDir(dir, callName, call.source));
  const exists = await stat(moduleDir).then((s) => s.isDirectory(), () => false);
  if (!exists) throw new SourceNotFoundError(`${call.origin.file}:${call.origin.line}: module "${callName}" has source "${call.source}", but ${moduleDir} does not exist; fix the source path or run \`terraform init\``);
  const module = await loadModule(moduleDir);
  return planInline(root, callName, module, opts);
}
