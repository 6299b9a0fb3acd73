// Path flags and arguments, checked before any work starts (a report must not run every plan only
// to find that its --output directory is missing). Each check names the flag and says what is wrong
// in words, never as a Node error code.
import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeSystemError, UsageError, type ErrorLocation } from '../errors.js';
import { findProgram, isProgramPath } from '../paths.js';

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

/**
 * A program to run, given as a path (`./bin/terraform`: made absolute, since terraform runs in
 * the service directory) or as a name found on PATH (`tofu`: kept as given). Refused before any
 * work when it is missing or cannot be run: a run that cannot start terraform would otherwise go
 * on without it (no inventory, no validate) or fail on every directory.
 */
export function runnableProgram(value: string, what: string, cwd = process.cwd()): string {
  const fix = `pass the path of a terraform (or tofu) binary to ${what}, or leave ${what} out to run terraform from PATH`;
  if (!isProgramPath(value)) {
    if (process.platform === 'win32') return value;
    if (!findProgram(value, cwd, process.env.PATH ?? '')) throw new UsageError(`${what}: terraform binary '${value}' not found on PATH; ${fix}`, { flag: what, command: value });
    return value;
  }
  const found = findProgram(value, cwd, '');
  if (found) return found;
  // Not runnable: say why.
  const path = resolve(cwd, value);
  let s: Stats;
  try {
    s = statSync(path);
  } catch (err) {
    throw new UsageError(`${what}: terraform binary '${value}' not found (${path} ${describeSystemError(err as NodeJS.ErrnoException, '')}); ${fix}`, { flag: what, file: path });
  }
  if (s.isDirectory()) throw new UsageError(`${what}: terraform binary '${value}' is a directory, not a program; ${fix}`, { flag: what, file: path });
  throw new UsageError(`${what}: terraform binary '${value}' cannot be run (not executable: chmod +x it); ${fix}`, { flag: what, file: path });
}
