// Human text for a PlanVerdict. Pure; commands decide where it goes.
import { shellWord } from '../shell.js';
import type { JsonValue } from '../terraform/types.js';
import { KNOWN_AFTER_APPLY, ORACLE_FAILED, SENSITIVE, type PlanVerdict, type ResourceChangeSummary } from './verdict.js';

const SYMBOL: Record<string, string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  read: '<=',
  import: '<-',
  forget: '.',
};

/** One-paragraph summary plus one line per change, move problem and output change. */
export function renderVerdict(v: PlanVerdict & { inconclusive?: boolean; oracle?: PlanVerdict }): string {
  if (v.inconclusive) {
    // Not the refactor's fault: show what the original config itself would change, which is
    // what a bug report about the oracle needs.
    const lines = [`Inconclusive: ${ORACLE_FAILED}.`];
    if (v.oracle && !v.oracle.zeroChange) {
      lines.push('The original config, planned against the state synthesized from it, still shows:', ...detailLines(v.oracle));
    }
    return lines.join('\n');
  }
  if (v.zeroChange) return headline(v);
  return [headline(v), ...detailLines(v)].join('\n');
}

/** One line per change, move problem, output change and plan problem (no headline). */
export function detailLines(v: PlanVerdict): string[] {
  const lines: string[] = [];
  for (const c of v.changes) lines.push(...renderChange(c));
  for (const o of v.outputChanges) {
    const sym = SYMBOL[o.actions.includes('delete') && o.actions.includes('create') ? 'replace' : (o.actions[0] ?? '')] ?? '~';
    lines.push(`${sym} output.${o.name}: ${renderValue(o.before)} → ${renderValue(o.after)}`);
  }
  for (const m of v.unexpectedMoves) lines.push(`unexpected move: ${m.from} → ${m.to}`);
  for (const m of v.missingMoves) lines.push(`missing move: ${m.from} → ${m.to} (expected, but the plan does not move it)`);
  for (const p of v.problems) lines.push(`plan problem: ${p}`);
  return lines;
}

function headline(v: PlanVerdict): string {
  const res = `${v.unchanged} resource${v.unchanged === 1 ? '' : 's'} unchanged`;
  const n = v.moves.length;
  const moveWord = `${n} move${n === 1 ? '' : 's'}`;
  if (v.zeroChange) {
    const moves = n === 0 ? 'no moves' : v.movesChecked ? `${moveWord} (all expected)` : moveWord;
    return `Zero change: ${res}, ${moves}.`;
  }
  const parts: string[] = [];
  if (v.changes.length) parts.push(`${v.changes.length} resource change${v.changes.length === 1 ? '' : 's'}`);
  if (v.outputChanges.length) parts.push(`${v.outputChanges.length} output change${v.outputChanges.length === 1 ? '' : 's'}`);
  if (v.unexpectedMoves.length) parts.push(`${v.unexpectedMoves.length} unexpected move${v.unexpectedMoves.length === 1 ? '' : 's'}`);
  if (v.missingMoves.length) parts.push(`${v.missingMoves.length} missing move${v.missingMoves.length === 1 ? '' : 's'}`);
  parts.push(...v.problems);
  return `Not zero change: ${parts.join(', ')} (${res}, ${moveWord}).`;
}

function renderChange(c: ResourceChangeSummary): string[] {
  const sym = SYMBOL[c.action] ?? '~';
  const moved = c.previousAddress ? ` (moved from ${c.previousAddress})` : '';
  if (c.attributes.length === 0) {
    const reason = c.actionReason ? `, ${c.actionReason}` : '';
    return [`${sym} ${c.address}${moved} (${c.action}${reason})${at(c.origin)}`];
  }
  // A replace says so on every line: the reader should not have to scroll up for it.
  const tag = c.action === 'update' ? '' : ` (${c.action})`;
  return c.attributes.map((a) => `${sym} ${c.address}${moved}${tag}: ${a.path || '(whole object)'}: ${renderValue(a.before)} → ${renderValue(a.after)}${at(a.origin ?? c.origin)}`);
}

// Where the change comes from in the written files, so the reader can open the line.
function at(origin: string | undefined): string {
  return origin ? `  [${origin}]` : '';
}

const MAX = 120;

/** A value as one short line: JSON, except the unknown/sensitive markers, truncated when long. */
export function renderValue(v: JsonValue | undefined): string {
  if (v === undefined) return '(absent)';
  if (v === KNOWN_AFTER_APPLY || v === SENSITIVE) return v;
  const s = JSON.stringify(v);
  return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s;
}

/**
 * What a zero-change verdict with moves means for the person merging it: the moves happen on
 * apply, and the moved blocks can go once every state has been applied (`unmodule tidy`).
 */
export function applyHint(moves: number, dir?: string): string | undefined {
  if (moves === 0) return undefined;
  return `Moves take effect on apply: merge, then \`terraform apply\`: ${moves} moved, 0 to add, 0 to change, 0 to destroy. Once every workspace has been applied, \`unmodule tidy${dir ? ` ${shellWord(dir)}` : ''}\` removes the moved blocks${dir ? '' : ' and the module directories no service calls'}.`;
}
