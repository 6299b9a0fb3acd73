// Loading what the engine needs from disk, then handing it to the pure planner.
import { readdir, stat } from 'node:fs/promises';
import { loadModule, readConfigText } from '../config/load.js';
import { describeSystemError, isSystemError } from '../errors.js';
import { ConfigError, type ModuleCall, type ModuleConfig } from '../config/module.js';
import { join, relative, resolve } from 'node:path';
import { isLocalSource, resolveModuleDir, SourceNotFoundError } from '../sources/resolve.js';
import { planInline, type InlineOptions } from './plan.js';
import { InlineError, type Refactor } from './refactor.js';
import { autoVariableFileNames, rootVariableValues, type CliVariable, type RootVariableValue } from './root-variables.js';

/** `-var NAME=VALUE` and `-var-file PATH` (absolute, or relative to the current directory), in command-line order. */
export type VariableArg = { kind: 'var'; text: string } | { kind: 'var-file'; path: string };

/** Options of inlineCall: the planner's, plus where modules and root variable values come from. */
export interface InlineCallOptions extends InlineOptions {
  moduleDir?: (call: ModuleCall) => Promise<string | undefined>;
  /** -var / -var-file given to the command (a -var-file path is named in notes as given). */
  variableArgs?: VariableArg[];
  /** The environment whose TF_VAR_* set root variables (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** Reads the service directory and the called module, and plans the inline (no writes). */
export async function inlineCall(dir: string, callName: string, opts: InlineCallOptions = {}): Promise<Refactor> {
  const root = await loadModule(dir);
  const call = root.moduleCalls.find((c) => c.name === callName);
  if (!call) return planInline(root, callName, root, opts); // the planner names the calls that exist
  if (!call.source) throw new InlineError(`module "${callName}" has no source argument`, call.origin.file, call.origin.line);
  // The caller may already hold the module (a batch installs each remote source once for all services).
  const moduleDir = (await opts.moduleDir?.(call)) ?? (await resolveModuleDir(dir, callName, call.source));
  // Say what is wrong with the path itself: missing, a file, or a link that loops back on itself.
  const why = await stat(moduleDir).then(
    (s) => (s.isDirectory() ? undefined : 'is a file, not a directory'),
    (err: NodeJS.ErrnoException) => (err.code === 'ELOOP' ? 'is a symbolic link loop (it points, directly or through other links, back to itself)' : 'does not exist'),
  );
  if (why) throw new SourceNotFoundError(`${call.origin.file}:${call.origin.line}: module "${callName}" has source "${call.source}", but ${moduleDir} ${why}; fix the source path or run \`terraform init\``);
  // Module files are named from the service directory as the user gave it, like the root's own
  // files: a diagnostic reads `svc/modules/web/main.tf:3:5`, not an absolute or scratch path.
  const module = await loadModule(join(dir, relative(dir, moduleDir)));
  const resourceless = new Set<string>();
  for (const n of module.moduleCalls) {
    const nested = await nestedModuleDir(dir, moduleDir, [callName], n);
    if (nested && (await managesNothing(dir, nested, [callName, n.name], 4))) resourceless.add(n.name);
  }
  // Only a repeated call needs root values known (its instance keys); nothing else reads them.
  const repeated = call.meta.has('count') || call.meta.has('for_each');
  const rootVariables = opts.rootVariables ?? (repeated ? await readRootVariables(root, opts.variableArgs ?? [], opts.env ?? process.env) : undefined);
  return planInline(root, callName, module, { ...opts, resourceless, rootVariables });
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

/** Root variable values from the service's tfvars files, -var/-var-file and TF_VAR_*, as terraform plan reads them. */
export async function readRootVariables(root: ModuleConfig, args: VariableArg[], env: Record<string, string | undefined>): Promise<Map<string, RootVariableValue>> {
  const names = await readdir(root.dir);
  const autoFiles = autoVariableFileNames(names).map((n) => ({ path: n, text: readConfigText(join(root.dir, n)) }));
  const cli: CliVariable[] = args.map((a) => {
    if (a.kind === 'var') return a;
    try {
      return { kind: 'var-file', path: a.path, text: readConfigText(a.path) };
    } catch (err) {
      throw new ConfigError({ file: a.path, line: 0 }, `-var-file ${a.path}: cannot read it (${isSystemError(err) ? describeSystemError(err, '') : (err as Error).message})`);
    }
  });
  return rootVariableValues(root, { autoFiles, cli, env });
}
