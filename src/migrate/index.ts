// The migrate step for one service directory: which moves (the JSON `inline --mode state-mv`
// wrote, a file given, or the config's moved blocks), then the safe execution or its dry run.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadModule } from '../config/load.js';
import { declaredMoves } from '../config/moved.js';
import type { TerraformOptions } from '../terraform/index.js';
import { migrate, MigrateError, type MigrateResult } from './execute.js';
import type { Move } from './move.js';
import { MOVES_FILE, parseMovesJson } from './script.js';

export { MigrateError, type MigrateResult, type MigrateStep } from './execute.js';

/** Options of `unmodule migrate`. */
export interface MigrateDirOptions {
  execute: boolean;
  /** A moves JSON file; default DIR/state-mv.json, else the config's moved blocks. */
  movesFile?: string;
  backupDir?: string;
  tf?: Omit<TerraformOptions, 'cwd'>;
}

/** Where the moves came from, for the user. */
export type MovesSource = { kind: 'file'; path: string } | { kind: 'moved-blocks' };

/** Reads the moves for `dir` and migrates (or, without execute, resolves and checks them). */
export async function migrateDir(dir: string, o: MigrateDirOptions): Promise<MigrateResult & { source: MovesSource }> {
  const declared = declaredMoves(await loadModule(dir));
  const { moves, source } = await readMoves(dir, declared, o.movesFile);
  const result = await migrate({ dir, moves, declared, dryRun: !o.execute, ...(o.tf ? { tf: o.tf } : {}), ...(o.backupDir ? { backupDir: resolve(o.backupDir) } : {}) });
  return { ...result, source };
}

async function readMoves(dir: string, declared: Move[], file?: string): Promise<{ moves: Move[]; source: MovesSource }> {
  const path = file ? resolve(file) : join(dir, MOVES_FILE);
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' && !file) return undefined;
    throw new MigrateError(`cannot read the moves file ${path}: ${err.code ?? err.message}`, []);
  });
  if (text !== undefined) {
    try {
      return { moves: parseMovesJson(text, path).moves, source: { kind: 'file', path } };
    } catch (err) {
      throw new MigrateError((err as Error).message, []);
    }
  }
  if (declared.length === 0) {
    throw new MigrateError(`no moves for ${dir}: there is no ${MOVES_FILE} (write one with \`unmodule inline --mode state-mv --write\`) and the configuration has no moved blocks`, []);
  }
  return { moves: declared, source: { kind: 'moved-blocks' } };
}
