// The state backup `migrate` takes before any mutation, and the restore from it. Terraform's own
// `state mv` backups are per-second and overwrite each other, so we keep our own: a timestamped
// file, created exclusively (never overwritten), holding the exact bytes `state pull` printed.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonEqual } from '../verify/verdict.js';
import { statePull, statePush, type TerraformOptions } from '../terraform/index.js';
import type { RawStateV4 } from '../terraform/types.js';
import { removeScratch, scratchDir } from '../scratch.js';

/** A backup on disk and what it holds. */
export interface StateBackup {
  path: string;
  raw: string;
  state: RawStateV4;
}

/** `unmodule-backup-20260126T160405123Z.tfstate`: sortable, and matched by `*.tfstate` ignores. */
export function backupName(now: Date, attempt = 0): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return `unmodule-backup-${stamp}${attempt ? `-${attempt}` : ''}.tfstate`;
}

/** Pulls the state and writes it to a new file in `dir` (a taken name gets a numeric suffix). */
export async function pullBackup(opts: TerraformOptions, dir: string, now = new Date()): Promise<StateBackup> {
  const pulled = await statePull(opts);
  for (let attempt = 0; ; attempt++) {
    const path = join(dir, backupName(now, attempt));
    try {
      await writeFile(path, pulled.raw, { flag: 'wx' });
      return { path, raw: pulled.raw, state: pulled.state };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw err;
    }
  }
}

/** Why a restore did or did not happen. */
export interface RestoreOutcome {
  restored: boolean;
  /** What was checked and done, in words, for the user. */
  detail: string;
}

/**
 * Pushes the backup back, unless someone else wrote the state meanwhile. The state must still have
 * the backup's lineage, and its serial must be one our own moves can explain (`ourSerials`): a
 * different one means a concurrent writer whose work a push would clobber. The pushed copy gets
 * the next serial (Terraform refuses an older one without -force, which we never use); the backup
 * file itself is not modified. Afterwards the state's resources are compared with the backup's.
 */
export async function restoreBackup(opts: TerraformOptions, backup: StateBackup, ourSerials: number[]): Promise<RestoreOutcome> {
  const current = (await statePull(opts)).state;
  if (current.lineage !== backup.state.lineage) {
    return { restored: false, detail: `not restored: the state's lineage is now ${current.lineage}, the backup's is ${backup.state.lineage} (the state was replaced by someone else)` };
  }
  if (!ourSerials.includes(current.serial)) {
    return {
      restored: false,
      detail: `not restored: the state's serial is ${current.serial}, but our moves leave ${ourSerials.join(' or ')} (someone else wrote the state meanwhile; pushing the backup would undo their change)`,
    };
  }
  if (jsonEqual(current.resources, backup.state.resources)) {
    return { restored: true, detail: 'nothing to restore: the state already holds exactly the backup\'s resources' };
  }
  const tmp = scratchDir('unmodule-restore');
  try {
    const file = join(tmp, `restore-${randomBytes(4).toString('hex')}.tfstate`);
    await writeFile(file, JSON.stringify({ ...JSON.parse(backup.raw), serial: current.serial + 1 }, null, 2) + '\n');
    await statePush(opts, file);
  } finally {
    await removeScratch(tmp);
  }
  const after = (await statePull(opts)).state;
  if (!jsonEqual(after.resources, backup.state.resources)) {
    return { restored: false, detail: `state push ran, but the state's resources still differ from the backup's (serial ${after.serial})` };
  }
  return { restored: true, detail: `restored with terraform state push (lineage ${after.lineage}, serial ${current.serial} → ${after.serial}); the state's resources equal the backup's` };
}
