// terraform fmt for the files a batch writes, which is also their parse gate. Spawning terraform
// costs about as much as planning a small service, so the steps write plain text into the
// workspaces, and the files of every workspace that is ready are formatted together in one
// `terraform fmt DIR` run, before the plan: the bytes verified are the bytes written. terraform fmt
// parses with hashicorp/hcl, as the reference gate does (which serves when terraform is missing). As in `unmodule inline`, an edited file is
// formatted only when the service's own copy was already formatted; new files always are.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gateFiles } from '../hcl/reference.js';
import { fmtDir, TerraformNotFoundError, type TerraformOptions } from '../terraform/index.js';
import { readIfThere, type Workspace } from './workspace.js';
import { removeScratchSync, scratchDir } from '../scratch.js';

interface Slot {
  ws: Workspace;
  path: string;
  before?: string;
  after: string;
}

/**
 * Formats the touched files of many workspaces with one terraform run. Returns, per workspace
 * that could not be formatted, why (the others are formatted in place). Without terraform
 * installed the files stay as written: valid HCL, only the layout differs.
 */
export async function formatWorkspaces(wss: Workspace[], tf: Omit<TerraformOptions, 'cwd'>): Promise<Map<Workspace, Error>> {
  const slots: Slot[] = [];
  // Synchronous file calls throughout: many small files, where each async call costs more than the I/O.
  for (const ws of wss) {
    for (const path of [...ws.touched].sort()) {
      if (!/\.(tf|tfvars)$/.test(path)) continue;
      const before = readIfThere(join(ws.original, path));
      slots.push({ ws, path, ...(before !== undefined ? { before } : {}), after: readFileSync(join(ws.dir, path), 'utf8') });
    }
  }
  const failed = new Map<Workspace, Error>();
  if (slots.length === 0) return failed;
  const dir = scratchDir('unmodule-fmt');
  try {
    // Each text under its own name in one directory: f<i>a is the new text, f<i>b the service's.
    const name = (i: number, which: 'a' | 'b') => join(dir, `f${i}${which}${extname(slots[i]!.path)}`);
    slots.forEach((s, i) => {
      writeFileSync(name(i, 'a'), s.after);
      if (s.before !== undefined) writeFileSync(name(i, 'b'), s.before);
    });
    let ok: boolean;
    try {
      ok = await fmtDir(dir, { ...tf, cwd: dir });
    } catch (err) {
      if (!(err instanceof TerraformNotFoundError)) throw err;
      // No terraform: the files stay as written, and the reference parser is the gate.
      for (const ws of wss) await gate(ws, slots, failed);
      return failed;
    }
    if (!ok) {
      // Some text is not valid HCL: format the workspaces one by one to find whose, and say why.
      if (wss.length === 1) await gate(wss[0]!, slots, failed, true);
      else for (const ws of wss) for (const [w, e] of await formatWorkspaces([ws], tf)) failed.set(w, e);
      return failed;
    }
    for (const [i, s] of slots.entries()) {
      const wasFormatted = s.before === undefined || readFileSync(name(i, 'b'), 'utf8') === s.before;
      if (!wasFormatted) continue;
      const formatted = readFileSync(name(i, 'a'), 'utf8');
      if (formatted !== s.after) writeFileSync(join(s.ws.dir, s.path), formatted);
    }
    return failed;
  } finally {
    removeScratchSync(dir);
  }
}

/** Parses a workspace's texts with hashicorp/hcl (the reference parser); records a failure with its diagnostics. */
async function gate(ws: Workspace, slots: Slot[], failed: Map<Workspace, Error>, fmtRejected = false): Promise<void> {
  const mine = slots.filter((s) => s.ws === ws);
  const failures = await gateFiles(mine.map((s) => ({ path: join(ws.original, s.path), text: s.after })));
  if (failures.length === 0 && !fmtRejected) return;
  const why = failures.length ? failures.map((f) => `  ${f.message}`).join('\n') : `  terraform fmt rejected one of ${mine.map((s) => s.path).join(', ')}`;
  failed.set(ws, new Error(`unmodule produced HCL that hashicorp/hcl rejects; this is an unmodule bug and nothing was written:\n${why}`));
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
    private readonly tf: Omit<TerraformOptions, 'cwd'>,
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
    this.running = formatWorkspaces(
      items.flatMap((i) => (i.ws ? [i.ws] : [])),
      this.tf,
    )
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
