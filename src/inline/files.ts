// Turning a Refactor into final file contents, and writing them all or none.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { applyEdits } from '../hcl/edit.js';
import { formatHcl } from '../hcl/format.js';
import { gateFiles } from '../hcl/reference.js';
import { LexError } from '../hcl/lex.js';
import { constructAt, gateWrite, type GateTerraform } from './gate.js';
import { InlineError, type Refactor } from './refactor.js';

/** One file's content before and after the refactor (before undefined: a new file). */
export interface FileChange {
  path: string;
  before?: string;
  after: string;
  /** Block header (`resource "t" "n"`) → the module construct it was written from (`file:line (...)`). */
  provenance?: Record<string, string>;
}

/** Formats HCL text. */
export type Formatter = (text: string) => Promise<string>;

/** `terraform fmt`, in process (src/hcl/format.ts). */
export const hclFormatter: Formatter = async (text) => formatHcl(text);

/**
 * The final text of every file the refactor touches, formatted and gated by the reference
 * parser (unless the caller gates them itself). Edited files are formatted only when the original already was (never reformat a
 * user's untouched lines); new files always are.
 */
export async function renderChanges(r: Refactor, format?: Formatter, o: { gate?: boolean } = {}): Promise<FileChange[]> {
  const out: FileChange[] = [];
  for (const e of r.edits) {
    let after = applyEdits(e.original, e.edits);
    if (format && (await isFormatted(e.original, format))) after = await formatted({ path: e.path, before: e.original, after }, format);
    if (after !== e.original) out.push({ path: e.path, before: e.original, after });
  }
  for (const f of r.newFiles) {
    const change: FileChange = { path: f.path, after: f.text, ...(f.provenance ? { provenance: f.provenance } : {}) };
    out.push({ ...change, after: format ? await formatted(change, format) : f.text });
  }
  // gate: false only for a caller that gates the texts itself before anything reads them (batch).
  const failures = o.gate === false ? [] : await gateFiles(out.map((c) => ({ path: c.path, text: c.after })));
  if (failures.length) {
    throw new InlineError(
      `unmodule produced HCL that hashicorp/hcl rejects; this is an unmodule bug and nothing was written:\n${failures.map((f) => `  ${f.message}`).join('\n')}`,
    );
  }
  return out;
}

/**
 * The formatted text of a change. Text the formatter cannot read is text unmodule wrote wrongly:
 * a refusal naming the written line and the module construct it came from, never a stack trace.
 */
async function formatted(change: FileChange, format: Formatter): Promise<string> {
  try {
    return await format(change.after);
  } catch (err) {
    if (!(err instanceof LexError)) throw err;
    const line = change.after.slice(0, err.offset).split('\n').length;
    const from = constructAt(change, line);
    const origin = from && /written from ([^:]+):(\d+)/.exec(from);
    throw new InlineError(
      `unmodule produced HCL it cannot read back (${err.message.replace(/ at offset \d+/, '')}) at ${change.path}:${line}${from ? `, ${from}` : ''}; this is an unmodule bug and nothing was written. Until it is fixed, leave this module call as it is or inline it by hand.`,
      origin?.[1],
      origin ? Number(origin[2]) : undefined,
    );
  }
}

async function isFormatted(text: string, format: Formatter): Promise<boolean> {
  try {
    return (await format(text)) === text;
  } catch {
    return false;
  }
}

/** How writeChanges gates: `terraform` also runs terraform validate on a scratch copy. */
export interface WriteOptions {
  terraform?: GateTerraform;
  /** Hears what the gate could not check (e.g. validate skipped offline). */
  onNote?: (message: string) => void;
}

/**
 * Writes all changes or none: the write gate first (the rewritten directory must load as
 * Terraform loads it), then every new content is staged next to its target; only when all are
 * staged are they renamed into place, and a failed rename restores what was renamed.
 * A file whose current bytes differ from what the refactor was planned against is refused.
 */
export async function writeChanges(dir: string, changes: FileChange[], o: WriteOptions = {}): Promise<string[]> {
  for (const c of changes) {
    const current = await readFile(join(dir, c.path), 'utf8').catch(() => undefined);
    if (current !== c.before) {
      throw new InlineError(`${c.path} changed on disk since unmodule read it (or appeared); run unmodule again. Nothing was written.`);
    }
  }
  const gate = await gateWrite(dir, changes, o.terraform);
  for (const n of gate.notes) o.onNote?.(n);
  const staged: { tmp: string; target: string; before?: string }[] = [];
  try {
    for (const c of changes) {
      const target = join(dir, c.path);
      const tmp = join(dirname(target), `.${basename(target)}.unmodule-${randomBytes(4).toString('hex')}`);
      await writeFile(tmp, c.after, { flag: 'wx' });
      staged.push({ tmp, target, before: c.before });
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw new InlineError(`could not stage the new files in ${dir} (${(err as Error).message}); nothing was written`);
  }
  const done: typeof staged = [];
  try {
    for (const s of staged) {
      await rename(s.tmp, s.target);
      done.push(s);
    }
  } catch (err) {
    for (const s of done.reverse()) {
      if (s.before === undefined) await rm(s.target, { force: true });
      else await writeFile(s.target, s.before);
    }
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw new InlineError(`writing ${dir} failed (${(err as Error).message}); the files written so far were restored`);
  }
  return changes.map((c) => c.path);
}
