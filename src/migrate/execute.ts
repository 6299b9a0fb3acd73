// `migrate --execute`: state moves on a real state, in the order that keeps it recoverable:
// preflight (sources in state, state not locked) → backup (state pull, new file) → the same moves
// on a scratch copy with a local backend, whose plan must be zero-change → the real `state mv`s →
// a real plan → on any failure after the first real move, restore the backup (checked push).
import { readFile } from 'node:fs/promises';
import { init, parseRawState, stateList, stateMv, statePull, TerraformError, type TerraformOptions } from '../terraform/index.js';
import { planJson } from '../verify/online.js';
import { renderVerdict } from '../verify/render.js';
import { judgePlan, type PlanVerdict } from '../verify/verdict.js';
import { pullBackup, restoreBackup, type RestoreOutcome, type StateBackup } from './backup.js';
import { isCoveredBy, resolveAgainstState, unreachedTargets } from './chain.js';
import type { Move } from './move.js';
import { prepareStateWorkspace } from './workspace.js';
import { holdInterrupts, removeScratch, scratchDir, type InterruptHold } from '../scratch.js';
import { UserError } from '../errors.js';

/** What to migrate. */
export interface MigrateInput {
  dir: string;
  /** The moves as declared (chains and whole-resource moves allowed); resolved against the state. */
  moves: Move[];
  /** Moves the configuration's own moved blocks declare, for judging the plans. */
  declared?: Move[];
  tf?: Omit<TerraformOptions, 'cwd'>;
  /** Where the backup goes (default: the service directory). */
  backupDir?: string;
  /** Only resolve and check (sources, lock); no backup, no moves. */
  dryRun?: boolean;
}

/** One thing that happened, in order. */
export interface MigrateStep {
  step: 'preflight' | 'backup' | 'copy-verify' | 'move' | 'plan' | 'restore';
  ok: boolean;
  detail: string;
}

/** A finished migration (or a dry run of one). */
export interface MigrateResult {
  dir: string;
  /** Instance-level moves resolved against the state, in the order run. */
  moves: Move[];
  /** Absent in a dry run or when there was nothing to move. */
  backup?: string;
  steps: MigrateStep[];
  /** The real plan after the moves. */
  verdict?: PlanVerdict;
}

/** A migration that refused or failed; the message says what happened to the state and where the backup is. */
export class MigrateError extends UserError {
  override name = 'MigrateError';
  /** Set when an interrupt (Ctrl-C...) stopped the migration; the command exits as that signal would. */
  interrupted?: NodeJS.Signals;
  constructor(
    message: string,
    readonly steps: MigrateStep[],
    readonly backup?: string,
    readonly restore?: RestoreOutcome,
  ) {
    super(message);
  }
}

/** Runs the safe state-mv path; throws MigrateError on refusal or failure (after restoring when it can). */
export async function migrate(input: MigrateInput): Promise<MigrateResult> {
  const opts: TerraformOptions = { ...input.tf, cwd: input.dir };
  const steps: MigrateStep[] = [];
  const declared = input.declared ?? [];

  const moves = await preflight(opts, input.moves, steps);
  if (moves.length === 0) return { dir: input.dir, moves, steps };
  if (input.dryRun) {
    // The dry run still proves the moves: on a copy of the pulled state (held in memory, no
    // backup file is written, nothing real moves).
    const pulled = await statePull(opts);
    await verifyOnCopy(input, { path: '', raw: pulled.raw, state: pulled.state }, moves, declared, steps);
    return { dir: input.dir, moves, steps };
  }

  // From the backup on, an interrupt (Ctrl-C) must not stop the process between two real moves:
  // it is held, the move in progress finishes, and the state is put back from the backup.
  const hold = holdInterrupts();
  try {
    return await moveWithBackup(input, opts, moves, declared, steps, hold);
  } catch (err) {
    if (err instanceof MigrateError && hold.signal) err.interrupted = hold.signal;
    throw err;
  } finally {
    hold.release();
  }
}

async function moveWithBackup(input: MigrateInput, opts: TerraformOptions, moves: Move[], declared: Move[], steps: MigrateStep[], hold: InterruptHold): Promise<MigrateResult> {
  const interrupted = () => (hold.signal ? `interrupted (${hold.signal})` : undefined);
  const backup = await pullBackup(opts, input.backupDir ?? input.dir);
  steps.push({ step: 'backup', ok: true, detail: `state pulled to ${backup.path} (serial ${backup.state.serial})` });

  const perMove = await verifyOnCopy(input, backup, moves, declared, steps);
  if (interrupted()) throw new MigrateError(`${interrupted()} before the first move; nothing was moved.\nBackup of the state: ${backup.path}`, steps, backup.path);

  let done = 0;
  try {
    for (const m of moves) {
      if (interrupted()) break;
      await stateMv(opts, m.from, m.to);
      done++;
      steps.push({ step: 'move', ok: true, detail: `${m.from} → ${m.to}` });
    }
  } catch (err) {
    const failed = moves[done]!;
    steps.push({ step: 'move', ok: false, detail: `${failed.from} → ${failed.to}: ${plain(err)}` });
    const serials = [backup.state.serial + done * perMove, backup.state.serial + (done + 1) * perMove];
    const why = interrupted() ? `${interrupted()} during move ${done + 1} of ${moves.length}` : `terraform state mv failed on move ${done + 1} of ${moves.length}`;
    throw await failAndRestore(opts, backup, serials, steps, `${why} (${failed.from} → ${failed.to}) after ${done} succeeded`);
  }
  if (interrupted()) {
    steps.push({ step: 'move', ok: false, detail: `${interrupted()} after ${done} of ${moves.length} moves` });
    throw await failAndRestore(opts, backup, [backup.state.serial + done * perMove], steps, `${interrupted()} after ${done} of ${moves.length} moves`);
  }

  let verdict: PlanVerdict;
  try {
    verdict = judgePlan(await planJson(input.dir, input.tf ?? {}), declared);
  } catch (err) {
    steps.push({ step: 'plan', ok: false, detail: plain(err) });
    throw await failAndRestore(opts, backup, [backup.state.serial + done * perMove], steps, `all ${done} moves ran, but the plan afterwards failed${interrupted() ? ` (${interrupted()})` : ''}`);
  }
  steps.push({ step: 'plan', ok: verdict.zeroChange, detail: renderVerdict(verdict) });
  if (!verdict.zeroChange) {
    throw await failAndRestore(opts, backup, [backup.state.serial + done * perMove], steps, `all ${done} moves ran, but the plan afterwards is not zero-change`);
  }
  return { dir: input.dir, moves, backup: backup.path, steps, verdict };
}

// Sources present, nothing left unmoved that should be, and nobody holding the lock.
async function preflight(opts: TerraformOptions, declared: Move[], steps: MigrateStep[]): Promise<Move[]> {
  const inState = await stateList(opts);
  const moves = resolveAgainstState(declared, inState);
  // A target already in state was moved by an earlier run: nothing to do for it.
  const missing = unreachedTargets(declared, inState).filter((t) => !inState.some((a) => isCoveredBy(a, t.to)));
  if (missing.length) {
    const lines = missing.map((t) => `  ${t.to}: none of ${t.sources.join(', ')} is in state`);
    throw new MigrateError(`refusing to migrate ${opts.cwd}: these moves' sources are missing from the state:\n${lines.join('\n')}\nNothing was changed. Run \`terraform state list\` to see what the state holds.`, steps);
  }
  if (moves.length === 0) {
    steps.push({ step: 'preflight', ok: true, detail: 'nothing to move: every target is already in state' });
    return moves;
  }
  // A dry-run state mv takes the state lock like a real one (and checks the first move), without writing.
  try {
    await stateMv(opts, moves[0]!.from, moves[0]!.to, { dryRun: true, lockTimeout: '0s' });
  } catch (err) {
    const locked = err instanceof TerraformError && /state lock/i.test(plain(err));
    const why = locked ? `the state is locked by another terraform run:\n${lockInfo(err as TerraformError)}` : plain(err);
    throw new MigrateError(`refusing to migrate ${opts.cwd}: ${why}\nNothing was changed.`, steps);
  }
  steps.push({ step: 'preflight', ok: true, detail: `${moves.length} move(s); every source is in state; the state lock is free` });
  return moves;
}

// The moves on a scratch copy of the state; returns how much one `state mv` raises the serial.
async function verifyOnCopy(input: MigrateInput, backup: StateBackup, moves: Move[], declared: Move[], steps: MigrateStep[]): Promise<number> {
  // A dry run holds the pulled state in memory only (path ''): there is no backup file to name.
  const where = backup.path ? `\nThe backup taken first is at ${backup.path}.` : '\nThis was a dry run: nothing was written.';
  const temp = scratchDir('unmodule-migrate');
  try {
    const ws = await prepareStateWorkspace(input.dir, temp, backup.raw);
    // The copy must not share the user's .terraform or pick a workspace its local backend lacks.
    const env = { ...input.tf?.env, TF_DATA_DIR: undefined, TF_WORKSPACE: undefined };
    const t: TerraformOptions = { ...input.tf, cwd: ws.dir, env };
    await init(t);
    for (const m of moves) await stateMv(t, m.from, m.to);
    const after = parseRawState(await readFile(ws.statePath, 'utf8'));
    const verdict = judgePlan(await planJson(ws.dir, { ...input.tf, env }, { lock: false }), declared);
    if (!verdict.zeroChange) {
      steps.push({ step: 'copy-verify', ok: false, detail: renderVerdict(verdict) });
      throw new MigrateError(
        `the moves do not give a zero-change plan on a copy of the state, so the real state was not touched.\n${renderVerdict(verdict)}${where}`,
        steps,
        backup.path || undefined,
      );
    }
    steps.push({ step: 'copy-verify', ok: true, detail: `on a copy of the state: ${renderVerdict(verdict)}` });
    return Math.max(1, Math.round((after.serial - backup.state.serial) / moves.length));
  } catch (err) {
    if (err instanceof MigrateError) throw err;
    steps.push({ step: 'copy-verify', ok: false, detail: plain(err) });
    throw new MigrateError(`trying the moves on a copy of the state failed, so the real state was not touched:\n${plain(err)}${where}`, steps, backup.path || undefined);
  } finally {
    await removeScratch(temp);
  }
}

async function failAndRestore(opts: TerraformOptions, backup: StateBackup, serials: number[], steps: MigrateStep[], what: string): Promise<MigrateError> {
  let outcome: RestoreOutcome;
  try {
    outcome = await restoreBackup(opts, backup, serials);
  } catch (err) {
    outcome = { restored: false, detail: `restore failed: ${plain(err)}` };
  }
  steps.push({ step: 'restore', ok: outcome.restored, detail: outcome.detail });
  const lines = [`${what}.`];
  if (outcome.restored) lines.push(`The state was rolled back: ${outcome.detail}.`);
  else lines.push(`The state was NOT rolled back (${outcome.detail}).`, `To restore by hand, check nobody else changed it, then: terraform state push ${backup.path}`);
  lines.push(`Backup of the state before any move: ${backup.path}`);
  const failures = steps.filter((s) => !s.ok && s.step !== 'restore').map((s) => `  ${s.step}: ${s.detail.split('\n').join('\n    ')}`);
  if (failures.length) lines.push('What failed:', ...failures);
  return new MigrateError(lines.join('\n'), steps, backup.path, outcome);
}

// Terraform colours the state verbs' output even into a pipe (they take no -no-color).
function plain(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  // eslint-disable-next-line no-control-regex
  return msg.replace(/\x1b\[[0-9;]*m/g, '');
}

function lockInfo(err: TerraformError): string {
  // eslint-disable-next-line no-control-regex
  const text = err.stderr.replace(/\x1b\[[0-9;]*m/g, '').replace(/^[│╷╵]\s?/gmu, '');
  const info = text.split('\n').filter((l) => /^\s+(ID|Path|Operation|Who|Created):/.test(l));
  return info.length ? info.join('\n') : plain(err);
}
