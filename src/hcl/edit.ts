// Text edits: byte-range splices on the original text, so untouched bytes stay as they were.

/** Replace text[start, end) with `text`. Offsets are JavaScript string indices. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; throws if two overlap (an engine bug, never a user error). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Widens [start, end) to whole lines, including the line break after it. */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  const s = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  return { start: s, end: nl === -1 ? text.length : nl + 1 };
}
