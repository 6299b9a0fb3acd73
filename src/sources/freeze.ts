// Step 1 of the escape plan over a fleet: find the services, plan every service's pins, and (on
// --write) write each service whole or not at all. One failing service never stops the others.
import { newGitCache } from './deployed.js';
import { findServices } from './discover.js';
import { planService, writeService, type PinOptions, type ServiceResult } from './service.js';

/** The outcome of one freeze run over many service directories. */
export interface FreezeResult {
  services: ServiceResult[];
  changed: number;
  unchanged: number;
  failed: number;
  written: boolean;
}

// Enough to overlap git and file I/O; bounded so a fleet of hundreds does not spawn hundreds of gits.
const CONCURRENCY = 4;

/** Plans (and with write, applies) pins in every service under paths. */
export async function freeze(paths: string[], opts: PinOptions & { write?: boolean }): Promise<FreezeResult> {
  // A module of a service that does not load is part of that service's failure, not a service.
  const found = (await findServices(paths)).filter((s) => !s.moduleOf);
  const cache = newGitCache();
  const services: ServiceResult[] = new Array(found.length);
  let next = 0;
  const worker = async () => {
    while (next < found.length) {
      const i = next++;
      const s = found[i]!;
      const r: ServiceResult = s.error
        ? { dir: s.dir, status: 'failed', calls: [], files: [], diff: '', errors: [s.error.message], written: false }
        : await planService(s.dir, opts, cache, s.module);
      if (opts.write && r.status === 'changed') {
        try {
          await writeService(r);
        } catch (err) {
          r.status = 'failed';
          r.errors.push((err as Error).message);
        }
      }
      services[i] = r;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, found.length) }, worker));
  return {
    services,
    changed: services.filter((s) => s.status === 'changed').length,
    unchanged: services.filter((s) => s.status === 'unchanged').length,
    failed: services.filter((s) => s.status === 'failed').length,
    written: !!opts.write,
  };
}
