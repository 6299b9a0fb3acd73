// Finding service directories under the paths a person gave: every directory holding .tf files,
// skipping .terraform (installed copies of modules) and hidden directories, minus the directories
// that a directory found there calls as a local module (they are pinned and inlined as part of
// that service). One rule for pin, batch and report.
import { readdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadModule, readConfigText } from '../config/load.js';
import type { ModuleConfig } from '../config/module.js';
import { isLocalSource } from './resolve.js';
import { describeSystemError, UserError, type ErrorLocation } from '../errors.js';

/** A directory found, with its parsed configuration or why it could not be read. */
export interface FoundService {
  dir: string;
  module?: ModuleConfig;
  error?: Error;
  /**
   * Set when the directory is a local module of a service that could not be read (so it is part
   * of no run): that service's directory. Callers report it as skipped, never as a service.
   */
  moduleOf?: string;
}

/** A path given on the command line that is not a directory. */
export class ServiceDirError extends UserError {
  constructor(message: string, location?: ErrorLocation) {
    super(message, location);
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

/**
 * Service directories under paths (recursively). A directory that another directory found there
 * calls by a local source is a module, not a service, even when that caller fails to parse:
 * dropped when its caller was read (it is part of that caller's run), else returned with moduleOf.
 */
export async function findServices(paths: string[]): Promise<FoundService[]> {
  const found: string[] = [];
  // Every bad path is named at once, each with what is wrong with it (a typo in one of several).
  const bad: string[] = [];
  let firstBad: string | undefined;
  for (const p of paths.map((x) => resolve(x))) {
    const why = await stat(p).then(
      (s) => (s.isDirectory() ? undefined : 'is a file, not a directory'),
      (err: NodeJS.ErrnoException) => describeSystemError(err, ''),
    );
    if (why) {
      bad.push(`${p}: ${why}`);
      firstBad ??= p;
    } else await walk(p, found);
  }
  if (bad.length) throw new ServiceDirError(`${bad.join('\n')}\npass service directories (or a folder that contains them)`, { dir: firstBad! });
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
  const partOf = new Set<string>();
  const unreadCaller = new Map<string, string>();
  for (const s of services) {
    const sources = s.module ? s.module.moduleCalls.map((c) => c.source ?? '') : s.error ? localSourcesInText(s.dir) : [];
    for (const src of sources.filter(isLocalSource)) {
      const target = resolve(s.dir, src);
      if (target === s.dir) continue;
      if (s.module) partOf.add(target);
      else if (!unreadCaller.has(target)) unreadCaller.set(target, s.dir);
    }
  }
  return services
    .filter((s) => !partOf.has(s.dir))
    .map((s) => (unreadCaller.has(s.dir) ? { dir: s.dir, moduleOf: unreadCaller.get(s.dir)! } : s));
}

// What a directory that does not load calls by a local source, read from the text: a `source`
// argument on a line of its own (.tf) or a "source" key (.tf.json). Terraform rejects such a
// directory anyway; this only decides which of its neighbours are its modules.
const SOURCE_LINE = /^[ \t]*source[ \t]*=[ \t]*"(\.\.?(?:\/[^"]*)?)"/gm;
const SOURCE_KEY = /"source"[ \t]*:[ \t]*"(\.\.?(?:\/[^"]*)?)"/g;

/** The local module sources a directory's files name (`./x`, `../shared`), read from the text without parsing. */
export function localSourcesInText(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json'));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names) {
    let text: string;
    try {
      text = readConfigText(join(dir, n));
    } catch {
      continue;
    }
    for (const m of text.matchAll(n.endsWith('.json') ? SOURCE_KEY : SOURCE_LINE)) out.push(m[1]!);
  }
  return out;
}
