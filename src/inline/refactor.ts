// The central data type: everything the engine decided, before anything touches disk.
import type { TextEdit } from '../hcl/edit.js';
import type { Move } from '../migrate/move.js';
import { UserError, type ErrorLocation } from '../errors.js';

/** Surgical edits to an existing file (module block removed, references rewritten). */
export interface FileEdit {
  /** Path relative to the service directory. */
  path: string;
  original: string;
  edits: TextEdit[];
}

/** A file the refactor creates. */
export interface NewFile {
  path: string;
  text: string;
  /** Block header (`resource "t" "n"`) → the module construct it was written from (`file:line (...)`). */
  provenance?: Record<string, string>;
}

/** Something that needs a human look, with where and why. */
export interface Note {
  level: 'info' | 'warning';
  message: string;
  file?: string;
  line?: number;
}

/** The outcome of inlining one module call, as data. */
export interface Refactor {
  dir: string;
  call: string;
  edits: FileEdit[];
  newFiles: NewFile[];
  moves: Move[];
  notes: Note[];
}

/** A refusal: the engine cannot inline exactly, so it inlines nothing. */
export class InlineError extends UserError {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    /** More of where the problem is, for --json (the flag a bad value came from, the directory). */
    more?: ErrorLocation,
  ) {
    super(
      file ? `${file}${line ? `:${line}` : ''}: ${message}` : message,
      file || more ? { ...more, ...(file ? { file } : {}), ...(line ? { line } : {}) } : undefined,
    );
    this.name = 'InlineError';
  }
}
