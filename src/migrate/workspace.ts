// A scratch copy of a service for trying state moves: the configuration (and every local module it
// reaches, at the same relative position), a local backend override pointing at a copy of the
// real state, installed modules copied and providers linked, so init needs no network and the
// user's directory and state are never touched.
import { cp, mkdir, readdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { loadModule } from '../config/load.js';
import { commonAncestor } from '../verify/offline-workspace.js';

/** A prepared copy. */
export interface StateWorkspace {
  /** The copy of the service dir: run terraform here. */
  dir: string;
  /** The local backend's state file (written by prepareStateWorkspace). */
  statePath: string;
}

/** The override file name; `_override.tf` makes Terraform merge it over the base config. */
export const BACKEND_OVERRIDE = 'unmodule_backend_override.tf';

/** Copies `sourceDir` under `tempRoot`, writes `rawState` as its local state, and overrides the backend; installed modules and providers come from `installedFrom`. */
export async function prepareStateWorkspace(sourceDir: string, tempRoot: string, rawState: string, installedFrom = sourceDir): Promise<StateWorkspace> {
  const source = resolve(sourceDir);
  const dirs = await localModuleClosure(source);
  const ancestor = commonAncestor(dirs);
  const roots = dirs.filter((d) => !dirs.some((o) => o !== d && relative(o, d) !== '' && !relative(o, d).startsWith('..')));
  const configRoot = join(tempRoot, 'config');
  for (const d of roots) {
    const to = join(configRoot, relative(ancestor, d));
    await mkdir(dirname(to), { recursive: true });
    await cp(d, to, { recursive: true, verbatimSymlinks: true, filter: copyable });
  }
  const dir = join(configRoot, relative(ancestor, source));
  // A config exported from git has no .terraform: take what init installed in the service dir.
  await copyInstalled(resolve(installedFrom), dir);
  const statePath = join(tempRoot, 'terraform.tfstate');
  await writeFile(statePath, rawState);
  await writeFile(join(dir, BACKEND_OVERRIDE), backendOverride(statePath));
  return { dir, statePath };
}

/** `terraform { backend "local" { path = ... } }`: replaces a backend of any type (and a cloud block). */
export function backendOverride(statePath: string): string {
  return `# Written by unmodule migrate in a temporary copy. Never committed.\nterraform {\n  backend "local" {\n    path = ${JSON.stringify(statePath)}\n  }\n}\n`;
}

// The service dir plus every directory a `./` or `../` module source reaches, transitively.
async function localModuleClosure(root: string): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [root];
  while (queue.length) {
    const d = queue.shift()!;
    if (seen.has(d)) continue;
    seen.add(d);
    const mod = await loadModule(d);
    for (const c of mod.moduleCalls) if (c.source && /^\.\.?[\\/]/.test(c.source)) queue.push(resolve(d, c.source));
  }
  return [...seen];
}

// State, plan and backup files belong to the user's directory, not to the copy.
function copyable(path: string): boolean {
  const name = basename(path);
  if (name === '.terraform' || name === '.git' || name === 'terraform.tfstate.d') return false;
  return !/\.tfstate(\..*)?$/.test(name) && !name.endsWith('.tfplan') && name !== '.terraform.tfstate.lock.info';
}

// Remote modules as init installed them (copied: small), providers as links (large binaries).
async function copyInstalled(source: string, dir: string): Promise<void> {
  const modules = join(source, '.terraform', 'modules');
  await cp(modules, join(dir, '.terraform', 'modules'), { recursive: true, verbatimSymlinks: true }).catch(ignoreMissing);
  const providers = join(source, '.terraform', 'providers');
  const entries = await readdir(providers, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const parent = e.parentPath;
    const rel = relative(providers, join(parent, e.name));
    // host/namespace/type/version/platform: the unit init checks against the lock file.
    if (rel.split(/[\\/]/).length !== 5) continue;
    const link = join(dir, '.terraform', 'providers', rel);
    await mkdir(dirname(link), { recursive: true });
    await symlink(await realpath(join(parent, e.name)), link);
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
