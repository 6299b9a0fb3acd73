// The freeze step of a batch, through src/sources (issue 4). This is the one adapter between the
// batch and the sources module: if its API moves, only this file changes.
import { relative } from 'node:path';
import type { ModuleCall, ModuleConfig } from '../config/module.js';
import type { FileChange } from '../inline/files.js';
import type { GitCache } from '../sources/deployed.js';
import { planService, type CallFinding } from '../sources/service.js';
import type { RefFinding } from './types.js';

/** What the freeze step found and would write for one service. */
export interface PinStepResult {
  refs: RefFinding[];
  /** Paths relative to the service directory. */
  changes: FileChange[];
  /** Set when the step failed (a ref whose deployed commit is unknown, an unreachable remote...). */
  error?: string;
}

/**
 * Classifies the refs of the matched calls and plans their pins (reads only). The edited text is
 * neither formatted nor parsed here: the batch's format stage does both for all of a service's files.
 */
export async function pinStep(dir: string, root: ModuleConfig, calls: ModuleCall[], pattern: string, cache: GitCache): Promise<PinStepResult> {
  // A call chosen by name is pinned by its own source; a source pattern is handed on as it is.
  const byName = calls.length === 1 && calls[0]!.name === pattern;
  const sourcePattern = byName ? (calls[0]!.source ?? pattern) : pattern;
  const res = await planService(dir, { module: sourcePattern, terraform: false, gate: false, base: dir }, cache, root);
  const names = new Set(calls.map((c) => c.name));
  const refs = res.calls.filter((c) => names.has(c.key)).map(toRefFinding);
  const changes = res.files.map((f) => ({ path: relative(dir, f.path), before: f.before, after: f.after }));
  return { refs, changes, ...(res.status === 'failed' ? { error: res.errors.join('\n') } : {}) };
}

function toRefFinding(c: CallFinding): RefFinding {
  const pinTo = c.pin ? (c.pin.version ?? refOf(c.pin.source)) : undefined;
  return {
    call: c.key,
    source: c.source,
    ...(c.ref !== undefined ? { ref: c.ref } : {}),
    status: c.status,
    ...(c.deployed !== undefined ? { deployed: c.deployed } : {}),
    ...(pinTo !== undefined ? { pinTo } : {}),
    notes: [...c.notes, ...(c.error ? [c.error] : [])],
  };
}

function refOf(source: string | undefined): string | undefined {
  const m = source ? /[?&]ref=([^&]*)/.exec(source) : null;
  return m ? decodeURIComponent(m[1]!) : undefined;
}
