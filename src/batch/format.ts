// Formatting and gating the files a batch writes, before the plan: the bytes verified are the
// bytes written. Formatting is `terraform fmt` in process (src/hcl/format.ts); the gate is the
// reference parser (hashicorp/hcl). As in `unmodule inline`, an edited file is formatted only when
// the service's own copy was already formatted; new files always are.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHcl } from '../hcl/format.js';
import { gateFiles } from '../hcl/reference.js';
import { readIfThere, type Workspace } from './workspace.js';

interface Slot {
  path: string;
  before?: string;
  after: string;
}

/**
 * Gates and formats the touched files of many workspaces. Returns, per workspace whose text
 * hashicorp/hcl rejects, why (nothing of it is formatted); the others are formatted in place.
 */
export async function formatWorkspaces(wss: Workspace[]): Promise<Map<Workspace, Error>> {
  const failed = new Map<Workspace, Error>();
  // Synchronous file calls throughout: many small files, where each async call costs more than the I/O.
  for (const ws of wss) {
    const slots: Slot[] = [];
    for (const path of [...ws.touched].sort()) {
      if (!/\.(tf|tfvars)$/.test(path)) continue;
      const before = readIfThere(join(ws.original, path));
      slots.push({ path, ...(before !== undefined ? { before } : {}), after: readFileSync(join(ws.dir, path), 'utf8') });
    }
    const failures = await gateFiles(slots.map((s) => ({ path: join(ws.original, s.path), text: s.after })));
    if (failures.length) {
      failed.set(ws, new Error(`unmodule produced HCL that hashicorp/hcl rejects; this is an unmodule bug and nothing was written:\n${failures.map((f) => `  ${f.message}`).join('\n')}`));
      continue;
    }
    for (const s of slots) {
      if (s.before !== undefined && !isFormatted(s.before)) continue;
      const formatted = formatHcl(s.after);
      if (formatted !== s.after) writeFileSync(join(ws.dir, s.path), formatted);
    }
  }
  return failed;
}

function isFormatted(text: string): boolean {
  try {
    return formatHcl(text) === text;
  } catch {
    return false;
  }
}

/**
 * Formats workspaces as they become ready, as many per terraform run as possible: a run starts
 * when `due()` says so (the planners have nothing to do, or enough is queued) or once flushing,
 * and takes everything queued. `done` hears of each workspace once, with the error if it failed.
 */
export class FormatStage<T extends { ws?: Workspace }> {
  private waiting: T[] = [];
  private running: Promise<void> | undefined;
  private flushing = false;

  constructor(
    private readonly done: (item: T, err?: Error) => void,
    private readonly due: (queued: number) => boolean = () => true,
  ) {}

  add(item: T): void {
    this.waiting.push(item);
    this.kick();
  }

  /** Starts a run if one is due (call when what `due` looks at has changed). */
  kick(): void {
    if (this.running || this.waiting.length === 0 || !(this.flushing || this.due(this.waiting.length))) return;
    const items = this.waiting.splice(0);
    this.running = formatWorkspaces(items.flatMap((i) => (i.ws ? [i.ws] : [])))
      .then(
        (failed) => items.forEach((i) => this.done(i, i.ws && failed.get(i.ws))),
        (err: unknown) => items.forEach((i) => this.done(i, err instanceof Error ? err : new Error(String(err)))),
      )
      .finally(() => {
        this.running = undefined;
        this.kick();
      });
  }

  /** Formats whatever is queued or comes later without waiting for due(); resolves once all is done. */
  async flush(): Promise<void> {
    this.flushing = true;
    this.kick();
    while (this.running) await this.running;
  }
}
