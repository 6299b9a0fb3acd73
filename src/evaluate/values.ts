// Known values are expressions made only of literals: null, bool, number, plain string, tuple,
// object, and `toset([...])` for sets. Anything else is symbolic. These helpers test and convert.
import { lit, stringValue, type Expr, type ObjectCons } from '../hcl/ast.js';

/** An evaluation that Terraform would reject (index out of range, missing attribute, bad type). */
export class EvalError extends Error {
  constructor(
    message: string,
    /** Where the failing expression is, when known (the innermost: a local's own line, not its user's). */
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'EvalError';
  }

  /** This error located at file:line, unless it already names a place. */
  at(file: string, line: number): EvalError {
    return this.file ? this : new EvalError(this.message, file, line);
  }
}

/** True when e is fully known (no references, no calls other than toset of known items). */
export function isKnown(e: Expr): boolean {
  switch (e.t) {
    case 'null':
    case 'bool':
    case 'number':
      return true;
    case 'template':
      return e.parts.every((p) => p.t === 'lit');
    case 'tuple':
      return e.items.every(isKnown);
    case 'object':
      return e.items.every((i) => stringValue(i.key) !== undefined && isKnown(i.value));
    case 'call':
      return e.name === 'toset' && e.args.length === 1 && e.args[0]!.t === 'tuple' && isKnown(e.args[0]!);
    default:
      return false;
  }
}

/** True when e's shape is known (a tuple/object/set literal) even if some elements are symbolic. */
export function isCollection(e: Expr): e is Extract<Expr, { t: 'tuple' | 'object' }> {
  if (e.t === 'tuple') return true;
  if (e.t !== 'object') return false;
  // Asked before every read of a big object's attribute: remembered per items array (see objectGet).
  if (e.items.length < 8) return e.items.every((i) => stringValue(i.key) !== undefined);
  let known = literalKeys.get(e.items);
  if (known === undefined) literalKeys.set(e.items, (known = e.items.every((i) => stringValue(i.key) !== undefined)));
  return known;
}
const literalKeys = new WeakMap<ObjectCons['items'], boolean>();

/** The elements of a known set `toset([...])`, or undefined. */
export function setItems(e: Expr): Expr[] | undefined {
  if (e.t === 'call' && e.name === 'toset' && e.args.length === 1 && e.args[0]!.t === 'tuple') return e.args[0]!.items;
  return undefined;
}

/** Elements of a tuple or set literal. */
export function seqItems(e: Expr): Expr[] | undefined {
  return e.t === 'tuple' ? e.items : setItems(e);
}

/** Object entries with literal keys, in source order. */
export function objectEntries(e: ObjectCons): [string, Expr][] {
  return e.items.map((i) => [stringValue(i.key)!, i.value]);
}

/** Looks up an object attribute; later duplicates win, as in Terraform. */
export function objectGet(e: ObjectCons, key: string): Expr | undefined {
  // A big object (a naming module's map of every resource type) is read key by key: index it
  // once (keyed by its items array, which no one changes in place) instead of a scan per read.
  if (e.items.length < 8) {
    let found: Expr | undefined;
    for (const i of e.items) if (stringValue(i.key) === key) found = i.value;
    return found;
  }
  let index = objectIndexes.get(e.items);
  if (!index || index.size > e.items.length) {
    index = new Map();
    for (const i of e.items) {
      const k = stringValue(i.key);
      if (k !== undefined) index.set(k, i.value);
    }
    objectIndexes.set(e.items, index);
  }
  return index.get(key);
}
const objectIndexes = new WeakMap<ObjectCons['items'], Map<string, Expr>>();

/** Builds an object literal from entries, dropping earlier duplicates. */
export function makeObject(entries: [string, Expr][]): ObjectCons {
  const m = new Map<string, Expr>();
  for (const [k, v] of entries) {
    m.delete(k);
    m.set(k, v);
  }
  return lit.object([...m]);
}

/** Converts a known value to JavaScript (for jsonencode, comparisons, keys). */
export function toJs(e: Expr): unknown {
  switch (e.t) {
    case 'null':
      return null;
    case 'bool':
    case 'number':
      return e.value;
    case 'template':
      return stringValue(e);
    case 'tuple':
      return e.items.map(toJs);
    case 'object':
      return Object.fromEntries(objectEntries(e).map(([k, v]) => [k, toJs(v)]));
    case 'call':
      return setItems(e)!.map(toJs);
    default:
      throw new EvalError('value is not known');
  }
}

/** Converts JavaScript data (e.g. from jsondecode) to a known value. */
export function fromJs(v: unknown): Expr {
  if (v === null || v === undefined) return lit.null();
  if (typeof v === 'boolean') return lit.bool(v);
  if (typeof v === 'number') return lit.number(v);
  if (typeof v === 'string') return lit.string(v);
  if (Array.isArray(v)) return lit.tuple(v.map(fromJs));
  return lit.object(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJs(x)]));
}

/** Terraform's string form of a primitive: numbers without trailing zeros, bools as words. */
export function toStringValue(e: Expr): string {
  if (e.t === 'template') {
    const s = stringValue(e);
    if (s !== undefined) return s;
  }
  if (e.t === 'number') return formatNumber(e.value);
  if (e.t === 'bool') return String(e.value);
  if (e.t === 'null') throw new EvalError('null value cannot be used as a string');
  throw new EvalError('value cannot be converted to a string');
}

/** Formats a number the way Terraform renders it in strings. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(n);
}

/** Deep equality of known values, Terraform-style (types must agree: 1 != "1"). */
export function valuesEqual(a: Expr, b: Expr): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function kindOf(e: Expr): string {
  if (e.t === 'call') return 'set';
  return e.t === 'template' ? 'string' : e.t;
}

function canonical(e: Expr): unknown {
  if (e.t === 'object') return Object.fromEntries(objectEntries(e).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
  if (e.t === 'tuple') return e.items.map(canonical);
  if (e.t === 'call') return setItems(e)!.map(canonical);
  return toJs(e);
}

/** Truthiness for conditions: only real bools (or "true"/"false" strings, which Terraform converts). */
export function toBool(e: Expr): boolean {
  if (e.t === 'bool') return e.value;
  const s = stringValue(e);
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new EvalError(`a bool is required here, got ${e.t === 'null' ? 'null' : 'a non-bool value'}`);
}

/** Numeric value (numbers, or strings that Terraform would convert). */
export function toNumber(e: Expr): number {
  if (e.t === 'number') return e.value;
  const s = stringValue(e);
  if (s !== undefined && s.trim() !== '' && !Number.isNaN(Number(s))) return Number(s);
  throw new EvalError('a number is required here');
}

/** Sorts and de-duplicates set elements as Terraform orders them (strings lexically, numbers numerically). */
export function normaliseSet(items: Expr[]): Expr[] {
  const out: Expr[] = [];
  for (const it of items) if (!out.some((o) => valuesEqual(o, it))) out.push(it);
  if (out.every((i) => i.t === 'template')) return out.sort((a, b) => cmp(stringValue(a)!, stringValue(b)!));
  if (out.every((i) => i.t === 'number')) return out.sort((a, b) => (a as { value: number }).value - (b as { value: number }).value);
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
