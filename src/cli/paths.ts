// Path flags and arguments, checked before any work starts (a report must not run every plan only
// to find that its --output directory is missing). Each check names the flag and says what is wrong
// in words, never as a Node error code.
import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeSystemError, UsageError, type ErrorLocation } from '../errors.js';

function statOf(path: string, what: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    throw new UsageError(`${what} ${describeSystemError(err as NodeJS.ErrnoException, path)}`, flagOf(what, path));
  }
}

/** The location of a path check: the flag (when it was one) and the path. */
const flagOf = (what: string, path?: string): ErrorLocation => ({ ...(what.startsWith('--') ? { flag: what } : {}), ...(path ? { file: path } : {}) });

/** An existing directory (`what` is the flag, e.g. `--original`, or a word such as `DIR`): its absolute path. */
export function existingDir(value: string, what: string, cwd = process.cwd()): string {
  const path = resolve(cwd, value);
  if (!statOf(path, what).isDirectory()) throw new UsageError(`${what} ${path}: is a file, not a directory`, flagOf(what, path));
  return path;
}

/** An existing regular file: its absolute path. */
export function existingFile(value: string, what: string, cwd = process.cwd()): string {
  const path = resolve(cwd, value);
  if (statOf(path, what).isDirectory()) throw new UsageError(`${what} ${path}: is a directory, not a file`, flagOf(what, path));
  return path;
}

/** A file to write: its directory must exist, and it must not be a directory itself. */
export function outputFile(value: string, what: string, cwd = process.cwd()): string {
  const path = resolve(cwd, value);
  const parent = dirname(path);
  let s: Stats | undefined;
  try {
    s = statSync(parent);
  } catch (err) {
    throw new UsageError(`${what} ${path}: cannot be written, its directory ${describeSystemError(err as NodeJS.ErrnoException, parent).replace(`${parent}: `, `${parent} `)}; create it first`, flagOf(what, path));
  }
  if (!s.isDirectory()) throw new UsageError(`${what} ${path}: cannot be written, ${parent} is a file, not a directory`, flagOf(what, path));
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${what} ${path}: is a directory; name a file in it`, flagOf(what, path));
  } catch (err) {
    if (err instanceof UsageError) throw err;
  }
  return path;
}

/** A directory that is used if it exists and created if not: it must not be a file. */
export function creatableDir(value: string, what: string, cwd = process.cwd()): string {
  const path = resolve(cwd, value);
  try {
    if (!statSync(path).isDirectory()) throw new UsageError(`${what} ${path}: is a file, not a directory`, flagOf(what, path));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${what} ${describeSystemError(err as NodeJS.ErrnoException, path)}`, flagOf(what, path));
  }
  return path;
}
