// The live progress of a batch. On a terminal: a block of lines redrawn in place (each running
// directory with its step and elapsed time, then the counts); finished directories scroll above
// it. Anywhere else (CI logs, pipes): one plain line per finished directory, nothing redrawn.
// Rendering is pure; ProgressDisplay only decides when and where to write.
import type { ServiceReport } from './types.js';

/** What the display knows at one moment. */
export interface ProgressState {
  total: number;
  resumed: number;
  running: Map<string, { step: string; since: number }>;
  pass: number;
  fail: number;
  skip: number;
  startedAt: number;
}

const MARK = { pass: '✓', fail: '✗', skip: '-' } as const;

/** `1m02s`, `3.4s`. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** The counts line: done/total, pass/fail/skip, elapsed. */
export function countsLine(s: ProgressState, now: number): string {
  const done = s.pass + s.fail + s.skip + s.resumed;
  const resumed = s.resumed ? `, ${s.resumed} resumed` : '';
  return `${done}/${s.total} done: ${s.pass} passed, ${s.fail} failed, ${s.skip} skipped${resumed} · ${s.running.size} running · ${formatElapsed(now - s.startedAt)}`;
}

/** The redrawn block: one line per running directory, then the counts. */
export function liveBlock(s: ProgressState, now: number, width = 100): string[] {
  const lines = [...s.running].map(([path, r]) => clip(`  … ${path}: ${r.step} (${formatElapsed(now - r.since)})`, width));
  return [...lines, clip(countsLine(s, now), width)];
}

/** The permanent line for a finished directory. */
export function finishedLine(r: ServiceReport, s: ProgressState): string {
  const done = s.pass + s.fail + s.skip + s.resumed;
  const why = r.status === 'pass' ? (r.written ? 'written' : r.verify ? 'zero change' : 'ok') : (r.reason ?? r.status);
  return `[${done}/${s.total}] ${MARK[r.status]} ${r.path}: ${why} (${formatElapsed(r.durationMs)})`;
}

function clip(line: string, width: number): string {
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** Writes progress to a stream: live on a TTY, plain lines otherwise. */
export class ProgressDisplay {
  readonly state: ProgressState;
  private drawn = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly live: boolean = !!out.isTTY && process.env.TERM !== 'dumb',
  ) {
    this.state = { total: 0, resumed: 0, running: new Map(), pass: 0, fail: 0, skip: 0, startedAt: Date.now() };
  }

  /** The run's directories are known. */
  planned(paths: string[], resumed: string[]): void {
    this.state.total = paths.length;
    this.state.resumed = resumed.length;
    this.print(`${paths.length} service director${paths.length === 1 ? 'y' : 'ies'}${resumed.length ? `, ${resumed.length} already done (resumed)` : ''}`);
    if (this.live) this.timer = setInterval(() => this.redraw(), 200).unref();
  }

  /** A directory started (or moved on to another step). */
  step(path: string, step: string): void {
    const prev = this.state.running.get(path);
    this.state.running.set(path, { step, since: prev?.since ?? Date.now() });
    this.redraw();
  }

  /** A directory finished. */
  finished(r: ServiceReport): void {
    this.state.running.delete(r.path);
    this.state[r.status]++;
    this.print(finishedLine(r, this.state));
  }

  /** Stops redrawing and leaves the final counts on screen. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.clear();
    if (this.state.total === 0) return;
    this.out.write(`${countsLine(this.state, Date.now())}\n`);
  }

  private print(line: string): void {
    this.clear();
    this.out.write(`${line}\n`);
    this.redraw();
  }

  private clear(): void {
    if (!this.live || this.drawn === 0) return;
    this.out.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private redraw(): void {
    if (!this.live) return;
    this.clear();
    const lines = liveBlock(this.state, Date.now(), (this.out.columns ?? 100) - 1);
    this.out.write(lines.join('\n') + '\n');
    this.drawn = lines.length;
  }
}
