// `unmodule tidy`: after the refactor is merged and applied, remove the moved blocks no state
// needs any more, and the local module directories no service calls. Reading and deciding here;
// the decisions themselves are pure (decide.ts, edit.ts, modules.ts), writing is write.ts.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadModule } from '../config/load.js';
import { UserError } from '../errors.js';
import { displayPath } from '../display-path.js';
import type { ModuleConfig } from '../config/module.js';
import { findServices } from '../sources/discover.js';
import { isLocalSource, readModulesManifest } from '../sources/resolve.js';
import { parseRawState, workspaceList, workspaceStateList, type TerraformOptions } from '../terraform/index.js';
import { formatKey } from '../config/address.js';
import { decideTidy, type PendingState, type StateView } from './decide.js';
import { movedBlocks, removeBlocks, type TidiedFile } from './edit.js';
import { obsoleteModules, type ObsoleteModule } from './modules.js';

/** What tidy found in one service directory. */
export interface TidyService {
  dir: string;
  /** Moved blocks declared (from → to, file:line). */
  moved: { from: string; to: string; at: string }[];
  /** The states checked, with how many addresses each holds. */
  states: { name: string; addresses: number }[];
  /** Moved blocks that will be (or were) removed. */
  remove: { from: string; to: string; at: string }[];
  /** States that still hold old addresses: apply there first. */
  pending: PendingState[];
  files: TidiedFile[];
  error?: string;
}

/** The whole tidy plan. */
export interface TidyPlan {
  services: TidyService[];
  /** Local module directories to delete. */
  obsoleteModules: ObsoleteModule[];
  /** Local module directories nothing calls, kept until every state has been applied. */
  waitingModules: ObsoleteModule[];
}

export interface TidyOptions {
  /** State files to check instead of the directory's workspaces (one service directory only). */
  stateFiles?: string[];
  terraform?: Omit<TerraformOptions, 'cwd'>;
}

/** A tidy that cannot run as asked; the message says what to do. */
export class TidyError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'TidyError';
  }
}

/** Reads every service under paths, asks terraform for their states, and decides. */
export async function planTidy(paths: string[], o: TidyOptions = {}, base: string = process.cwd()): Promise<TidyPlan> {
  const roots = paths.map((p) => resolve(p));
  const found = await findServices(paths);
  const rel = (p: string) => displayPath(base, p);

  // Local module directories each service was installed with, and those still called.
  const installed: { service: string; dirs: string[] }[] = [];
  for (const s of found) {
    const manifest = await readModulesManifest(s.dir).catch(() => undefined);
    const dirs = (manifest ?? []).filter((e) => e.Key !== '' && isLocalSource(e.Source)).map((e) => resolve(s.dir, e.Dir)).filter((d) => existsSync(d));
    installed.push({ service: rel(s.dir), dirs });
  }
  const stillCalled = await calledLocalDirs(found.flatMap((s) => (s.module ? [s.module] : [])));
  const formerModules = new Set(installed.flatMap((i) => i.dirs).filter((d) => !stillCalled.has(d)));
  const services = found.filter((s) => !formerModules.has(s.dir));
  const obsolete = obsoleteModules(installed, stillCalled, roots, new Set(services.map((s) => s.dir)));

  if (o.stateFiles?.length && services.length !== 1) {
    throw new TidyError(`--state names the state files of one service directory, but ${services.length} were found under ${paths.join(', ')}; pass that one directory`);
  }
  const out: TidyService[] = [];
  for (const s of services) {
    if (!s.module) {
      out.push({ dir: rel(s.dir), moved: [], states: [], remove: [], pending: [], files: [], error: s.error?.message ?? 'could not be read' });
      continue;
    }
    out.push(await tidyService(s.module, o, rel));
  }
  // A module directory goes only once every state is past it; until then it is only listed.
  const settled = out.every((s) => s.pending.length === 0 && !s.error);
  return {
    services: out,
    obsoleteModules: settled ? obsolete.map((m) => ({ dir: rel(m.dir), formerCallers: m.formerCallers })) : [],
    waitingModules: settled ? [] : obsolete.map((m) => ({ dir: rel(m.dir), formerCallers: m.formerCallers })),
  };
}

async function tidyService(mod: ModuleConfig, o: TidyOptions, rel: (p: string) => string): Promise<TidyService> {
  const moved = movedBlocks(mod.files, (p) => rel(p));
  const at = (m: { from: string; to: string; file: string; line: number }) => ({ from: m.from, to: m.to, at: `${m.file}:${m.line}` });
  const svc: TidyService = { dir: rel(mod.dir), moved: moved.map(at), states: [], remove: [], pending: [], files: [] };
  if (moved.length === 0) return svc;
  let states: StateView[];
  try {
    states = o.stateFiles?.length ? o.stateFiles.map(readStateFile) : await workspaceStates(mod.dir, o);
  } catch (err) {
    return { ...svc, error: (err as Error).message };
  }
  const d = decideTidy(moved, states);
  const removing = moved.filter((m) => d.remove.includes(m));
  return {
    ...svc,
    states: states.map((s) => ({ name: s.name, addresses: s.addresses.length })),
    remove: removing.map(at),
    pending: d.pending,
    files: removeBlocks(mod.files, removing).map((f) => ({ ...f, path: relative(mod.dir, f.path) })),
  };
}

async function workspaceStates(dir: string, o: TidyOptions): Promise<StateView[]> {
  const tf = { ...o.terraform, cwd: dir };
  const ws = await workspaceList(tf);
  const out: StateView[] = [];
  for (const name of ws.names) out.push({ name: `workspace "${name}"`, addresses: await workspaceStateList(tf, name) });
  return out;
}

/** The instance addresses of a state file, read directly (no terraform run). */
export function readStateFile(path: string): StateView {
  if (!existsSync(path)) throw new TidyError(`--state ${path}: no such file`);
  let state;
  try {
    state = parseRawState(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new TidyError(`--state ${path}: not a Terraform state file (${(err as Error).message})`);
  }
  const addresses: string[] = [];
  for (const r of state.resources) {
    const prefix = `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    for (const i of r.instances ?? []) addresses.push(`${prefix}${formatKey(i.index_key as number | string | undefined)}`);
  }
  return { name: path, addresses };
}

/** Every local directory called by the services, followed through the local modules they call. */
async function calledLocalDirs(services: ModuleConfig[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [...services];
  while (queue.length) {
    const m = queue.shift()!;
    for (const c of m.moduleCalls) {
      if (c.source === undefined || !isLocalSource(c.source)) continue;
      const d = resolve(m.dir, c.source);
      if (seen.has(d)) continue;
      seen.add(d);
      const loaded = await loadModule(d).catch(() => undefined);
      if (loaded) queue.push(loaded);
    }
  }
  return seen;
}

