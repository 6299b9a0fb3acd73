// Path containment, one definition for every module that asks "is this directory below that one",
// and the program a name or path runs, one definition for the flag check and the schema cache key.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, resolve } from 'node:path';

/** True when child lies strictly below parent; with `orSame`, also when it is parent itself. */
export function isInside(child: string, parent: string, opts: { orSame?: boolean } = {}): boolean {
  const rel = relative(parent, child);
  if (rel === '') return opts.orSame === true;
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** True when bin is a path (`./tf`, `/usr/bin/terraform`) rather than a name to look up on PATH. */
export function isProgramPath(bin: string): boolean {
  return bin.includes('/') || isAbsolute(bin) || (process.platform === 'win32' && bin.includes('\\'));
}

/**
 * The absolute path of the file that running `bin` starts, as a spawn finds it: a path is read
 * from cwd, a name is looked up in the directories of pathEnv (a PATH value) in order. Only a
 * regular file this process may execute counts; undefined when there is none.
 */
export function findProgram(bin: string, cwd: string, pathEnv: string): string | undefined {
  const candidates = isProgramPath(bin) ? [resolve(cwd, bin)] : pathEnv.split(delimiter).filter((d) => d !== '').map((d) => resolve(cwd, join(d, bin)));
  return candidates.find(isRunnable);
}

function isRunnable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
