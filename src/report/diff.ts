// Human renderings of a refactor: a unified diff per file and the table of moves.
import { createTwoFilesPatch } from 'diff';
import type { Move } from '../migrate/move.js';
import type { FileChange } from '../inline/files.js';
import type { Note } from '../inline/refactor.js';

/** A unified diff of every changed file, `a/` and `b/` prefixed like git. */
export function renderDiff(changes: FileChange[]): string {
  return changes
    .map((c) =>
      c.before === undefined
        ? newFilePatch(c.path, c.after)
        : createTwoFilesPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.after, undefined, undefined, { context: 3 })
            .split('\n')
            .filter((l) => !l.startsWith('====='))
            .join('\n'),
    )
    .join('\n');
}

/**
 * The patch of a new file, as the diff library writes it (every line added), without running a
 * line diff against nothing: a new file can be the whole module (hundreds of KB).
 */
export function newFilePatch(path: string, text: string): string {
  const head = `--- /dev/null\n+++ b/${path}\n`;
  if (text === '') return head;
  const lines = text.split('\n');
  const complete = lines[lines.length - 1] === '';
  if (complete) lines.pop();
  return `${head}@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}\n`).join('')}${complete ? '' : '\\ No newline at end of file\n'}`;
}

/** The moves as an aligned two-column table. */
export function renderMoves(moves: Move[]): string {
  if (moves.length === 0) return 'No state moves.';
  const w = Math.max(4, ...moves.map((m) => m.from.length));
  return [`${'FROM'.padEnd(w)}  TO`, ...moves.map((m) => `${m.from.padEnd(w)}  ${m.to}`)].join('\n');
}

/** Notes with their location. */
export function renderNotes(notes: Note[]): string {
  return notes.map((n) => `${n.level === 'warning' ? 'Warning' : 'Note'}: ${n.file ? `${n.file}${n.line ? `:${n.line}` : ''}: ` : ''}${n.message}`).join('\n');
}
