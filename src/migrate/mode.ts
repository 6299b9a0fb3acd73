// How a refactor tells Terraform about the moves: `moved` blocks (the engine's default output) or
// `state mv` (a script plus the moves as JSON, and no moved.tf). Pure: a Refactor in, a Refactor out.
import { renderChanges, type FileChange, type Formatter } from '../inline/files.js';
import type { Refactor } from '../inline/refactor.js';
import { finalMoves, resolveAgainstState } from './chain.js';
import type { Move } from './move.js';
import { MOVES_FILE, renderMovesJson, renderScript, SCRIPT_FILE, scriptMoves } from './script.js';
import { shellWord } from '../shell.js';

/** `moved`: moved blocks in moved.tf. `state-mv`: state-mv.sh + state-mv.json instead. */
export type MoveMode = 'moved' | 'state-mv';

const MOVED_FILE = 'moved.tf';

/**
 * The state-mv form of a refactor: moved.tf is neither created nor edited; the script and the JSON
 * are new files. With the state's addresses the moves are exactly what the state needs; without,
 * each object's possible sources along a chain become alternatives tried in order.
 */
export function toStateMvRefactor(r: Refactor, template: string, inventory?: string[]): Refactor {
  const moves = stateMvMoves(r.moves, inventory);
  const header = (text: string) => text.replace(/see moved\.tf for the state moves\./, `see ${SCRIPT_FILE} for the state moves.`);
  return {
    ...r,
    edits: r.edits.filter((e) => e.path !== MOVED_FILE),
    newFiles: [
      ...r.newFiles.filter((f) => f.path !== MOVED_FILE).map((f) => ({ ...f, text: header(f.text) })),
      { path: SCRIPT_FILE, text: renderScript(template, r.call, scriptMoves(moves)) },
      { path: MOVES_FILE, text: renderMovesJson(r.call, moves) },
    ],
    moves,
    notes: [
      ...r.notes,
      { level: 'info', message: `no moved blocks were written; move the state with \`unmodule migrate ${shellWord(r.dir)} --execute\` (verified on a copy first, restored on failure) or \`sh ${SCRIPT_FILE}\`` },
    ],
  };
}

/** The moves a state-mv run makes: resolved against the state when known, else chain ends only. */
export function stateMvMoves(moves: Move[], inventory?: string[]): Move[] {
  if (inventory) return resolveAgainstState(moves, inventory);
  return finalMoves(moves);
}

/** Final file contents: HCL through the engine's renderer (formatted, gated), the script and JSON verbatim. */
export async function renderRefactorChanges(r: Refactor, format?: Formatter, o: { gate?: boolean } = {}): Promise<FileChange[]> {
  const isHcl = (p: string) => p.endsWith('.tf');
  const changes = await renderChanges({ ...r, newFiles: r.newFiles.filter((f) => isHcl(f.path)) }, format, o);
  return [...changes, ...r.newFiles.filter((f) => !isHcl(f.path)).map((f) => ({ path: f.path, after: f.text }))];
}
