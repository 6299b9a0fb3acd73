// Loading what the engine needs from disk, then handing it to the pure planner.
import { stat } from 'node:fs/promises';
import { loadModule } from '../config/load.js';
import type { ModuleCall } from '../config/module.js';
import { resolve } from 'node:path';
import { isLocalSource, resolveModuleDir, SourceNotFoundError } from '../sources/resolve.js';
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
  const resourceless = new Set<string>();
  for (const n of module.moduleCalls) {
    const nested = await nestedModuleDir(dir, moduleDir, [callName], n);
    if (nested && (await managesNothing(dir, nested, [callName, n.name], 4))) resourceless.add(n.name);
  }
  return planInline(root, callName, module, { ...opts, resourceless });
}

/** Where a nested call's module is on disk (local source, or what init recorded), if it can be found. */
async function nestedModuleDir(rootDir: string, parentDir: string, parentKey: string[], n: ModuleCall): Promise<string | undefined> {
  if (!n.source) return undefined;
  if (isLocalSource(n.source)) return resolve(parentDir, n.source);
  return resolveModuleDir(rootDir, [...parentKey, n.name].join('.'), n.source).catch(() => undefined);
}

/**
 * True when the module (and every module it calls) declares no managed resource: its instances
 * hold nothing in state, so moving it is pointless. Unknown (unreadable, too deep) counts as false.
 */
async function managesNothing(rootDir: string, dir: string, key: string[], depth: number): Promise<boolean> {
  if (depth === 0) return false;
  const mod = await loadModule(dir).catch(() => undefined);
  if (!mod || mod.jsonFiles.length || mod.resources.some((r) => r.mode === 'managed')) return false;
  for (const n of mod.moduleCalls) {
    const nested = await nestedModuleDir(rootDir, dir, key, n);
    if (!nested || !(await managesNothing(rootDir, nested, [...key, n.name], depth - 1))) return false;
  }
  return true;
}
