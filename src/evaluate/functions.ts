// Terraform functions over known (or partly known) values. A function returns undefined when it
// cannot be sure of the result; the call is then kept, with its arguments folded.
import { lit, stringValue, type Expr } from '../hcl/ast.js';
import {
  EvalError,
  formatNumber,
  fromJs,
  isCollection,
  isKnown,
  makeObject,
  normaliseSet,
  objectEntries,
  objectGet,
  setItems,
  toBool,
  toJs,
  toNumber,
  toStringValue,
  valuesEqual,
} from './values.js';
import { re2ReplaceAll, translateRe2 } from './regex.js';
import { collectionMark, markCollection } from './types.js';

type Fn = (args: Expr[]) => Expr | undefined;

// Many functions return a list or a map where the folded literal would be a tuple or an object
// (sort → list(string), merge of maps → map, ...). Where the value lands somewhere dynamically
// typed (terraform_data, outputs) that is a planned change, so the result carries the type
// (types.ts: markCollection; printed as tolist()/tomap() there). Checked against terraform console.
const STRING: Expr = { t: 'var', name: 'string' };
const NUMBER: Expr = { t: 'var', name: 'number' };
const asList = (e: Expr, element?: Expr): Expr => markCollection(e, 'list', element);
const asMap = (e: Expr, element?: Expr): Expr => markCollection(e, 'map', element);
const isList = (e: Expr) => collectionMark(e)?.kind === 'list';
const isMap = (e: Expr) => collectionMark(e)?.kind === 'map';

const str = (e: Expr): string | undefined => (isKnown(e) && e.t !== 'tuple' && e.t !== 'object' && e.t !== 'call' && e.t !== 'null' ? toStringValue(e) : undefined);
const allKnown = (args: Expr[]) => args.every(isKnown);
const sortKeys = (entries: [string, Expr][]) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Unary string functions: fold when the argument is a known primitive. */
function strFn(f: (s: string) => string): Fn {
  return ([a]) => {
    const s = a && str(a);
    return s === undefined ? undefined : lit.string(f(s));
  };
}

function listOf(e: Expr): Expr[] | undefined {
  return e.t === 'tuple' ? e.items : setItems(e);
}

const FUNCTIONS: Record<string, Fn> = {
  merge(args) {
    const entries: [string, Expr][] = [];
    for (const a of args) {
      if (a.t === 'null') continue;
      if (a.t !== 'object' || !isCollection(a)) return undefined;
      entries.push(...objectEntries(a));
    }
    // Maps merge into a map; one object among them makes the result an object.
    const maps = args.filter((a) => a.t !== 'null');
    return maps.length > 0 && maps.every(isMap) ? asMap(makeObject(entries), collectionMark(maps[0]!)?.element) : makeObject(entries);
  },
  concat(args) {
    const out: Expr[] = [];
    for (const a of args) {
      const items = a.t === 'tuple' ? a.items : undefined;
      if (!items) return undefined;
      out.push(...items);
    }
    return args.length > 0 && args.every(isList) ? asList(lit.tuple(out), collectionMark(args[0]!)?.element) : lit.tuple(out);
  },
  length([a]) {
    if (!a) return undefined;
    if (a.t === 'tuple') return lit.number(a.items.length);
    if (a.t === 'object' && isCollection(a)) return lit.number(new Set(objectEntries(a).map(([k]) => k)).size);
    const set = setItems(a);
    if (set && isKnown(a)) return lit.number(normaliseSet(set).length);
    const s = str(a);
    return s === undefined ? undefined : lit.number([...s].length);
  },
  element([l, i]) {
    if (!l || !i || l.t !== 'tuple' || !isKnown(i)) return undefined;
    if (l.items.length === 0) throw new EvalError('cannot use element function with an empty list');
    const n = toNumber(i);
    return l.items[((n % l.items.length) + l.items.length) % l.items.length];
  },
  one([l]) {
    if (!l) return undefined;
    if (l.t === 'null') return lit.null();
    const items = l.t === 'tuple' ? l.items : isKnown(l) ? listOf(l) : undefined;
    if (!items) return undefined;
    if (items.length > 1) throw new EvalError(`must be a list, set, or tuple value with either zero or one elements (got ${items.length})`);
    return items[0] ?? lit.null();
  },
  lookup([m, k, d]) {
    if (!m || !k || m.t !== 'object' || !isCollection(m)) return undefined;
    // Nothing to find in an empty map, whatever the key: the default (lookup({}, k, d) is d).
    if (!isKnown(k) && !(m.items.length === 0 && isKnown(m) && d !== undefined)) return undefined;
    const v = isKnown(k) ? objectGet(m, toStringValue(k)) : undefined;
    if (v !== undefined) return v;
    if (d !== undefined) {
      // lookup's result has the map's element type: a null default is a typed null (tostring(null)).
      const el = collectionMark(m)?.element;
      const prim = el?.t === 'var' && ['string', 'number', 'bool'].includes(el.name) ? el.name : undefined;
      if (d.t === 'null' && prim) return { t: 'call', name: `to${prim}`, args: [d] };
      return d;
    }
    throw new EvalError(`lookup failed to find key "${toStringValue(k)}"`);
  },
  coalesce(args) {
    const rest: Expr[] = [];
    for (const a of args) {
      // A template with literal text is a non-empty string whatever it interpolates: it is taken.
      if (rest.length === 0 && !isKnown(a) && hasLiteralText(a)) return a;
      if (!isKnown(a)) rest.push(a);
      else if (a.t === 'null' || stringValue(a) === '') continue;
      else if (rest.length === 0) return a;
      else rest.push(a);
    }
    if (rest.length === 0) throw new EvalError('no non-null, non-empty-string arguments');
    return rest.length === args.length ? undefined : { t: 'call', name: 'coalesce', args: rest };
  },
  coalescelist(args) {
    for (const a of args) {
      if (a.t !== 'tuple') return undefined;
      if (a.items.length > 0) return a;
    }
    throw new EvalError('no non-empty list arguments');
  },
  keys([m]) {
    if (!m || m.t !== 'object' || !isCollection(m)) return undefined;
    const out = lit.tuple(sortKeys(objectEntries(makeObject(objectEntries(m)))).map(([k]) => lit.string(k)));
    return isMap(m) ? asList(out, STRING) : out;
  },
  values([m]) {
    if (!m || m.t !== 'object' || !isCollection(m)) return undefined;
    const out = lit.tuple(sortKeys(objectEntries(makeObject(objectEntries(m)))).map(([, v]) => v));
    return isMap(m) ? asList(out, collectionMark(m)?.element) : out;
  },
  contains([l, v]) {
    // Nothing is in an empty collection, whatever the value (Terraform: false, not unknown).
    if (l && v && isKnown(l) && listOf(l)?.length === 0) return lit.bool(false);
    if (!l || !v || !isKnown(l) || !isKnown(v)) return undefined;
    return lit.bool((listOf(l) ?? []).some((x) => valuesEqual(x, v)));
  },
  flatten([l]) {
    if (!l || l.t !== 'tuple') return undefined;
    const out: Expr[] = [];
    const walk = (x: Expr): boolean => {
      if (x.t === 'tuple') return x.items.every(walk);
      if (!isKnown(x) && x.t !== 'object') return false;
      out.push(x);
      return true;
    };
    return walk(l) ? lit.tuple(out) : undefined;
  },
  distinct([l]) {
    if (!l || l.t !== 'tuple' || !isKnown(l)) return undefined;
    const out: Expr[] = [];
    for (const x of l.items) if (!out.some((o) => valuesEqual(o, x))) out.push(x);
    return asList(lit.tuple(out), collectionMark(l)?.element);
  },
  compact([l]) {
    if (!l || l.t !== 'tuple' || !isKnown(l)) return undefined;
    return asList(lit.tuple(l.items.filter((x) => x.t !== 'null' && stringValue(x) !== '')), STRING);
  },
  zipmap([k, v]) {
    if (!k || !v || k.t !== 'tuple' || v.t !== 'tuple' || !isKnown(k)) return undefined;
    if (k.items.length !== v.items.length) throw new EvalError('number of keys and values must match');
    const out = makeObject(k.items.map((x, i) => [toStringValue(x), v.items[i]!]));
    // zipmap over a list of values is a map; over a tuple, an object.
    return isList(v) ? asMap(out, collectionMark(v)?.element) : out;
  },
  range(args) {
    if (!allKnown(args) || args.length === 0) return undefined;
    const n = args.map(toNumber);
    const [start, end, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[0]! <= n[1]! ? 1 : -1)];
    const out: Expr[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(lit.number(i));
    return asList(lit.tuple(out), NUMBER);
  },
  setproduct(args) {
    if (!allKnown(args)) return undefined;
    let acc: Expr[][] = [[]];
    for (const a of args) acc = acc.flatMap((prefix) => (listOf(a) ?? []).map((x) => [...prefix, x]));
    // A set of tuples when any argument is a set, else a list; an empty one has an element type
    // no literal can spell, so the call stays.
    if (acc.length === 0) return undefined;
    const tuples = acc.map((t) => lit.tuple(t));
    return args.some((a) => setItems(a)) ? { t: 'call', name: 'toset', args: [lit.tuple(normaliseSet(tuples))] } : asList(lit.tuple(tuples));
  },
  regex([p, s]) {
    const m = regexMatches(p, s, false);
    return m && m[0];
  },
  regexall([p, s]) {
    const m = regexMatches(p, s, true);
    if (!m || m.some((x) => x.t !== 'template')) return undefined;
    // No match: an empty list of strings when the pattern has no groups (length(regexall(...)) > 0
    // is how modules test a pattern; written where types show as compact([]), types.ts).
    if (m.length === 0 && translateRe2(str(p!)!, str(s!)!)?.groups.length !== 0) return undefined;
    return asList(lit.tuple(m), STRING);
  },
  setunion: (args) => setOperation(args, (sets) => sets.flat()),
  setintersection: (args) => setOperation(args, ([first = [], ...rest]) => first.filter((x) => rest.every((s) => s.some((y) => valuesEqual(x, y))))),
  setsubtract: (args) => setOperation(args, ([a = [], b = []]) => a.filter((x) => !b.some((y) => valuesEqual(x, y)))),
  toset([l]) {
    if (!l) return undefined;
    if (setItems(l) && isKnown(l)) return l;
    if (l.t !== 'tuple' || !isKnown(l)) return undefined;
    return { t: 'call', name: 'toset', args: [lit.tuple(normaliseSet(l.items))] };
  },
  tolist([l]) {
    if (!l) return undefined;
    if (l.t === 'tuple') return isList(l) ? l : asList(lit.tuple(l.items));
    const s = setItems(l);
    return s && isKnown(l) ? asList(lit.tuple(s)) : undefined;
  },
  tomap([m]) {
    if (!m || m.t !== 'object' || !isCollection(m)) return undefined;
    return isMap(m) ? m : asMap(lit.object(m.items.map((i) => [stringValue(i.key)!, i.value])));
  },
  tostring([a]) {
    if (!a || !isKnown(a)) return undefined;
    return a.t === 'null' ? a : lit.string(toStringValue(a));
  },
  tonumber([a]) {
    if (!a || !isKnown(a)) return undefined;
    return a.t === 'null' ? a : lit.number(toNumber(a));
  },
  tobool([a]) {
    if (!a || !isKnown(a)) return undefined;
    return a.t === 'null' ? a : lit.bool(toBool(a));
  },
  format(args) {
    if (!allKnown(args)) return undefined;
    const [f, ...rest] = args;
    return lit.string(format(toStringValue(f!), rest));
  },
  join([sep, ...lists]) {
    if (!sep || !allKnown([sep, ...lists])) return undefined;
    const items = lists.flatMap((l) => listOf(l) ?? []);
    return lit.string(items.map(toStringValue).join(toStringValue(sep)));
  },
  split([sep, s]) {
    if (!sep || !s || !allKnown([sep, s])) return undefined;
    return asList(lit.tuple(toStringValue(s).split(toStringValue(sep)).map(lit.string)), STRING);
  },
  lower: strFn((s) => s.toLowerCase()),
  upper: strFn((s) => s.toUpperCase()),
  title: strFn((s) => s.replace(/\b\w/g, (c) => c.toUpperCase())),
  trimspace: strFn((s) => s.trim()),
  chomp: strFn((s) => s.replace(/(\r\n|\n|\r)+$/, '')),
  replace([s, search, rep]) {
    if (!s || !search || !rep || !allKnown([s, search, rep])) return undefined;
    const needle = toStringValue(search);
    const replacement = toStringValue(rep);
    if (needle.length > 1 && needle.startsWith('/') && needle.endsWith('/')) return regexReplace(toStringValue(s), needle.slice(1, -1), replacement);
    return lit.string(toStringValue(s).split(needle).join(replacement));
  },
  substr([s, off, len]) {
    if (!s || !off || !len || !allKnown([s, off, len])) return undefined;
    const chars = [...toStringValue(s)];
    let o = toNumber(off);
    let l = toNumber(len);
    if (o < 0) o += chars.length;
    if (l < 0) l = chars.length - o;
    return lit.string(chars.slice(o, o + l).join(''));
  },
  trim([s, cut]) {
    if (!s || !cut || !allKnown([s, cut])) return undefined;
    const set = new Set([...toStringValue(cut)]);
    const chars = [...toStringValue(s)];
    let a = 0;
    let b = chars.length;
    while (a < b && set.has(chars[a]!)) a++;
    while (b > a && set.has(chars[b - 1]!)) b--;
    return lit.string(chars.slice(a, b).join(''));
  },
  trimprefix([s, p]) {
    if (!s || !p || !allKnown([s, p])) return undefined;
    const v = toStringValue(s);
    const pre = toStringValue(p);
    return lit.string(v.startsWith(pre) ? v.slice(pre.length) : v);
  },
  trimsuffix([s, p]) {
    if (!s || !p || !allKnown([s, p])) return undefined;
    const v = toStringValue(s);
    const suf = toStringValue(p);
    return lit.string(suf && v.endsWith(suf) ? v.slice(0, -suf.length) : v);
  },
  startswith([s, p]) {
    return s && p && allKnown([s, p]) ? lit.bool(toStringValue(s).startsWith(toStringValue(p))) : undefined;
  },
  endswith([s, p]) {
    return s && p && allKnown([s, p]) ? lit.bool(toStringValue(s).endsWith(toStringValue(p))) : undefined;
  },
  alltrue([l]) {
    return l && isKnown(l) ? lit.bool((listOf(l) ?? []).every(toBool)) : undefined;
  },
  anytrue([l]) {
    return l && isKnown(l) ? lit.bool((listOf(l) ?? []).some(toBool)) : undefined;
  },
  sort([l]) {
    if (!l || !isKnown(l)) return undefined;
    return asList(lit.tuple((listOf(l) ?? []).map(toStringValue).sort().map(lit.string)), STRING);
  },
  reverse([l]) {
    if (!l || l.t !== 'tuple') return undefined;
    const out = lit.tuple([...l.items].reverse());
    return isList(l) ? asList(out, collectionMark(l)?.element) : out;
  },
  min(args) {
    return allKnown(args) && args.length ? lit.number(Math.min(...args.map(toNumber))) : undefined;
  },
  max(args) {
    return allKnown(args) && args.length ? lit.number(Math.max(...args.map(toNumber))) : undefined;
  },
  abs: ([a]) => (a && isKnown(a) ? lit.number(Math.abs(toNumber(a))) : undefined),
  ceil: ([a]) => (a && isKnown(a) ? lit.number(Math.ceil(toNumber(a))) : undefined),
  floor: ([a]) => (a && isKnown(a) ? lit.number(Math.floor(toNumber(a))) : undefined),
  jsondecode([s]) {
    // A list or an object is not a string: Terraform fails the call (so try() takes its fallback).
    if (s && isKnown(s) && (s.t === 'tuple' || s.t === 'object')) throw new EvalError('jsondecode: a string is required');
    const v = s && str(s);
    if (v === undefined) return undefined;
    try {
      return fromJs(JSON.parse(v));
    } catch {
      throw new EvalError('jsondecode: invalid JSON');
    }
  },
  sensitive([a]) {
    return a && markSensitive(a);
  },
  // jsonencode of a known value folds to a long string; keeping the call (with its argument
  // folded) is equivalent and reads far better, so only primitives are folded.
  jsonencode([a]) {
    if (!a || !isKnown(a) || a.t === 'tuple' || a.t === 'object' || a.t === 'call') return undefined;
    return lit.string(jsonEncode(a));
  },
};

function hasLiteralText(e: Expr): boolean {
  return e.t === 'template' && e.parts.some((p) => p.t === 'lit' && p.value !== '');
}

/**
 * replace(s, "/re/", r) (cloudposse's label: "/[^-a-zA-Z0-9]/"), for patterns translateRe2 can
 * promise; re2ReplaceAll expands r as Go does and keeps the call on an empty match.
 */
function regexReplace(text: string, pattern: string, replacement: string): Expr | undefined {
  const t = translateRe2(pattern, text);
  const out = t && re2ReplaceAll(text, t, replacement);
  return out === undefined ? undefined : lit.string(out);
}

/**
 * Terraform's regex()/regexall() over known strings, for patterns translateRe2 can promise: each
 * match is its text (no groups), a tuple of its groups, or an object of its named groups. A group
 * that takes no part in a match is null in Terraform: such a result is not folded. regex() with
 * no match fails, as in Terraform (so can(regex(...)) is false).
 */
function regexMatches(p: Expr | undefined, s: Expr | undefined, all: boolean): Expr[] | undefined {
  const pattern = p && str(p);
  const text = s && str(s);
  if (pattern === undefined || text === undefined) return undefined;
  const t = translateRe2(pattern, text);
  if (!t) return undefined;
  const named = t.groups.filter((g) => g !== undefined).length;
  if (named > 0 && named !== t.groups.length) return undefined;
  const out: Expr[] = [];
  const re = new RegExp(t.re.source, `${t.re.flags}g`);
  for (const m of text.matchAll(re)) {
    if (m.slice(1).some((g) => g === undefined)) return undefined;
    // Go skips an empty match that abuts the previous one, JavaScript does not.
    if (all && m[0] === '') return undefined;
    if (t.groups.length === 0) out.push(lit.string(m[0]));
    else if (named) out.push(lit.object(t.groups.map((g, i) => [g!, lit.string(m[i + 1]!)])));
    else out.push(lit.tuple(m.slice(1).map((g) => lit.string(g!))));
    if (!all) break;
  }
  if (!all && out.length === 0) throw new EvalError('regex: pattern did not match any part of the given string');
  return out;
}

/**
 * setunion / setintersection / setsubtract over known collections of primitives. Terraform first
 * unifies the element types of all arguments (string with number or bool → string), so the
 * elements are converted before they are compared. An empty result of a known element type stays
 * a call: `toset([])` is set(dynamic), a different value where it lands in a dynamically typed
 * place; an empty result of empty arguments is set(dynamic) in Terraform too.
 */
function setOperation(args: Expr[], op: (sets: Expr[][]) => Expr[]): Expr | undefined {
  const sets: Expr[][] = [];
  for (const a of args) {
    const items = isKnown(a) ? listOf(a) : undefined;
    if (!items) return undefined;
    sets.push(items);
  }
  const kinds = new Set(sets.flat().map(primitiveKind));
  if (kinds.has(undefined)) return undefined;
  const kind = kinds.size <= 1 ? [...kinds][0] : kinds.has('string') ? 'string' : undefined;
  if (kinds.size > 1 && !kind) return undefined;
  const convert = (x: Expr): Expr => (kind === 'string' && primitiveKind(x) !== 'string' ? lit.string(toStringValue(x)) : x);
  const result = op(sets.map((s) => s.map(convert)));
  if (result.length === 0 && kind !== undefined) return undefined;
  return { t: 'call', name: 'toset', args: [lit.tuple(normaliseSet(result))] };
}

function primitiveKind(e: Expr): 'string' | 'number' | 'bool' | undefined {
  if (e.t === 'number') return 'number';
  if (e.t === 'bool') return 'bool';
  return stringValue(e) !== undefined ? 'string' : undefined;
}

/**
 * sensitive(v), written once: sensitive() of a value that already is sensitive() (a sensitive
 * module input passed to sensitive() again) marks the same value twice. Marks inside v stay:
 * they are on other paths, and the state records each path (dropping one is a planned update).
 */
export function markSensitive(v: Expr): Expr {
  let inner = v;
  while (inner.t === 'paren') inner = inner.inner;
  if (inner.t === 'call' && inner.name === 'sensitive' && inner.args.length === 1) return inner;
  return { t: 'call', name: 'sensitive', args: [v] };
}

/** Folds a call when the function is known and its result certain; undefined keeps the call. */
export function callFunction(name: string, args: Expr[]): Expr | undefined {
  const fn = FUNCTIONS[name];
  return fn ? fn(args) : undefined;
}

/** Terraform's jsonencode: compact, object keys sorted, <>& escaped as \u003c etc. */
export function jsonEncode(e: Expr): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sorted(toJs(e)))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function format(f: string, args: Expr[]): string {
  let i = 0;
  return f.replace(/%(%|([-+ #0]*)(\d*)(?:\.(\d+))?([sdvqftb]))/g, (m, all: string, flags: string, width: string, prec: string | undefined, verb: string) => {
    if (all === '%') return '%';
    const a = args[i++];
    if (!a) throw new EvalError('format: not enough arguments');
    let out: string;
    switch (verb) {
      case 's':
      case 'v':
        out = toStringValue(a);
        if (prec !== undefined) out = [...out].slice(0, Number(prec)).join('');
        break;
      case 'd':
        out = formatNumber(Math.trunc(toNumber(a)));
        if (flags.includes('+') && !out.startsWith('-')) out = `+${out}`;
        break;
      case 'q':
        out = JSON.stringify(toStringValue(a));
        break;
      case 't':
        out = String(toBool(a));
        break;
      case 'f':
        out = toNumber(a).toFixed(prec !== undefined ? Number(prec) : 6);
        break;
      default:
        throw new EvalError(`format: unsupported verb ${m}`);
    }
    const w = Number(width || 0);
    if (out.length >= w) return out;
    if (flags.includes('-')) return out.padEnd(w);
    if (flags.includes('0') && 'df'.includes(verb)) return out.startsWith('-') ? `-${out.slice(1).padStart(w - 1, '0')}` : out.padStart(w, '0');
    return out.padStart(w);
  });
}

/** Names of functions the evaluator can fold (for documentation and tests). */
export const FOLDABLE_FUNCTIONS = Object.keys(FUNCTIONS);
