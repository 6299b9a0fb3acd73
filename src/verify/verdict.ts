// The zero-change verdict, judged from `terraform show -json` of a plan (never from the exit code:
// a plan with only moves exits 2 under -detailed-exitcode). Pure: plan JSON in, verdict out.
import { composeMoves, isCoveredBy } from '../migrate/chain.js';
import type { Move } from '../migrate/move.js';
import type { Change, ChangeAction, JsonValue, PlanJson, ResourceChange, StateModule } from '../terraform/types.js';
import { IDENTIFIER } from '../hcl/ast.js';

/** The problem of an offline verdict whose oracle failed: the refactor was not judged. */
export const ORACLE_FAILED =
  "offline oracle could not reproduce the original config's state (this is an unmodule bug / unsupported provider behaviour)";

/** Shown instead of a value marked sensitive in the plan. */
export const SENSITIVE = '(sensitive)';
/** Shown instead of a value that is unknown until apply. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** One attribute path whose value differs, with display values (masked where sensitive). */
export interface AttributeChange {
  /** e.g. `tags.Service`, `rule[0].filter.prefix`, `tags["a b"]`. */
  path: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
  /** `file:line` of the attribute in the configuration, when known (see origin.ts). */
  origin?: string;
}

/** A resource instance the plan would change (anything but no-op, or a data read). */
export interface ResourceChangeSummary {
  address: string;
  previousAddress?: string;
  mode: 'managed' | 'data';
  type: string;
  actions: ChangeAction[];
  /** One word for the actions: create, update, replace, delete, forget, import, read. */
  action: string;
  actionReason?: string;
  importing: boolean;
  /** Differing attribute paths (updates and replaces; empty for plain creates and deletes). */
  attributes: AttributeChange[];
  /** `file:line` of the resource block in the configuration, when known (see origin.ts). */
  origin?: string;
}

/** A root output the plan would change. */
export interface OutputChangeSummary {
  name: string;
  actions: ChangeAction[];
  before: JsonValue | undefined;
  after: JsonValue | undefined;
}

/** A move Terraform planned (previous_address → address). */
export interface PlannedMove extends Move {
  /** True when it matches an expected move (always true when no expectations were given). */
  expected: boolean;
}

/** The judgement of one plan. */
export interface PlanVerdict {
  /** Every resource no-op (or data read), no import, no output change, moves exactly as expected. */
  zeroChange: boolean;
  /** Managed resource instances planned as no-op (moved ones included). */
  unchanged: number;
  moves: PlannedMove[];
  /** Whether moves were checked against a list of expected moves. */
  movesChecked: boolean;
  changes: ResourceChangeSummary[];
  outputChanges: OutputChangeSummary[];
  unexpectedMoves: Move[];
  missingMoves: Move[];
  /** Plan-level problems (errored or incomplete plan). */
  problems: string[];
}

/** Judges a plan; with expectedMoves, every planned move must be expected and every expected one planned. */
export function judgePlan(plan: PlanJson, expectedMoves?: Move[]): PlanVerdict {
  const changes: ResourceChangeSummary[] = [];
  const moves: PlannedMove[] = [];
  let unchanged = 0;
  for (const rc of plan.resource_changes ?? []) {
    const a = rc.change.actions;
    const quiet = isNoop(a) || (rc.mode === 'data' && a.length === 1 && a[0] === 'read');
    if (rc.previous_address && rc.previous_address !== rc.address) moves.push({ from: rc.previous_address, to: rc.address, expected: true });
    if (quiet && !rc.change.importing) {
      if (rc.mode === 'managed') unchanged++;
      continue;
    }
    changes.push(summarizeResourceChange(rc));
  }

  const outputChanges: OutputChangeSummary[] = [];
  for (const [name, ch] of Object.entries(plan.output_changes ?? {})) {
    if (isNoop(ch.actions)) continue;
    outputChanges.push({
      name,
      actions: ch.actions,
      before: display(ch.before, false, ch.before_sensitive),
      after: display(ch.after, ch.after_unknown, ch.after_sensitive),
    });
  }

  const unexpectedMoves: Move[] = [];
  const missingMoves: Move[] = [];
  if (expectedMoves) {
    // Chains (a module's own moved blocks, translated, then the inline's move) are planned as one
    // move from wherever the object is in state to the chain's end.
    const composed = [...expectedMoves, ...composeMoves(expectedMoves)];
    for (const m of moves) {
      m.expected = composed.some((e) => coversMove(e, m));
      if (!m.expected) unexpectedMoves.push({ from: m.from, to: m.to });
    }
    // Terraform ignores a moved block whose source is not in the prior state (already moved, or a
    // chain link the state never had), so only a source that still has objects and stayed put is missing.
    const prior = priorAddresses(plan);
    const movedFrom = new Set(moves.map((m) => m.from));
    for (const e of expectedMoves) {
      if (prior.some((a) => isCoveredBy(a, e.from) && !movedFrom.has(a))) missingMoves.push({ from: e.from, to: e.to });
    }
  }

  const problems: string[] = [];
  if (plan.errored) problems.push('the plan errored');
  if (plan.complete === false) problems.push('the plan is incomplete (deferred changes)');

  return {
    zeroChange:
      changes.length === 0 && outputChanges.length === 0 && unexpectedMoves.length === 0 && missingMoves.length === 0 && problems.length === 0,
    unchanged,
    moves,
    movesChecked: expectedMoves !== undefined,
    changes,
    outputChanges,
    unexpectedMoves,
    missingMoves,
    problems,
  };
}

/** Managed resource instance addresses in the plan's prior state (empty when the plan has none). */
export function priorAddresses(plan: PlanJson): string[] {
  const out: string[] = [];
  const walkModule = (m: StateModule | undefined): void => {
    if (!m) return;
    for (const r of m.resources ?? []) if (r.mode === 'managed' && !r.deposed_key) out.push(r.address);
    for (const c of m.child_modules ?? []) walkModule(c);
  };
  walkModule(plan.prior_state?.values?.root_module);
  return out;
}

function isNoop(actions: ChangeAction[]): boolean {
  return actions.length === 1 && actions[0] === 'no-op';
}

// An expected move covers a planned one exactly, or as a prefix: a whole-module move
// (`module.a.module.n` → `module.a_n`) or a whole-resource move shows up in the plan once per
// instance inside it, with the same suffix on both sides.
function coversMove(expected: Move, planned: Move): boolean {
  if (expected.from === planned.from && expected.to === planned.to) return true;
  if (!planned.from.startsWith(expected.from) || !planned.to.startsWith(expected.to)) return false;
  const suffix = planned.from.slice(expected.from.length);
  return (suffix.startsWith('.') || suffix.startsWith('[')) && planned.to.slice(expected.to.length) === suffix;
}

/** Summarizes one resource change, with the attribute paths that differ. */
export function summarizeResourceChange(rc: ResourceChange): ResourceChangeSummary {
  const ch = rc.change;
  const importing = ch.importing !== undefined && ch.importing !== null;
  const summary: ResourceChangeSummary = {
    address: rc.address,
    mode: rc.mode,
    type: rc.type,
    actions: ch.actions,
    action: actionWord(ch.actions, importing),
    importing,
    attributes: ch.before !== null && ch.after !== null ? diffChange(ch) : [],
  };
  if (rc.previous_address && rc.previous_address !== rc.address) summary.previousAddress = rc.previous_address;
  if (rc.action_reason) summary.actionReason = rc.action_reason;
  return summary;
}

function actionWord(actions: ChangeAction[], importing: boolean): string {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  const a = actions[0] ?? 'no-op';
  if (a === 'no-op' && importing) return 'import';
  return a;
}

/** Attribute paths that differ between before and after of a change, values masked for display. */
export function diffChange(ch: Change): AttributeChange[] {
  const out: AttributeChange[] = [];
  walk(ch.before, ch.after, ch.after_unknown, ch.before_sensitive, ch.after_sensitive, [], out);
  return out;
}

type Seg = string | number;

function walk(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  unknown: JsonValue | undefined,
  bSens: JsonValue | undefined,
  aSens: JsonValue | undefined,
  path: Seg[],
  out: AttributeChange[],
): void {
  if (unknown === true) {
    out.push({ path: formatPath(path), before: display(before, false, bSens), after: KNOWN_AFTER_APPLY });
    return;
  }
  // Inside a sensitive value we report only that it differs, never its shape.
  if (bSens === true || aSens === true) {
    if (!jsonEqual(before, after) || bSens !== aSens) {
      out.push({ path: formatPath(path), before: display(before, false, bSens), after: display(after, false, aSens) });
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(isObject(unknown) ? unknown : {})])].sort();
    for (const k of keys) walk(before[k], after[k], child(unknown, k), child(bSens, k), child(aSens, k), [...path, k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length, Array.isArray(unknown) ? unknown.length : 0);
    for (let i = 0; i < n; i++) walk(before[i], after[i], child(unknown, i), child(bSens, i), child(aSens, i), [...path, i], out);
    return;
  }
  if (!jsonEqual(before ?? null, after ?? null)) {
    out.push({ path: formatPath(path), before: before ?? null, after: after ?? null });
  }
}

function child(v: JsonValue | undefined, key: Seg): JsonValue | undefined {
  if (typeof key === 'number') return Array.isArray(v) ? v[key] : undefined;
  return isObject(v) ? v[key] : undefined;
}

/** A value for display: "(known after apply)" if unknown, "(sensitive)" if marked (deeply). */
export function display(value: JsonValue | undefined, unknown: JsonValue | undefined, sensitive: JsonValue | undefined): JsonValue | undefined {
  if (unknown === true) return KNOWN_AFTER_APPLY;
  if (sensitive === true) return SENSITIVE;
  if (isObject(value)) {
    const o: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) o[k] = display(v, child(unknown, k), child(sensitive, k)) ?? null;
    for (const k of Object.keys(isObject(unknown) ? unknown : {})) if (!(k in o) && child(unknown, k) === true) o[k] = KNOWN_AFTER_APPLY;
    return o;
  }
  if (Array.isArray(value)) return value.map((v, i) => display(v, child(unknown, i), child(sensitive, i)) ?? null);
  return value;
}

const IDENT = new RegExp(`^${IDENTIFIER}$`, 'u');

/** Formats a path the way Terraform writes references: `a.b[0]["c d"]`. */
export function formatPath(path: Seg[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (IDENT.test(seg)) s += s === '' ? seg : `.${seg}`;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}
