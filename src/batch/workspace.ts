// A scratch copy of one service directory where the steps run before anything real changes: pins
// and inline are written there, the verification plan runs there, and only when every step held
// (and --write was given) are the touched files copied back, all or none.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cp, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { localSourcesInText } from '../sources/discover.js';
import { commonAncestor } from '../verify/offline-workspace.js';
import { isInside } from '../paths.js';
import type { FileChange } from '../inline/files.js';
import { removeScratchSync, scratchDir } from '../scratch.js';

/** A scratch copy of a service and the files the steps changed in it. */
export interface Workspace {
  /** The copy; a plan here reads the same backend and modules as the original. */
  dir: string;
  original: string;
  touched: Set<string>;
  /** The scratch directory holding `dir`, for other scratch files of the service (a plan file). */
  scratch: string;
  /** Top-level subdirectories that are still links to the service's own (copied before a write). */
  linked?: Set<string>;
  cleanup: () => Promise<void>;
}

/**
 * A scratch copy of serviceDir. Its top-level files are copied; its subdirectories (local
 * modules, mostly) and `.terraform` are linked: only a write makes a subdirectory a copy (see
 * writeToWorkspace), and nothing writes to `.terraform` unless detachTerraformDir made it the
 * workspace's own. Creating files is the dear part on a fleet (about 1 ms each here).
 */
export async function openWorkspace(serviceDir: string): Promise<Workspace> {
  const root = scratchDir('unmodule-batch');
  // Modules beside the service (`source = "../shared"`) are linked at the same place relative to
  // the copy: Terraform joins local sources to the caller's path, so the layout is what counts.
  const outside = outsideModuleDirs(serviceDir);
  const base = outside.length ? commonAncestor([serviceDir, ...outside]) : dirname(serviceDir);
  const dir = join(root, relative(base, serviceDir));
  const linked = new Set<string>();
  try {
    mkdirSync(dir, { recursive: true });
    const placed: string[] = [];
    for (const target of outside.sort((a, b) => a.length - b.length)) {
      if (placed.some((p) => target === p || isInside(target, p))) continue;
      const at = join(root, relative(base, target));
      mkdirSync(dirname(at), { recursive: true });
      symlinkSync(target, at, 'dir');
      placed.push(target);
    }
    for (const e of readdirSync(serviceDir, { withFileTypes: true })) {
      const from = join(serviceDir, e.name);
      // Workspace states (terraform.tfstate.d) are copied: a plan locks them, writing next to them.
      if (e.isDirectory() && e.name === 'terraform.tfstate.d') copyTree(from, join(dir, e.name));
      else if (e.isDirectory()) {
        symlinkSync(from, join(dir, e.name), 'dir');
        if (e.name !== '.terraform') linked.add(e.name);
      } else if (e.isSymbolicLink()) symlinkSync(readlinkSync(from), join(dir, e.name));
      else if (e.isFile()) copyFileSync(from, join(dir, e.name));
    }
  } catch (err) {
    removeScratchSync(root);
    throw err;
  }
  return { dir, original: serviceDir, scratch: root, touched: new Set(), linked, cleanup: async () => removeScratchSync(root) };
}

/**
 * Existing directories outside serviceDir that its local module sources reach, directly or
 * through the local modules they call in turn (paths joined as Terraform joins them, without
 * following links). Read from the text, not parsed: a directory too many only costs a link.
 * A directory that holds the service itself is left out (it cannot be linked beside the copy).
 */
export function outsideModuleDirs(serviceDir: string): string[] {
  const seen = new Set([serviceDir]);
  const queue = [serviceDir];
  const outside: string[] = [];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const source of localSourcesInText(from)) {
      const target = resolve(from, source);
      if (seen.has(target) || !existsSync(target)) continue;
      seen.add(target);
      queue.push(target);
      if (!isInside(target, serviceDir) && !isInside(serviceDir, target)) outside.push(target);
    }
  }
  return outside;
}

// Copies a directory tree; links stay links.
function copyTree(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const e of readdirSync(src, { withFileTypes: true })) {
    const from = join(src, e.name);
    const to = join(dst, e.name);
    if (e.isDirectory()) copyTree(from, to);
    else if (e.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (e.isFile()) copyFileSync(from, to);
  }
}

/** Makes the linked subdirectory holding `path` (relative to the service) a copy of its own. */
function materialize(ws: Workspace, path: string): void {
  const top = path.split(/[\\/]/)[0]!;
  if (!ws.linked?.has(top) || top === path) return;
  rmSync(join(ws.dir, top));
  copyTree(join(ws.original, top), join(ws.dir, top));
  ws.linked.delete(top);
}

/**
 * Gives the workspace a .terraform of its own before init writes there: the linked one is the
 * service's. Its files (backend settings, modules) are copied; provider binaries are left out for
 * init to install from the shared plugin cache, or linked with linkProviders (when only modules
 * will be installed).
 */
export async function detachTerraformDir(ws: Workspace, o: { linkProviders?: boolean } = {}): Promise<void> {
  const link = join(ws.dir, '.terraform');
  const st = await lstat(link).catch(() => undefined);
  if (!st?.isSymbolicLink()) return;
  const shared = join(ws.original, '.terraform');
  await rm(link);
  await mkdir(link);
  for (const name of await readdir(shared)) {
    if (name !== 'providers') await cp(join(shared, name), join(link, name), { recursive: true });
    // Read-only use of the installed plugins (`terraform get` never writes there).
    else if (o.linkProviders) symlinkSync(join(shared, name), join(link, name), 'dir');
  }
}

/**
 * Writes changes (paths relative to the service) into the workspace. A scratch copy needs no
 * staging: a failed write fails the service, and the copy is thrown away.
 */
export async function writeToWorkspace(ws: Workspace, changes: FileChange[]): Promise<void> {
  for (const c of changes) {
    materialize(ws, c.path);
    const target = join(ws.dir, c.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, c.after);
    ws.touched.add(c.path);
  }
}

/** Every file the steps changed, original text before and workspace text after (sorted by path). */
export async function workspaceChanges(ws: Workspace): Promise<FileChange[]> {
  const out: FileChange[] = [];
  for (const path of [...ws.touched].sort()) {
    const before = readIfThere(join(ws.original, path));
    const after = readFileSync(join(ws.dir, path), 'utf8');
    if (before !== after) out.push({ path, ...(before !== undefined ? { before } : {}), after });
  }
  return out;
}

/** A file's text, or undefined when there is no such file. */
export function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
