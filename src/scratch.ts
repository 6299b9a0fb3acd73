// Scratch directories: every temp dir unmodule makes is registered here, so that an interrupt
// (Ctrl-C, SIGTERM) removes them before the process ends the way the signal asks. Only Node's own
// modules are imported: bin/run.js loads this (through terraform/prestart.ts) before the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = Symbol.for('unmodule.scratch-dirs');
// One registry per process, whichever bundled copy of this module made the directory.
const store = globalThis as { [KEY]?: Set<string> };

function live(): Set<string> {
  let dirs = store[KEY];
  if (!dirs) {
    dirs = store[KEY] = new Set();
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => interrupted(signal));
  }
  return dirs;
}

function interrupted(signal: NodeJS.Signals): void {
  for (const dir of store[KEY] ?? []) rmSync(dir, { recursive: true, force: true });
  // Then end as the signal would have (exit status 128 + its number, as shells expect).
  process.kill(process.pid, signal);
}

/** A new empty temp dir `<tmp>/<prefix>-XXXXXX`, removed on interrupt if still there. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  live().add(dir);
  return dir;
}

/** Removes a scratch dir (and forgets it). */
export async function removeScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  store[KEY]?.delete(dir);
}

/** Removes a scratch dir at once (for exit handlers and synchronous code). */
export function removeScratchSync(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  store[KEY]?.delete(dir);
}
