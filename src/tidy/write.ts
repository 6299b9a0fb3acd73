// Carrying out a tidy plan: every file edit, file deletion and module directory deletion, or none.
// Deletions are renames to a hidden sibling first (undone if anything fails), removed for good
// only once every edit is in place.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeChanges } from '../inline/files.js';
import type { TidyPlan } from './index.js';
import { TidyError } from './index.js';

/** What was written and deleted, relative to base. */
export interface TidyWritten {
  written: string[];
  deleted: string[];
}

/** Applies the plan (paths in it are relative to base). */
export async function writeTidy(plan: TidyPlan, base: string = process.cwd()): Promise<TidyWritten> {
  const edits = plan.services.flatMap((s) => s.files.filter((f) => !f.deleted).map((f) => ({ dir: resolve(base, s.dir), change: { path: f.path, before: f.before, after: f.after! } })));
  const removals = [
    ...plan.services.flatMap((s) => s.files.filter((f) => f.deleted).map((f) => ({ path: resolve(base, s.dir, f.path), before: f.before as string | undefined }))),
    ...plan.obsoleteModules.map((m) => ({ path: resolve(base, m.dir), before: undefined })),
  ];
  for (const r of removals) {
    if (r.before === undefined) continue;
    const now = await readFile(r.path, 'utf8').catch(() => undefined);
    if (now !== r.before) throw new TidyError(`${r.path} changed on disk since unmodule read it; run unmodule tidy again. Nothing was written.`);
  }
  const trashed: { from: string; to: string }[] = [];
  const restore = async () => {
    for (const t of trashed.reverse()) await rename(t.to, t.from).catch(() => undefined);
  };
  try {
    for (const r of removals) {
      const to = join(dirname(r.path), `.${basename(r.path)}.unmodule-tidy-${randomBytes(4).toString('hex')}`);
      await rename(r.path, to);
      trashed.push({ from: r.path, to });
    }
  } catch (err) {
    await restore();
    throw new TidyError(`could not remove ${(err as NodeJS.ErrnoException).path ?? 'a path'} (${(err as Error).message}); nothing was changed`);
  }
  const written: string[] = [];
  const byDir = new Map<string, (typeof edits)[number]['change'][]>();
  for (const e of edits) byDir.set(e.dir, [...(byDir.get(e.dir) ?? []), e.change]);
  const done: { dir: string; changes: (typeof edits)[number]['change'][] }[] = [];
  try {
    for (const [dir, changes] of byDir) {
      await writeChanges(dir, changes);
      done.push({ dir, changes });
      written.push(...changes.map((c) => join(dir, c.path)));
    }
  } catch (err) {
    // Put back what other directories already got, then the deleted paths.
    for (const d of done) await writeChanges(d.dir, d.changes.map((c) => ({ path: c.path, before: c.after, after: c.before! })));
    await restore();
    throw err;
  }
  await Promise.all(trashed.map((t) => rm(t.to, { recursive: true, force: true })));
  return { written, deleted: removals.map((r) => r.path) };
}
