// Type constraints of input variables: conversion of a caller's value to the declared type,
// including object attributes declared with optional(T, default).
import { lit, stringValue, traversalOf, type Expr } from '../hcl/ast.js';
import { EvalError, isCollection, isKnown, makeObject, normaliseSet, objectEntries, objectGet, seqItems, toBool, toNumber, toStringValue } from './values.js';

/** A literal that stands for a value of a collection type HCL literals cannot spell (map, list). */
export interface CollectionMark {
  kind: 'map' | 'list';
  element?: Expr;
}

// Object and tuple literals are HCL's object and tuple types; a variable declared map(string) or
// list(string) holds a map or a list. Where the value lands somewhere dynamically typed
// (terraform_data's input, an output), that difference is a change, so the literal remembers it.
const marks = new WeakMap<Expr, CollectionMark>();

/** Records that literal e stands for a map or list (with this element type, when known). */
export function markCollection(e: Expr, kind: 'map' | 'list', element: Expr | undefined): Expr {
  marks.set(e, { kind, element });
  return e;
}

/** The collection type a literal stands for, when it came from a map/list conversion. */
export function collectionMark(e: Expr): CollectionMark | undefined {
  return marks.get(e);
}

/** Wraps every literal that stands for a map or list in tomap()/tolist(), for dynamically typed places. */
export function withCollectionTypes(e: Expr): Expr {
  const mark = marks.get(e);
  const inner: Expr =
    e.t === 'object'
      ? { ...e, items: e.items.map((i) => ({ ...i, value: withCollectionTypes(i.value) })) }
      : e.t === 'tuple'
        ? { ...e, items: e.items.map(withCollectionTypes) }
        : e;
  if (!mark) return inner;
  // tolist([]) is a list(dynamic); an empty list(string) (compact of blanks, regexall without a
  // match, a list(string) input of []) is spelt by the one call that returns it.
  if (mark.kind === 'list' && inner.t === 'tuple' && inner.items.length === 0 && mark.element?.t === 'var' && mark.element.name === 'string') {
    return { t: 'call', name: 'compact', args: [lit.tuple([])] };
  }
  return { t: 'call', name: mark.kind === 'map' ? 'tomap' : 'tolist', args: [inner] };
}

/** Converts value to the type written in typeExpr (undefined or `any`: unchanged). */
export function convertToType(value: Expr, typeExpr: Expr | undefined): Expr {
  if (!typeExpr || value.t === 'null') return value;
  const prim = traversalOf(typeExpr);
  if (prim && prim.accessors.length === 0) {
    if (!isKnown(value)) return value;
    switch (prim.root) {
      case 'string':
        if (value.t === 'tuple' || value.t === 'object') throw new EvalError('string required');
        return lit.string(toStringValue(value));
      case 'number':
        return lit.number(toNumber(value));
      case 'bool':
        return lit.bool(toBool(value));
      default:
        return value;
    }
  }
  if (typeExpr.t !== 'call') return value;
  const [inner, dflt] = typeExpr.args;
  switch (typeExpr.name) {
    case 'list':
    case 'set': {
      const items = seqItems(value);
      if (!items || (value.t !== 'tuple' && !isKnown(value))) return value;
      const converted = items.map((i) => convertToType(i, inner));
      if (typeExpr.name === 'list') return markCollection(lit.tuple(converted), 'list', inner);
      return converted.every(isKnown) ? { t: 'call', name: 'toset', args: [lit.tuple(normaliseSet(converted))] } : { t: 'call', name: 'toset', args: [lit.tuple(converted)] };
    }
    case 'map':
      if (value.t !== 'object' || !isCollection(value)) return value;
      return markCollection(makeObject(objectEntries(value).map(([k, v]) => [k, convertToType(v, inner)])), 'map', inner);
    case 'tuple': {
      if (value.t !== 'tuple' || inner?.t !== 'tuple') return value;
      return lit.tuple(value.items.map((v, i) => convertToType(v, inner.items[i])));
    }
    case 'object': {
      if (value.t !== 'object' || !isCollection(value) || inner?.t !== 'object') return value;
      const out: [string, Expr][] = [];
      for (const it of inner.items) {
        const name = stringValue(it.key)!;
        const attrType = it.value;
        const optional = attrType.t === 'call' && attrType.name === 'optional';
        const given = objectGet(value, name);
        if (given === undefined || given.t === 'null') {
          if (!optional) {
            if (given === undefined) throw new EvalError(`attribute "${name}" is required`);
            out.push([name, given]);
            continue;
          }
          // optional(T, default): a missing or null attribute takes the default.
          const d = attrType.args[1];
          out.push([name, d ? convertToType(d, attrType.args[0]) : lit.null()]);
          continue;
        }
        out.push([name, convertToType(given, optional ? attrType.args[0] : attrType)]);
      }
      return makeObject(out);
    }
    case 'optional':
      void dflt;
      return convertToType(value, inner);
    default:
      return value;
  }
}
