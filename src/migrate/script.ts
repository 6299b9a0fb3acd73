// The state-mv artifacts `inline --mode state-mv` writes instead of moved.tf: a POSIX sh script
// (from templates/state-mv.sh) and the same moves as JSON. Pure: moves in, file texts out.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_DIR } from '../templates.js';
import type { Move } from './move.js';
import { shQuote } from '../shell.js';

/** Where `inline --mode state-mv` puts the script, relative to the service directory. */
export const SCRIPT_FILE = 'state-mv.sh';
/** Where it puts the moves as JSON; `migrate` reads them from here by default. */
export const MOVES_FILE = 'state-mv.json';

const TEMPLATE = join(TEMPLATE_DIR, 'state-mv.sh');

/** One object to move: its final address and every address it may be at in state (chains). */
export interface ScriptMove {
  to: string;
  /** One source: a plain `state mv`. Several: the first one present in state is moved. */
  sources: string[];
}

/** The JSON file's shape. */
export interface MovesFileJson {
  /** The module call the moves came from. */
  call: string;
  /** Moves in the order they run; `from` exactly as Terraform prints addresses. */
  moves: Move[];
}

export { shQuote };

/** Groups moves by target, keeping first-seen order: several sources of one target are alternatives. */
export function scriptMoves(moves: Move[]): ScriptMove[] {
  const byTarget = new Map<string, string[]>();
  for (const m of moves) byTarget.set(m.to, [...(byTarget.get(m.to) ?? []), m.from]);
  return [...byTarget].map(([to, sources]) => ({ to, sources: [...new Set(sources)] }));
}

/** The script text from the template: a state backup, then one line per object. */
export function renderScript(template: string, call: string, moves: ScriptMove[]): string {
  const lines = moves.map((m) =>
    m.sources.length === 1
      ? `"$TERRAFORM" state mv ${shQuote(m.sources[0]!)} ${shQuote(m.to)}`
      : `mv_first_present ${[m.to, ...m.sources].map(shQuote).join(' ')}`,
  );
  const values: Record<string, string> = {
    // A comment ends at a newline, so the title must not carry one.
    title: `State moves for module "${call}"`.replace(/[\r\n]/g, ' '),
    moves: lines.join('\n'),
    count: String(moves.length),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/** Reads templates/state-mv.sh. */
export async function loadScriptTemplate(): Promise<string> {
  return readFile(TEMPLATE, 'utf8');
}

/** The JSON text of the moves file. */
export function renderMovesJson(call: string, moves: Move[]): string {
  const json: MovesFileJson = { call, moves: moves.map((m) => ({ from: m.from, to: m.to })) };
  return JSON.stringify(json, null, 2) + '\n';
}

/** Parses a moves file; throws a plain Error naming what is wrong. */
export function parseMovesJson(text: string, file: string): MovesFileJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not JSON (${(err as Error).message})`);
  }
  const o = json as Partial<MovesFileJson>;
  const ok = Array.isArray(o.moves) && o.moves.every((m) => typeof m?.from === 'string' && typeof m?.to === 'string');
  if (!ok) throw new Error(`${file}: expected {"call": "...", "moves": [{"from": "...", "to": "..."}]}`);
  return { call: typeof o.call === 'string' ? o.call : '', moves: o.moves! };
}

/** The script template's path, for messages. */
export const SCRIPT_TEMPLATE_PATH = join('templates', 'state-mv.sh');
