// Scratch directories and interrupts. Every temp dir unmodule makes is registered here, so that
// an interrupt (Ctrl-C, SIGTERM, SIGHUP) removes them before the process ends the way the signal
// asks; and code that must not stop halfway (moving a real state) can hold interrupts: the first
// one is then recorded for it to wind down by itself, a second one ends the process as usual.
// Only Node's own modules are imported: bin/run.js loads this (through terraform/prestart.ts)
// before the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = Symbol.for('unmodule.scratch');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

interface Registry {
  dirs: Set<string>;
  listener: (signal: NodeJS.Signals) => void;
  hold: { depth: number; signal?: NodeJS.Signals };
}

// One registry per process, whichever bundled copy of this module made the directory.
const store = globalThis as { [KEY]?: Registry };

function registry(): Registry {
  let r = store[KEY];
  if (!r) {
    // A lasting listener, not `once`: with it gone, execa's exit handler would take the first
    // signal as its own and end the process even while interrupts are held.
    r = store[KEY] = { dirs: new Set(), listener: interrupted, hold: { depth: 0 } };
    for (const signal of SIGNALS) process.on(signal, r.listener);
  }
  return r;
}

function interrupted(signal: NodeJS.Signals): void {
  const r = store[KEY]!;
  if (r.hold.depth > 0 && !r.hold.signal) {
    r.hold.signal = signal;
    process.stderr.write(`\nunmodule: ${signal} received; finishing the step in progress and putting the state back. Interrupt again to stop at once (the state may then be left half-moved).\n`);
    return;
  }
  for (const dir of r.dirs) rmSync(dir, { recursive: true, force: true });
  // Then end as the signal would have (exit status 128 + its number, as shells expect).
  for (const s of SIGNALS) process.removeListener(s, r.listener);
  process.kill(process.pid, signal);
}

/** A hold on interrupts: `signal` says whether one came meanwhile; release when done. */
export interface InterruptHold {
  readonly signal: NodeJS.Signals | undefined;
  release(): void;
}

/**
 * Holds interrupts while code that must not stop halfway runs: the first interrupt is recorded
 * (the code checks `signal` between its steps and winds down), a second one ends the process.
 */
export function holdInterrupts(): InterruptHold {
  const hold = registry().hold;
  hold.depth++;
  let released = false;
  return {
    get signal() {
      return hold.signal;
    },
    release() {
      if (released) return;
      released = true;
      if (--hold.depth === 0) hold.signal = undefined;
    },
  };
}

/** A new empty temp dir `<tmp>/<prefix>-XXXXXX`, removed on interrupt if still there. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  registry().dirs.add(dir);
  return dir;
}

/** Removes a scratch dir (and forgets it). */
export async function removeScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  store[KEY]?.dirs.delete(dir);
}

/** Removes a scratch dir at once (for exit handlers and synchronous code). */
export function removeScratchSync(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  store[KEY]?.dirs.delete(dir);
}
