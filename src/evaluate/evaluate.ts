// The partial evaluator: folds what is known, rewrites what is not. Returns an expression that
// means the same thing in the target scope; literals in the result are known values.
import { buildTraversal, lit, traversalOf, walkExpr, type Accessor, type Expr, type TemplatePart } from '../hcl/ast.js';
import { printExpr } from '../hcl/print.js';
import { callFunction, markSensitive } from './functions.js';
import { collectionMark, markCollection } from './types.js';
import { unifyTaken } from './unify.js';
import {
  EvalError,
  isCollection,
  isKnown,
  makeObject,
  objectEntries,
  objectGet,
  seqItems,
  toBool,
  toNumber,
  toStringValue,
  valuesEqual,
} from './values.js';

/** Resolves the roots of traversals (var, local, resource types, ...). */
export interface Scope {
  /**
   * Resolves `root.accessors...`; returns the replacement for the first `consumed` accessors, or
   * undefined to leave the traversal as written.
   */
  resolve(root: string, accessors: Accessor[]): { expr: Expr; consumed: number } | undefined;
  /**
   * Makes a value writable on one line inside a verbatim template (e.g. by hoisting it into a
   * root local); absent: values are written as they print.
   */
  inlineable?(value: Expr, nameHint?: string): Expr;
  /** True when `root` is a name bound here (a for or dynamic iterator, each, count), not a resource. */
  binds?(root: string): boolean;
  /** The value behind `local.NAME` when this scope wrote it as a root local (hoisted). */
  hoistedValue?(name: string): Expr | undefined;
  /** The declared type constraint of `var.NAME` (a conditional's arms unify by type, not value). */
  variableType?(name: string): Expr | undefined;
}

/** A scope that leaves everything as written (the caller's own root scope). */
export const identityScope: Scope = { resolve: () => undefined };

/** A scope with local bindings (for-expression and iterator variables) over a parent. */
export function bindScope(parent: Scope, bindings: Map<string, Expr | null>): Scope {
  return {
    inlineable: parent.inlineable?.bind(parent),
    hoistedValue: parent.hoistedValue?.bind(parent),
    variableType: parent.variableType?.bind(parent),
    binds: (root) => bindings.has(root) || !!parent.binds?.(root),
    resolve(root, accessors) {
      if (bindings.has(root)) {
        const v = bindings.get(root);
        // null: the name is bound but symbolic (shadowing the parent), keep as written.
        return v === null ? undefined : { expr: v!, consumed: 0 };
      }
      return parent.resolve(root, accessors);
    },
  };
}

/** Partially evaluates e in scope; undefined where Terraform itself would fail (evaluate throws EvalError there). */
export function tryEvaluate(e: Expr, scope: Scope): Expr | undefined {
  try {
    return evaluate(e, scope);
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

/** Partially evaluates e in scope. Throws EvalError where Terraform itself would fail. */
export function evaluate(e: Expr, scope: Scope): Expr {
  switch (e.t) {
    case 'null':
    case 'bool':
    case 'number':
      return e;
    case 'template':
      return evalTemplate(e, scope);
    case 'var':
    case 'getattr':
    case 'index': {
      const tr = traversalOf(e);
      if (tr) return evalTraversal(tr.root, tr.accessors, scope);
      // A chain on a non-variable head, e.g. f(x).a or [1,2][0].
      if (e.t === 'getattr') return access(evaluate(e.obj, scope), { t: 'getattr', name: e.name });
      if (e.t === 'index') return access(evaluate(e.obj, scope), { t: 'index', key: evaluate(e.key, scope) });
      return e;
    }
    case 'splat': {
      const obj = evaluate(e.obj, scope);
      const each = e.each.map((a): Accessor => (a.t === 'index' ? { t: 'index', key: evaluate(a.key, scope) } : a));
      return splat(obj, e.kind, each);
    }
    case 'call':
      return evalCall(e, scope);
    case 'tuple':
      return { t: 'tuple', items: e.items.map((i) => evaluate(i, scope)) };
    case 'object': {
      // A key computed by an expression (`(var.k) = v`) that folds to a name reads best bare.
      const items = e.items.map((i) => ({ key: evaluate(i.key, scope), bare: i.key.t === 'template' ? i.bare : undefined, value: evaluate(i.value, scope) }));
      // Keys that fold to known non-string primitives become strings, as Terraform converts them.
      for (const it of items) if (it.key.t === 'number' || it.key.t === 'bool') it.key = lit.string(toStringValue(it.key));
      return { t: 'object', items };
    }
    case 'cond': {
      const c = evaluate(e.cond, scope);
      // A known sensitive condition picks its arm like any other and marks the whole result
      // (`sensitive(true) ? "a" : "b"` is a sensitive "a", a null taken arm a sensitive null):
      // sensitive() marks it the same way.
      const plainCond = sensitiveInner(c);
      if (plainCond) return markSensitive(evaluate({ ...e, cond: plainCond }, scope));
      if (isKnown(c)) {
        const taken = evaluate(toBool(c) ? e.then : e.else, scope);
        const other = toBool(c) ? e.else : e.then;
        const unified = unifyTaken(unifiedWithEmpty(taken, other), other, scope);
        if (unified) return unified;
        // The unified type cannot be told and could differ from the taken literal's: keep the
        // conditional (its other arm written too) rather than risk a type change. An untaken arm
        // that cannot be written is one Terraform never evaluates: the taken value stands.
        const otherValue = tryEvaluate(other, scope);
        // Only a reference can hide a type; an arm of literals that has none is an error.
        if (!otherValue || !hasReference(otherValue)) return taken;
        return { t: 'cond', cond: lit.bool(toBool(c)), then: toBool(c) ? taken : otherValue, else: toBool(c) ? otherValue : taken };
      }
      return { t: 'cond', cond: boolOperand(c), then: evaluate(e.then, scope), else: evaluate(e.else, scope) };
    }
    case 'binop': {
      const l = evaluate(e.left, scope);
      const r = evaluate(e.right, scope);
      return throughHoisted([l, r], scope, ([hl, hr]) => evalBinop(e.op, hl!, hr!), isKnown) ?? evalBinop(e.op, l, r);
    }
    case 'unop': {
      const written = evaluate(e.operand, scope);
      const v = sensitiveInner(written) ?? written;
      if (!isKnown(v)) return { t: 'unop', op: e.op, operand: written };
      if (v !== written) return markSensitive(e.op === '!' ? lit.bool(!toBool(v)) : lit.number(-toNumber(v)));
      return e.op === '!' ? lit.bool(!toBool(v)) : lit.number(-toNumber(v));
    }
    case 'for':
      return evalFor(e, scope);
    case 'paren': {
      const inner = evaluate(e.inner, scope);
      return isKnown(inner) || inner.t === 'var' || inner.t === 'getattr' || inner.t === 'index' || inner.t === 'call' || inner.t === 'paren'
        ? inner
        : { t: 'paren', inner };
    }
  }
}

/**
 * `cond ? x : {}` has the type both arms unify to: with an empty object on one side that is a map
 * (and `[]` a list), whatever x's literal looks like. The taken arm is marked (a copy: it may be
 * shared) so that dynamically typed destinations write tomap()/tolist().
 */
function unifiedWithEmpty(taken: Expr, other: Expr): Expr {
  const emptyObject = other.t === 'object' && other.items.length === 0;
  const emptyTuple = other.t === 'tuple' && other.items.length === 0;
  if (!emptyObject && !emptyTuple) return taken;
  if ((taken.t === 'object' || taken.t === 'tuple') && taken.items.length === 0) return taken;
  if (collectionMark(taken)) return taken;
  return markCollection({ ...taken } as Expr, emptyObject ? 'map' : 'list', undefined);
}

function hasReference(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.t === 'var') found = true;
    return found ? false : undefined;
  });
  return found;
}

function evalTraversal(root: string, accessors: Accessor[], scope: Scope): Expr {
  const evAcc = accessors.map((a): Accessor => (a.t === 'index' ? { t: 'index', key: evaluate(a.key, scope) } : a));
  const r = scope.resolve(root, evAcc);
  if (!r) return buildTraversal({ t: 'var', name: root }, evAcc);
  let cur = r.expr;
  for (const a of evAcc.slice(r.consumed)) cur = access(cur, a);
  return cur;
}

/** Applies one accessor: folds on known collections, otherwise builds the traversal. */
export function access(obj: Expr, a: Accessor): Expr {
  if (a.t === 'getattr') {
    if (obj.t === 'object' && isCollection(obj)) {
      const v = objectGet(obj, a.name);
      if (v === undefined) throw new EvalError(`this object does not have an attribute named "${a.name}"`);
      return v;
    }
    if (obj.t === 'null') throw new EvalError(`attempt to get attribute "${a.name}" from a null value`);
    return { t: 'getattr', obj: wrapForTraversal(obj), name: a.name };
  }
  const key = a.key;
  const items = seqItems(obj);
  if (obj.t === 'tuple' && items && isKnown(key)) {
    const i = toNumber(key);
    if (!Number.isInteger(i) || i < 0 || i >= items.length) throw new EvalError(`the given index ${i} is out of range for a collection of ${items.length} elements`);
    return items[i]!;
  }
  if (obj.t === 'object' && isCollection(obj) && isKnown(key)) {
    const k = toStringValue(key);
    const v = objectGet(obj, k);
    if (v === undefined) throw new EvalError(`the given key "${k}" does not identify an element in this collection value`);
    return v;
  }
  if (obj.t === 'null') throw new EvalError('attempt to index a null value');
  return { t: 'index', obj: wrapForTraversal(obj), key };
}

function wrapForTraversal(e: Expr): Expr {
  return e.t === 'cond' || e.t === 'binop' || e.t === 'unop' ? { t: 'paren', inner: e } : e;
}

function splat(obj: Expr, kind: 'full' | 'attr', each: Accessor[]): Expr {
  const apply = (x: Expr) => each.reduce(access, x);
  const items = seqItems(obj);
  if (items && obj.t === 'tuple') return { t: 'tuple', items: items.map(apply) };
  if (obj.t === 'null' && kind === 'full') return lit.tuple([]);
  if (isKnown(obj) && obj.t !== 'call' && kind === 'full') return lit.tuple([apply(obj)]);
  return { t: 'splat', obj: wrapForTraversal(obj), kind, each };
}

/** Evaluates every expression of a verbatim template in place (iterators stay symbolic). */
function evalVerbatim(e: Extract<Expr, { t: 'template' }>, scope: Scope): Expr {
  const subs: { start: number; end: number; expr: Expr; text?: string }[] = [];
  const hint = (x: Expr) => {
    const tr = traversalOf(x);
    const last = tr?.accessors[tr.accessors.length - 1];
    return last?.t === 'getattr' ? last.name : undefined;
  };
  const sub = (x: Expr, s: Scope) => {
    if (!x.span) throw new EvalError('template expression without a source position');
    const v = evaluate(x, s);
    subs.push({ start: x.span.start, end: x.span.end, expr: scope.inlineable?.(v, hint(x)) ?? v });
  };
  const walk = (parts: TemplatePart[], s: Scope) => {
    for (const p of parts) {
      if (p.t === 'interp') {
        // A known one-line value becomes text: "# ${upper(var.env)}" → "# PROD". Not next to a
        // strip marker, whose effect on the surrounding whitespace would change.
        const v = p.span && !p.stripLeft && !p.stripRight ? evaluate(p.expr, s) : undefined;
        const text = v && isKnown(v) && v.t !== 'null' && v.t !== 'tuple' && v.t !== 'object' && v.t !== 'call' ? toStringValue(v) : undefined;
        if (text !== undefined && !text.includes('\n')) subs.push({ start: p.span!.start, end: p.span!.end, expr: v!, text: text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{') });
        else sub(p.expr, s);
      }
      else if (p.t === 'if') {
        sub(p.cond, s);
        walk(p.then, s);
        if (p.else) walk(p.else, s);
      } else if (p.t === 'for') {
        sub(p.coll, s);
        const b = new Map<string, Expr | null>([[p.valVar, null]]);
        if (p.keyVar) b.set(p.keyVar, null);
        walk(p.body, bindScope(s, b));
      }
    }
  };
  walk(e.parts, scope);
  return { ...e, verbatim: { ...e.verbatim!, subs } };
}

function evalTemplate(e: Extract<Expr, { t: 'template' }>, scope: Scope): Expr {
  if (e.verbatim) return evalVerbatim(e, scope);
  // "${x}" alone is x itself (no string conversion), per the HCL spec.
  if (e.parts.length === 1 && e.parts[0]!.t === 'interp' && !e.heredoc) return evaluate(e.parts[0]!.expr, scope);
  const parts = evalParts(e.parts, scope);
  return { t: 'template', parts, heredoc: e.heredoc };
}

function evalParts(parts: TemplatePart[], scope: Scope): TemplatePart[] {
  const out: TemplatePart[] = [];
  const push = (p: TemplatePart) => {
    const last = out[out.length - 1];
    if (p.t === 'lit' && last?.t === 'lit') last.value += p.value;
    else if (!(p.t === 'lit' && p.value === '')) out.push(p.t === 'lit' ? { ...p } : p);
  };
  for (const p of parts) {
    if (p.t === 'lit') push(p);
    else if (p.t === 'interp') {
      const v = evaluate(p.expr, scope);
      if (isKnown(v)) push({ t: 'lit', value: toStringValue(v) });
      else if (v.t === 'template' && !v.heredoc) v.parts.forEach(push);
      else push({ t: 'interp', expr: v });
    } else if (p.t === 'if') {
      const c = evaluate(p.cond, scope);
      if (isKnown(c)) (toBool(c) ? evalParts(p.then, scope) : evalParts(p.else ?? [], scope)).forEach(push);
      else push({ t: 'if', cond: c, then: evalParts(p.then, scope), else: p.else && evalParts(p.else, scope) });
    } else {
      const coll = evaluate(p.coll, scope);
      const entries = iterate(coll);
      if (entries) {
        for (const [k, v] of entries) {
          const b = new Map<string, Expr | null>([[p.valVar, v]]);
          if (p.keyVar) b.set(p.keyVar, k);
          evalParts(p.body, bindScope(scope, b)).forEach(push);
        }
      } else {
        const b = new Map<string, Expr | null>([[p.valVar, null]]);
        if (p.keyVar) b.set(p.keyVar, null);
        push({ t: 'for', keyVar: p.keyVar, valVar: p.valVar, coll, body: evalParts(p.body, bindScope(scope, b)) });
      }
    }
  }
  return out;
}

/** Key/value pairs of a collection whose shape is known (tuple, set, object), in Terraform's order. */
export function iterate(coll: Expr): [Expr, Expr][] | undefined {
  if (coll.t === 'tuple') return coll.items.map((v, i) => [lit.number(i), v]);
  if (coll.t === 'call' && coll.name === 'toset' && isKnown(coll)) return seqItems(coll)!.map((v) => [v, v]);
  if (coll.t === 'object' && isCollection(coll)) {
    // Terraform iterates maps and objects in lexical key order.
    return objectEntries(coll)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [lit.string(k), v]);
  }
  return undefined;
}

function evalFor(e: Extract<Expr, { t: 'for' }>, scope: Scope): Expr {
  const coll = evaluate(e.coll, scope);
  // A for over a hoisted local iterates its known value: the elements are what it is about.
  const entries = iterate(coll) ?? iterate(hoistedBehind(coll, scope) ?? coll);
  // Symbolic: the for expression stays, its body rewritten with the iterators kept as names.
  const symbolic = (): Expr => {
    const b = new Map<string, Expr | null>([[e.valVar, null]]);
    if (e.keyVar) b.set(e.keyVar, null);
    const inner = bindScope(scope, b);
    return {
      ...e,
      coll,
      key: e.key && evaluate(e.key, inner),
      value: evaluate(e.value, inner),
      cond: e.cond && evaluate(e.cond, inner),
    };
  };
  if (!entries) {
    const kept = symbolic();
    // A condition false whatever the element (`if contains([], x)`) keeps nothing: whatever the
    // collection holds, the result is empty (as Terraform computes it once the collection is known).
    if (kept.t === 'for' && kept.cond && isKnown(kept.cond) && kept.cond.t === 'bool' && !kept.cond.value) return e.kind === 'tuple' ? lit.tuple([]) : lit.object([]);
    return kept;
  }
  const tupleItems: Expr[] = [];
  const objEntries: [Expr, Expr][] = [];
  for (const [k, v] of entries) {
    const b = new Map<string, Expr | null>([[e.valVar, v]]);
    if (e.keyVar) b.set(e.keyVar, k);
    const inner = bindScope(scope, b);
    if (e.cond) {
      const c = evaluate(e.cond, inner);
      if (!isKnown(c)) return symbolic();
      if (!toBool(c)) continue;
    }
    if (e.kind === 'tuple') tupleItems.push(evaluate(e.value, inner));
    else objEntries.push([evaluate(e.key!, inner), evaluate(e.value, inner)]);
  }
  if (e.kind === 'tuple') return lit.tuple(tupleItems);
  if (!objEntries.every(([k]) => isKnown(k))) return symbolic();
  const keyed = objEntries.map(([k, v]): [string, Expr] => [toStringValue(k), v]);
  if (e.group) {
    const groups = new Map<string, Expr[]>();
    for (const [k, v] of keyed) groups.set(k, [...(groups.get(k) ?? []), v]);
    return makeObject([...groups].map(([k, vs]) => [k, lit.tuple(vs)]));
  }
  const seen = new Set<string>();
  for (const [k] of keyed) {
    if (seen.has(k)) throw new EvalError(`duplicate object key "${k}" in for expression; add "..." to group values`);
    seen.add(k);
  }
  return makeObject(keyed);
}

function evalCall(e: Extract<Expr, { t: 'call' }>, scope: Scope): Expr {
  if (e.name === 'try' || e.name === 'can') return evalTry(e, scope);
  let args = e.args.map((a) => evaluate(a, scope));
  if (e.expandFinal && args.length) {
    const last = seqItems(args[args.length - 1]!);
    if (last) args = [...args.slice(0, -1), ...last];
    else return { t: 'call', name: e.name, args, expandFinal: true };
  }
  const marked = e.name === 'sensitive' || e.name === 'nonsensitive' || e.name === 'issensitive' ? undefined : markedResult(args, (plain) => callFunction(e.name, plain));
  if (marked) return marked;
  const folded = (e.name === 'nonsensitive' && args.length === 1 ? sensitiveInner(args[0]!) : callFunction(e.name, args)) ?? throughHoisted(args, scope, (known) => callFunction(e.name, known), isSmall);
  return folded ?? { t: 'call', name: e.name, args };
}

/**
 * The known value inside `sensitive(x)` (a sensitive module input, a sensitive() call), or
 * undefined. Terraform computes with such a value as with any other and marks what it derives.
 */
export function sensitiveInner(e: Expr): Expr | undefined {
  let inner = e;
  while (inner.t === 'paren') inner = inner.inner;
  if (inner.t !== 'call' || inner.name !== 'sensitive' || inner.args.length !== 1) return undefined;
  return isKnown(inner.args[0]!) ? inner.args[0]! : undefined;
}

/**
 * A count as Terraform reads it: a sensitive count is allowed (unlike for_each) and its mark
 * dropped; the number is what counts.
 */
export function countValue(e: Expr): Expr {
  return sensitiveInner(e) ?? e;
}

/** A primitive (null, bool, number, string), or one marked sensitive: the whole value carries the mark. */
function isMarkablePrimitive(e: Expr): boolean {
  const v = sensitiveInner(e) ?? e;
  return isKnown(v) && v.t !== 'tuple' && v.t !== 'object' && v.t !== 'call';
}

/**
 * A function or operator over sensitive operands: Terraform applies it to the values and marks
 * the result (`length(sensitive("")) > 0` is a sensitive false, and a count that reads it is 0).
 * Folded only when the result is a primitive: one mark on one value, as Terraform gives it
 * (a collection result may carry marks per element). Undefined: no sensitive operand, or the
 * result is not a known primitive (the caller keeps the expression as written).
 */
function markedResult(operands: Expr[], compute: (plain: Expr[]) => Expr | undefined): Expr | undefined {
  const plain = operands.map((o) => sensitiveInner(o) ?? o);
  if (plain.every((p, i) => p === operands[i])) return undefined;
  const r = compute(plain);
  return r && isMarkablePrimitive(r) ? markSensitive(r) : undefined;
}

/**
 * The known value a root local holds when this scope hoisted it (`local.<call>_parts`), else
 * undefined. A value used more than once is written once as a root local, but what is computed
 * from it (its length, a comparison, an element) must still fold as it would over the value
 * itself: `count = length(local.parts) > 0 ? 1 : 0` over a known one-element list is no count.
 */
function hoistedBehind(v: Expr, scope: Scope, partly = false): Expr | undefined {
  const tr = v.t === 'getattr' ? traversalOf(v) : undefined;
  if (tr?.root !== 'local' || tr.accessors.length !== 1) return undefined;
  const held = scope.hoistedValue?.(v.t === 'getattr' ? v.name : '');
  // partly: a tuple or object literal with unknown members still has a known length and keys.
  return held && (isKnown(held) || (partly && (held.t === 'tuple' || held.t === 'object'))) ? held : undefined;
}

/**
 * Computes f over the operands with hoisted locals replaced by their known values; the result is
 * taken only when it is known and `accept` says it reads well (else the reference stays).
 */
function throughHoisted(operands: Expr[], scope: Scope, f: (known: Expr[]) => Expr | undefined, accept: (v: Expr) => boolean): Expr | undefined {
  if (!scope.hoistedValue) return undefined;
  let replaced = false;
  const known = operands.map((o) => {
    // The result must be known and small, so a value with unknown members may be computed over.
    const held = hoistedBehind(o, scope, true);
    if (held) replaced = true;
    return held ?? o;
  });
  if (!replaced) return undefined;
  let out: Expr | undefined;
  try {
    out = f(known);
  } catch (err) {
    // What fails over the value fails at plan time as written too: keep it as written.
    if (err instanceof EvalError) return undefined;
    throw err;
  }
  return out && isKnown(out) && accept(out) ? out : undefined;
}

/** A folded value small enough to write in place of the call that computed it. */
function isSmall(v: Expr): boolean {
  if (v.t === 'number' || v.t === 'bool' || v.t === 'null') return true;
  const printed = printExpr(v);
  return !printed.includes('\n') && printed.length <= 60;
}

/** try/can: an argument that fails to evaluate is skipped, exactly as Terraform would. */
function evalTry(e: Extract<Expr, { t: 'call' }>, scope: Scope): Expr {
  const kept: Expr[] = [];
  for (const a of e.args) {
    let v: Expr;
    try {
      v = evaluate(a, scope);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      if (e.name === 'can') return lit.bool(false);
      continue;
    }
    if (isKnown(v) || cannotFail(v, scope)) {
      if (e.name === 'can') return kept.length ? { t: 'call', name: 'can', args: [...kept, v] } : lit.bool(true);
      return kept.length ? { t: 'call', name: 'try', args: [...kept, v] } : v;
    }
    kept.push(v);
  }
  if (kept.length === 0) throw new EvalError(`no expression given to ${e.name}() succeeded`);
  return { t: 'call', name: e.name, args: kept };
}

/**
 * A plain attribute reference to a resource or data source cannot fail at run time (its schema is
 * checked before). An iterator's element can: `rule.selection.countUnit` fails for an element
 * whose object has no such attribute, which is what `try(rule.selection.countUnit, null)` is for.
 */
function cannotFail(e: Expr, scope: Scope): boolean {
  // jsonencode of a known value is kept as a call only to read well; it cannot fail.
  if (e.t === 'call' && e.name === 'jsonencode' && e.args.length === 1 && isKnown(e.args[0]!)) return true;
  const tr = traversalOf(e);
  return !!tr && tr.accessors.every((a) => a.t === 'getattr') && !['var', 'local', 'module', 'each', 'count'].includes(tr.root) && !scope.binds?.(tr.root);
}

/** Expressions whose value is a bool whatever they read (so `true && x` is exactly x). */
function isBoolTyped(e: Expr): boolean {
  switch (e.t) {
    case 'bool':
      return true;
    case 'binop':
      return ['==', '!=', '<', '>', '<=', '>=', '&&', '||'].includes(e.op);
    case 'unop':
      return e.op === '!';
    case 'paren':
      return isBoolTyped(e.inner);
    case 'call':
      return ['can', 'contains', 'tobool', 'alltrue', 'anytrue', 'startswith', 'endswith', 'strcontains', 'fileexists'].includes(e.name);
    default:
      return false;
  }
}

/**
 * A condition without its neutral operands: `x && true` / `false || x` as a conditional's
 * condition is x (both convert x to bool, and fail alike when it is not one).
 */
function boolOperand(c: Expr): Expr {
  if (c.t !== 'binop' || (c.op !== '&&' && c.op !== '||')) return c;
  if (isNeutral(c.left, c.op)) return boolOperand(c.right);
  if (isNeutral(c.right, c.op)) return boolOperand(c.left);
  return c;
}

/** True when x is the literal that leaves `op` unchanged: `true` for &&, `false` for ||. */
function isNeutral(x: Expr, op: '&&' | '||'): boolean {
  return x.t === 'bool' && x.value === (op === '&&');
}

function evalBinop(op: string, l: Expr, r: Expr): Expr {
  const marked = markedResult([l, r], ([pl, pr]) => evalBinop(op, pl!, pr!));
  if (marked) return marked;
  if (op === '&&' && ((isKnown(l) && !toBool(l)) || (isKnown(r) && !toBool(r)))) return lit.bool(false);
  if (op === '||' && ((isKnown(l) && toBool(l)) || (isKnown(r) && toBool(r)))) return lit.bool(true);
  // `true && x` and `false || x` are x when x is a bool by its form (a comparison, a negation...).
  if (op === '&&' || op === '||') {
    if (isNeutral(l, op) && isBoolTyped(r)) return r;
    if (isNeutral(r, op) && isBoolTyped(l)) return l;
  }
  if (!isKnown(l) || !isKnown(r)) return { t: 'binop', op: op as never, left: l, right: r };
  switch (op) {
    case '&&':
    case '||':
      return lit.bool(op === '&&' ? toBool(l) && toBool(r) : toBool(l) || toBool(r));
    case '==':
      return lit.bool(valuesEqual(l, r));
    case '!=':
      return lit.bool(!valuesEqual(l, r));
    case '<':
      return lit.bool(toNumber(l) < toNumber(r));
    case '>':
      return lit.bool(toNumber(l) > toNumber(r));
    case '<=':
      return lit.bool(toNumber(l) <= toNumber(r));
    case '>=':
      return lit.bool(toNumber(l) >= toNumber(r));
    case '+':
      return lit.number(toNumber(l) + toNumber(r));
    case '-':
      return lit.number(toNumber(l) - toNumber(r));
    case '*':
      return lit.number(toNumber(l) * toNumber(r));
    case '/':
      if (toNumber(r) === 0) throw new EvalError('division by zero');
      return lit.number(toNumber(l) / toNumber(r));
    case '%':
      return lit.number(toNumber(l) % toNumber(r));
    default:
      throw new EvalError(`unknown operator ${op}`);
  }
}
