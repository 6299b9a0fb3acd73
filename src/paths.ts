// Path containment, one definition for every module that asks "is this directory below that one".
import { isAbsolute, relative } from 'node:path';

/** True when child lies strictly below parent; with `orSame`, also when it is parent itself. */
export function isInside(child: string, parent: string, opts: { orSame?: boolean } = {}): boolean {
  const rel = relative(parent, child);
  if (rel === '') return opts.orSame === true;
  return !rel.startsWith('..') && !isAbsolute(rel);
}
