// Local modules no service calls any more (the "obliterate" step). Pure: which module directories
// the services were installed with (their modules.json), which local directories are still
// called (services and, through them, nested local calls), and the folders tidy was pointed at.
import { isInside } from '../paths.js';

/** A local module directory nothing calls any more, with the services that were installed with it. */
export interface ObsoleteModule {
  dir: string;
  formerCallers: string[];
}

/**
 * Module directories that some service's modules.json records as a local module, that no service
 * (nor any module still in use) calls now, and that lie inside one of the folders given: tidy never
 * offers to delete a directory outside what it was pointed at.
 */
export function obsoleteModules(installed: { service: string; dirs: string[] }[], stillCalled: Set<string>, roots: string[], services: Set<string>): ObsoleteModule[] {
  const byDir = new Map<string, Set<string>>();
  for (const { service, dirs } of installed) {
    for (const d of dirs) {
      if (stillCalled.has(d) || services.has(d) || !roots.some((r) => isInside(d, r, { orSame: true }))) continue;
      if (roots.some((r) => r === d)) continue;
      byDir.set(d, (byDir.get(d) ?? new Set()).add(service));
    }
  }
  // A module inside another obsolete module goes with it.
  const dirs = [...byDir.keys()];
  return [...byDir]
    .filter(([dir]) => !dirs.some((o) => o !== dir && isInside(dir, o, { orSame: true })))
    .map(([dir, callers]) => ({ dir, formerCallers: [...callers].sort() }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}
