// Removing moved blocks from file texts. Pure: parsed files in, new texts out. A block goes with
// the comment lines directly above it (they describe it) and one blank line, so the file reads
// as if the block had never been there; a file left with nothing but blank lines is deleted.
import { applyEdits, wholeLines, type TextEdit } from '../hcl/edit.js';
import type { Block, HclFile } from '../hcl/cst.js';
import { attrs } from '../config/module.js';
import { printExpr } from '../hcl/print.js';
import type { MovedRef } from './decide.js';

/** A moved block of a file, with its from/to as Terraform prints addresses. */
export interface MovedBlock extends MovedRef {
  block: Block;
}

/** Every moved block of the files, in file order. */
export function movedBlocks(files: HclFile[], base: (path: string) => string = (p) => p): MovedBlock[] {
  const out: MovedBlock[] = [];
  for (const f of files) {
    for (const it of f.body.items) {
      if (it.kind !== 'block' || it.type !== 'moved') continue;
      const a = attrs(it);
      const from = a.get('from');
      const to = a.get('to');
      if (!from || !to) continue;
      out.push({ from: printExpr(from.expr), to: printExpr(to.expr), file: base(f.path), line: it.span.line, block: it });
    }
  }
  return out;
}

/** One file after the removal: new text, or deleted when nothing but blank lines is left. */
export interface TidiedFile {
  path: string;
  before: string;
  after?: string;
  deleted: boolean;
}

/** The texts of the files after removing `remove` (blocks of other files are ignored). */
export function removeBlocks(files: HclFile[], remove: MovedBlock[]): TidiedFile[] {
  const out: TidiedFile[] = [];
  for (const f of files) {
    const mine = remove.filter((m) => f.body.items.includes(m.block));
    if (mine.length === 0) continue;
    const edits: TextEdit[] = mine.map((m) => blockRange(f.text, m.block));
    const after = applyEdits(f.text, edits);
    if (after.trim() === '') out.push({ path: f.path, before: f.text, deleted: true });
    else out.push({ path: f.path, before: f.text, after: after.replace(/^\n+/, '').replace(/\n{2,}$/, '\n'), deleted: false });
  }
  return out;
}

function blockRange(text: string, b: Block): TextEdit {
  let { start, end } = wholeLines(text, b.span.start, b.span.end);
  for (let i = 0; i < b.leadingComments.length; i++) start = text.lastIndexOf('\n', start - 2) + 1;
  const lineAfterEnd = text.indexOf('\n', end);
  const nextLine = text.slice(end, lineAfterEnd === -1 ? text.length : lineAfterEnd);
  const prevBlank = start === 0 || text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1).trim() === '';
  if (nextLine.trim() === '' && prevBlank && end < text.length) end = lineAfterEnd === -1 ? text.length : lineAfterEnd + 1;
  return { start, end, text: '' };
}
