// A scratch copy of one service directory where the steps run before anything real changes: pins
// and inline are written there, the verification plan runs there, and only when every step held
// (and --write was given) are the touched files copied back, all or none.
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeChanges, type FileChange } from '../inline/files.js';

/** A scratch copy of a service and the files the steps changed in it. */
export interface Workspace {
  /** The copy; a plan here reads the same backend and modules as the original. */
  dir: string;
  original: string;
  touched: Set<string>;
  cleanup: () => Promise<void>;
}

/**
 * Copies serviceDir (without .terraform) to a temp dir. `.terraform` is linked, not copied: it
 * holds the backend settings and installed modules a plan needs, and may hold provider binaries
 * of hundreds of MB. Nothing run in the copy writes there (no init runs in a workspace).
 */
export async function openWorkspace(serviceDir: string): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'unmodule-batch-'));
  const dir = join(root, basename(serviceDir));
  await cp(serviceDir, dir, { recursive: true, filter: (src) => basename(src) !== '.terraform' || src === serviceDir });
  if (existsSync(join(serviceDir, '.terraform'))) await symlink(join(serviceDir, '.terraform'), join(dir, '.terraform'), 'dir');
  return { dir, original: serviceDir, touched: new Set(), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Gives the workspace a .terraform of its own before init writes there: the linked one is the
 * service's. Its files (backend settings, modules) are copied; provider binaries are left out for
 * init to install from the shared plugin cache.
 */
export async function detachTerraformDir(ws: Workspace): Promise<void> {
  const link = join(ws.dir, '.terraform');
  const st = await lstat(link).catch(() => undefined);
  if (!st?.isSymbolicLink()) return;
  const shared = join(ws.original, '.terraform');
  await rm(link);
  await mkdir(link);
  for (const name of await readdir(shared)) {
    if (name !== 'providers') await cp(join(shared, name), join(link, name), { recursive: true });
  }
}

/** Writes changes (paths relative to the service) into the workspace, all or none. */
export async function writeToWorkspace(ws: Workspace, changes: FileChange[]): Promise<void> {
  await writeChanges(ws.dir, changes);
  for (const c of changes) ws.touched.add(c.path);
}

/** Every file the steps changed, original text before and workspace text after (sorted by path). */
export async function workspaceChanges(ws: Workspace): Promise<FileChange[]> {
  const out: FileChange[] = [];
  for (const path of [...ws.touched].sort()) {
    const before = await readFile(join(ws.original, path), 'utf8').catch(() => undefined);
    const after = await readFile(join(ws.dir, path), 'utf8');
    if (before !== after) out.push({ path, ...(before !== undefined ? { before } : {}), after });
  }
  return out;
}
