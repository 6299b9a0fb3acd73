// The expression tree unmodule reasons about. Built from the tree-sitter CST (cst.ts), evaluated
// by src/evaluate, printed back by print.ts. Literals double as known values: an expression made
// only of literals, tuples and objects is a value the evaluator knows.

/** A byte range in a source file, with the 1-based line it starts on. */
export interface Span {
  start: number;
  end: number;
  line: number;
}

export type Expr =
  | NullLit
  | BoolLit
  | NumberLit
  | Template
  | Variable
  | GetAttr
  | Index
  | Splat
  | Call
  | Tuple
  | ObjectCons
  | Conditional
  | BinaryOp
  | UnaryOp
  | ForExpr
  | Paren;

export interface NullLit { t: 'null'; span?: Span }
export interface BoolLit { t: 'bool'; value: boolean; span?: Span }
/** Numbers keep their source text so printing never reformats what the user wrote. */
export interface NumberLit { t: 'number'; value: number; raw?: string; span?: Span }

/** A string or template. A plain string is a template with one literal part (or none). */
export interface Template {
  t: 'template';
  parts: TemplatePart[];
  heredoc?: { marker: string; indent: boolean };
  /**
   * Kept verbatim: a flush heredoc with template directives, whose exact whitespace semantics
   * (indentation removed before strip markers apply) unmodule does not re-derive. It is written
   * back as its source text with each expression inside `${}`/`%{}` replaced (`subs`, offsets in
   * the file the source came from).
   */
  verbatim?: { source: string; offset: number; subs: { start: number; end: number; expr: Expr; text?: string }[] };
  span?: Span;
}
export type TemplatePart =
  | { t: 'lit'; value: string }
  | { t: 'interp'; expr: Expr; stripLeft?: boolean; stripRight?: boolean; span?: Span }
  | { t: 'if'; cond: Expr; then: TemplatePart[]; else?: TemplatePart[] }
  | { t: 'for'; keyVar?: string; valVar: string; coll: Expr; body: TemplatePart[] };

/** The root of a traversal: var, local, module, each, count, path, self, a resource type, an iterator. */
export interface Variable { t: 'var'; name: string; span?: Span }
export interface GetAttr { t: 'getattr'; obj: Expr; name: string; span?: Span }
export interface Index { t: 'index'; obj: Expr; key: Expr; legacy?: boolean; span?: Span }
/** `obj[*].a.b` (full) or `obj.*.a.b` (attr): `each` is applied to every element. */
export interface Splat { t: 'splat'; obj: Expr; kind: 'full' | 'attr'; each: Accessor[]; span?: Span }
export type Accessor = { t: 'getattr'; name: string } | { t: 'index'; key: Expr };

export interface Call { t: 'call'; name: string; args: Expr[]; expandFinal?: boolean; span?: Span }
export interface Tuple { t: 'tuple'; items: Expr[]; span?: Span }
export interface ObjectItem {
  key: Expr;
  /** Keys written as bare identifiers (`a = 1`) rather than expressions (`"a" = 1`, `(x) = 1`). */
  bare?: boolean;
  value: Expr;
}
export interface ObjectCons { t: 'object'; items: ObjectItem[]; span?: Span }
export interface Conditional { t: 'cond'; cond: Expr; then: Expr; else: Expr; span?: Span }
export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';
export interface BinaryOp { t: 'binop'; op: BinaryOperator; left: Expr; right: Expr; span?: Span }
export interface UnaryOp { t: 'unop'; op: '!' | '-'; operand: Expr; span?: Span }
export interface ForExpr {
  t: 'for';
  kind: 'tuple' | 'object';
  keyVar?: string;
  valVar: string;
  coll: Expr;
  key?: Expr;
  value: Expr;
  cond?: Expr;
  group?: boolean;
  span?: Span;
}
export interface Paren { t: 'paren'; inner: Expr; span?: Span }

/** Shorthand constructors used by the evaluator and the inliner. */
export const lit = {
  null: (): NullLit => ({ t: 'null' }),
  bool: (value: boolean): BoolLit => ({ t: 'bool', value }),
  number: (value: number): NumberLit => ({ t: 'number', value }),
  string: (value: string): Template => ({ t: 'template', parts: value === '' ? [] : [{ t: 'lit', value }] }),
  tuple: (items: Expr[]): Tuple => ({ t: 'tuple', items }),
  object: (entries: [string, Expr][]): ObjectCons => ({
    t: 'object',
    items: entries.map(([k, value]) => ({ key: lit.string(k), bare: isIdentifier(k), value })),
  }),
};

/**
 * An HCL identifier as a regular expression source (use with the `u` flag): Unicode ID_Start or
 * `_`, then ID_Continue or `-` (`sërvice_ünï` is a name Terraform accepts).
 */
export const IDENTIFIER = '[\\p{ID_Start}_][\\p{ID_Continue}-]*';

const IDENTIFIER_RE = new RegExp(`^${IDENTIFIER}$`, 'u');

/** Terraform identifier rules (Unicode letters, digits, underscores, dashes; not starting with a digit or dash). */
export function isIdentifier(s: string): boolean {
  return IDENTIFIER_RE.test(s);
}

/** The plain string value of a template with no interpolations, or undefined. */
export function stringValue(e: Expr): string | undefined {
  if (e.t !== 'template') return undefined;
  let out = '';
  for (const p of e.parts) {
    if (p.t !== 'lit') return undefined;
    out += p.value;
  }
  return out;
}

/** The traversal `a.b[0].c` as root name plus accessors, or undefined if e is not a pure traversal. */
export function traversalOf(e: Expr): { root: string; accessors: Accessor[] } | undefined {
  const accessors: Accessor[] = [];
  let cur = e;
  for (;;) {
    if (cur.t === 'getattr') {
      accessors.unshift({ t: 'getattr', name: cur.name });
      cur = cur.obj;
    } else if (cur.t === 'index') {
      accessors.unshift({ t: 'index', key: cur.key });
      cur = cur.obj;
    } else if (cur.t === 'var') {
      return { root: cur.name, accessors };
    } else {
      return undefined;
    }
  }
}

/** Builds `root.a[k]...` from a root name and accessors. */
export function buildTraversal(root: Expr, accessors: Accessor[]): Expr {
  let e = root;
  for (const a of accessors) e = a.t === 'getattr' ? { t: 'getattr', obj: e, name: a.name } : { t: 'index', obj: e, key: a.key };
  return e;
}

/** Visits every sub-expression (pre-order). Return false from fn to skip a subtree. */
export function walkExpr(e: Expr, fn: (e: Expr) => boolean | void): void {
  if (fn(e) === false) return;
  const w = (x: Expr) => walkExpr(x, fn);
  switch (e.t) {
    case 'template':
      walkParts(e.parts, w);
      break;
    case 'getattr':
      w(e.obj);
      break;
    case 'index':
      w(e.obj);
      w(e.key);
      break;
    case 'splat':
      w(e.obj);
      for (const a of e.each) if (a.t === 'index') w(a.key);
      break;
    case 'call':
      e.args.forEach(w);
      break;
    case 'tuple':
      e.items.forEach(w);
      break;
    case 'object':
      for (const it of e.items) {
        w(it.key);
        w(it.value);
      }
      break;
    case 'cond':
      w(e.cond);
      w(e.then);
      w(e.else);
      break;
    case 'binop':
      w(e.left);
      w(e.right);
      break;
    case 'unop':
      w(e.operand);
      break;
    case 'for':
      w(e.coll);
      if (e.key) w(e.key);
      w(e.value);
      if (e.cond) w(e.cond);
      break;
    case 'paren':
      w(e.inner);
      break;
    default:
      break;
  }
}

function walkParts(parts: TemplatePart[], w: (e: Expr) => void): void {
  for (const p of parts) {
    if (p.t === 'interp') w(p.expr);
    else if (p.t === 'if') {
      w(p.cond);
      walkParts(p.then, w);
      if (p.else) walkParts(p.else, w);
    } else if (p.t === 'for') {
      w(p.coll);
      walkParts(p.body, w);
    }
  }
}
