// Finding service directories under the paths a person gave: every directory holding .tf files,
// skipping .terraform (installed copies of modules) and hidden directories, minus the directories
// that are local modules of another service (they are pinned as part of that service).
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadModule } from '../config/load.js';
import type { ModuleConfig } from '../config/module.js';
import { isLocalSource } from './resolve.js';

/** A directory found, with its parsed configuration or why it could not be read. */
export interface FoundService {
  dir: string;
  module?: ModuleConfig;
  error?: Error;
}

/** A path given on the command line that is not a directory. */
export class ServiceDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceDirError';
  }
}

const SKIP = new Set(['.terraform', 'node_modules']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) out.push(dir);
  for (const e of entries) {
    if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.')) await walk(join(dir, e.name), out);
  }
}

/** Service directories under paths (recursively); a path that itself holds .tf files is always kept. */
export async function findServices(paths: string[]): Promise<FoundService[]> {
  const explicit = new Set<string>();
  const found: string[] = [];
  for (const p of paths.map((x) => resolve(x))) {
    const s = await stat(p).catch(() => undefined);
    if (!s?.isDirectory()) throw new ServiceDirError(`${p}: not a directory; pass service directories (or a folder that contains them)`);
    const before = found.length;
    await walk(p, found);
    if (found[before] === p) explicit.add(p);
  }
  const dirs = [...new Set(found)].sort();
  const services: FoundService[] = await Promise.all(
    dirs.map(async (dir) => {
      try {
        return { dir, module: await loadModule(dir) };
      } catch (err) {
        return { dir, error: err as Error };
      }
    }),
  );
  const localModules = new Set<string>();
  for (const s of services) {
    for (const c of s.module?.moduleCalls ?? []) if (c.source && isLocalSource(c.source)) localModules.add(resolve(s.dir, c.source));
  }
  return services.filter((s) => explicit.has(s.dir) || !localModules.has(s.dir));
}
