// The type of a conditional is what its two arms unify to, even when the condition is known:
// `true ? keys(m) : local.labels` with local.labels a set(string) is a set. Folding the condition
// must keep that type, so the untaken arm's type is inferred statically (never its value: Terraform
// does not evaluate it either) and the taken value is converted to the unified type.
import { lit, stringValue, traversalOf, type Expr } from '../hcl/ast.js';
import { evaluate, type Scope } from './evaluate.js';
import { collectionMark, markCollection } from './types.js';
import { isKnown, normaliseSet, objectEntries, toStringValue } from './values.js';

/** What a value's type is, as far as unification cares. */
export type TypeKind = 'set' | 'list' | 'map' | 'tuple' | 'object' | 'string' | 'number' | 'bool' | 'null';

const SET_FUNCTIONS = new Set(['toset', 'setunion', 'setintersection', 'setsubtract', 'setproduct']);
const LIST_FUNCTIONS = new Set(['tolist', 'keys', 'split', 'sort', 'compact', 'formatlist', 'range', 'chunklist', 'distinct', 'matchkeys']);
const MAP_FUNCTIONS = new Set(['tomap', 'zipmap']);
const STRING_FUNCTIONS = new Set([
  'tostring', 'join', 'format', 'lower', 'upper', 'title', 'replace', 'substr', 'trimsuffix', 'trimprefix', 'trimspace', 'trim',
  'jsonencode', 'yamlencode', 'base64encode', 'base64decode', 'md5', 'sha1', 'sha256', 'sha512', 'templatefile', 'file', 'chomp',
  'indent', 'regex_replace', 'strrev', 'urlencode', 'cidrsubnet', 'cidrhost', 'cidrnetmask', 'uuid', 'timestamp', 'abspath', 'basename', 'dirname',
]);
const NUMBER_FUNCTIONS = new Set(['length', 'max', 'min', 'tonumber', 'abs', 'ceil', 'floor', 'parseint', 'pow', 'signum', 'log', 'sum', 'index']);
const BOOL_FUNCTIONS = new Set(['contains', 'can', 'tobool', 'startswith', 'endswith', 'alltrue', 'anytrue', 'fileexists']);

/** The kind of an evaluated value (literal, set call, marked literal, or a call of known result type). */
export function valueKind(v: Expr, scope: Scope): TypeKind | undefined {
  switch (v.t) {
    case 'null':
      return 'null';
    case 'bool':
      return 'bool';
    case 'number':
      return 'number';
    case 'template':
      return 'string';
    case 'tuple':
      return collectionMark(v)?.kind === 'list' ? 'list' : 'tuple';
    case 'object':
      return collectionMark(v)?.kind === 'map' ? 'map' : 'object';
    case 'call':
      return callKind(v.name);
    case 'paren':
      return valueKind(v.inner, scope);
    case 'getattr': {
      // A value the scope wrote as a root local (hoisted) is still known to it.
      const tr = traversalOf(v);
      const held = tr?.root === 'local' && tr.accessors.length === 1 ? scope.hoistedValue?.(v.name) : undefined;
      return held ? valueKind(held, scope) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The static type kind of an unevaluated expression: structure first (a conditional's arms unify,
 * a template is a string, a call has its function's result type); references are looked up.
 * Undefined when it cannot be told. Never throws.
 */
export function staticKind(e: Expr, scope: Scope): TypeKind | undefined {
  switch (e.t) {
    case 'null':
    case 'bool':
    case 'number':
    case 'template':
      return valueKind(e, scope);
    case 'tuple':
      return 'tuple';
    case 'object':
      return 'object';
    case 'paren':
      return staticKind(e.inner, scope);
    case 'for':
      return e.key ? 'object' : 'tuple';
    case 'unop':
      return e.op === '!' ? 'bool' : 'number';
    case 'binop':
      return ['+', '-', '*', '/', '%'].includes(e.op) ? 'number' : 'bool';
    case 'cond': {
      const a = staticKind(e.then, scope);
      const b = staticKind(e.else, scope);
      if (a === 'null') return b;
      if (b === 'null' || a === b) return a;
      return undefined;
    }
    case 'call': {
      const k = callKind(e.name);
      if (k) return k;
      break;
    }
    default: {
      // A variable has its declared type, even when its value is null.
      const tr = traversalOf(e);
      if (tr?.root === 'var' && tr.accessors.length === 1 && tr.accessors[0]!.t === 'getattr') {
        const declared = typeKind(scope.variableType?.(tr.accessors[0]!.name));
        if (declared) return declared;
      }
      break;
    }
  }
  try {
    return valueKind(evaluate(e, scope), scope);
  } catch {
    return undefined;
  }
}

/** The kind of a type constraint (`set(string)`, `map(any)`, `string`); undefined for `any` or none. */
function typeKind(t: Expr | undefined): TypeKind | undefined {
  if (!t) return undefined;
  if (t.t === 'call') return (['set', 'list', 'map', 'object', 'tuple'] as const).find((k) => k === t.name);
  const tr = traversalOf(t);
  if (tr && tr.accessors.length === 0) return (['string', 'number', 'bool'] as const).find((k) => k === tr.root);
  return undefined;
}

function callKind(name: string): TypeKind | undefined {
  if (SET_FUNCTIONS.has(name)) return 'set';
  if (LIST_FUNCTIONS.has(name)) return 'list';
  if (MAP_FUNCTIONS.has(name)) return 'map';
  if (STRING_FUNCTIONS.has(name)) return 'string';
  if (NUMBER_FUNCTIONS.has(name)) return 'number';
  if (BOOL_FUNCTIONS.has(name)) return 'bool';
  return undefined;
}

/**
 * The taken arm of a conditional whose condition folded, converted to the type it unifies to with
 * the untaken arm. `undefined` when that type cannot be told and the conversion could matter (the
 * taken value is a tuple or object literal, which a set, list or map on the other side would
 * convert): the caller then keeps the conditional.
 */
export function unifyTaken(taken: Expr, other: Expr, scope: Scope): Expr | undefined {
  const mine = valueKind(taken, scope);
  if (mine === 'null' || mine === 'set') return taken;
  const theirs = staticKind(other, scope);
  if (theirs === undefined) {
    const structural = (taken.t === 'tuple' || taken.t === 'object') && taken.items.length > 0 && !collectionMark(taken);
    return structural ? undefined : taken;
  }
  if (theirs === 'null') return taken;
  if (taken.t === 'tuple' && (theirs === 'tuple' || theirs === 'list')) {
    const otherSeq = evaluated(other, scope);
    const maps = otherSeq?.t === 'tuple' ? objectElementsAsMaps(taken, otherSeq, scope) : undefined;
    if (maps === null) return undefined;
    if (maps) return maps;
  }
  if (theirs === mine && mine !== 'tuple' && mine !== 'object') return taken;
  if (theirs === 'set' && (mine === 'tuple' || mine === 'list')) {
    if (taken.t === 'tuple' && isKnown(taken)) return { t: 'call', name: 'toset', args: [lit.tuple(normaliseSet(taken.items))] };
    return { t: 'call', name: 'toset', args: [taken] };
  }
  if (theirs === 'set' && mine === undefined && taken.t === 'call') return { t: 'call', name: 'toset', args: [taken] };
  // Tuples of different lengths, or a tuple and a list, unify to a list; objects with different
  // attributes, or an object and a map, to a map.
  const otherValue = theirs === 'tuple' || theirs === 'object' ? evaluated(other, scope) : undefined;
  if (taken.t === 'tuple' && !collectionMark(taken) && (theirs === 'list' || (otherValue?.t === 'tuple' && otherValue.items.length !== taken.items.length))) {
    return markCollection({ ...taken }, 'list', undefined);
  }
  if (taken.t === 'object' && !collectionMark(taken) && (theirs === 'map' || (otherValue?.t === 'object' && !sameKeys(taken, otherValue)))) {
    return markCollection({ ...taken }, 'map', undefined);
  }
  // A number or bool against a string is a string.
  if (theirs === 'string' && (taken.t === 'number' || taken.t === 'bool')) return lit.string(toStringValue(taken));
  return taken;
}

/**
 * Sequences of objects whose attribute sets differ between the arms (a typed list(object) input
 * against concat(that input, [{ fewer attributes }])) unify element by element: the objects to a
 * map of their attributes' common type, the sequence to a list (Terraform: list(map(string))).
 * undefined: no such difference; null: the elements' types cannot be told here (keep the
 * conditional).
 */
function objectElementsAsMaps(taken: Extract<Expr, { t: 'tuple' }>, other: Extract<Expr, { t: 'tuple' }>, scope: Scope): Expr | null | undefined {
  const all = [...taken.items, ...other.items];
  if (taken.items.length === 0 || !all.every((i) => i.t === 'object' && isKnownKeys(i))) return undefined;
  const objects = all as Extract<Expr, { t: 'object' }>[];
  const shapes = new Set(objects.map((o) => objectEntries(o).map(([k]) => k).sort().join('\u0000')));
  if (shapes.size < 2) return undefined;
  const kinds = new Set<string>();
  for (const o of objects) {
    for (const [, v] of objectEntries(o)) {
      if (v.t === 'null') continue;
      // An attribute of the untaken arm need not be known: its kind is (base64decode(...) is a string).
      const k = valueKind(v, scope);
      if (k !== 'string' && k !== 'number' && k !== 'bool') return null;
      kinds.add(k);
    }
  }
  const element = kinds.size <= 1 ? ([...kinds][0] ?? 'string') : kinds.has('string') ? 'string' : undefined;
  if (!element) return null;
  // The taken elements are written: each attribute must convert to the element type here.
  const takenObjects = taken.items as Extract<Expr, { t: 'object' }>[];
  if (!takenObjects.every((o) => o.items.every((i) => i.value.t === 'null' || isKnown(i.value) || (element === 'string' && valueKind(i.value, scope) === 'string')))) return null;
  const items = takenObjects.map((o) =>
    markCollection(
      { ...o, items: o.items.map((i) => ({ ...i, value: element === 'string' && isKnown(i.value) && (i.value.t === 'number' || i.value.t === 'bool') ? lit.string(toStringValue(i.value)) : i.value })) },
      'map',
      { t: 'var', name: element },
    ),
  );
  return markCollection(lit.tuple(items), 'list', { t: 'call', name: 'map', args: [{ t: 'var', name: element }] });
}

function evaluated(e: Expr, scope: Scope): Expr | undefined {
  try {
    return evaluate(e, scope);
  } catch {
    return undefined;
  }
}

function sameKeys(a: Extract<Expr, { t: 'object' }>, b: Extract<Expr, { t: 'object' }>): boolean {
  if (!isKnownKeys(a) || !isKnownKeys(b)) return true;
  const ka = objectEntries(a).map(([k]) => k).sort();
  const kb = objectEntries(b).map(([k]) => k).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function isKnownKeys(o: Extract<Expr, { t: 'object' }>): boolean {
  return o.items.every((i) => stringValue(i.key) !== undefined);
}
