// How a path is shown to a person: short when it lies below where they are, whole otherwise.
import { relative } from 'node:path';

/** A path relative to base when it lies below it, absolute otherwise (never `../../..`). */
export function displayPath(base: string, p: string): string {
  const r = relative(base, p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
}
