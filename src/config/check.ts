// What Terraform checks when it loads a root module, re-checked over a configuration unmodule is
// about to write: every reference resolves to a declaration, each.* only under for_each,
// count.index only under count, moved blocks with addresses on both sides and unique sources.
// (Unique names per block kind are checked by buildModule itself.) Pure: a model in, problems out.
import { traversalOf, type Accessor, type Expr, type TemplatePart } from '../hcl/ast.js';
import type { Attribute, Body } from '../hcl/cst.js';
import { printExpr } from '../hcl/print.js';
import { resourceKey, type ModuleConfig, type Origin } from './module.js';

/** One thing Terraform would reject, where it is. */
export interface ConfigProblem {
  origin: Origin;
  message: string;
}

/** Blocks whose top-level arguments are not expressions to resolve here. */
const ADDRESS_BLOCKS = new Set(['moved', 'import', 'removed']);

interface Context {
  count: boolean;
  forEach: boolean;
  /** Names bound by for expressions, dynamic iterators and template for directives. */
  bound: Set<string>;
  file: string;
}

/** The problems of a root module configuration (empty when Terraform would load it). */
export function checkConfig(mod: ModuleConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const declared = new Set(mod.resources.map(resourceKey));
  const calls = new Set(mod.moduleCalls.map((c) => c.name));
  const check = (root: string, acc: Accessor[], ctx: Context, line: number) => {
    if (ctx.bound.has(root)) return;
    const at = { file: ctx.file, line };
    const first = acc[0]?.t === 'getattr' ? acc[0].name : undefined;
    const say = (message: string) => problems.push({ origin: at, message });
    switch (root) {
      case 'var':
        if (first && !mod.variables.has(first)) say(`reference to undeclared input variable "var.${first}"`);
        return;
      case 'local':
        if (first && !mod.locals.has(first)) say(`reference to undeclared local value "local.${first}"`);
        return;
      case 'module':
        if (first && !calls.has(first)) say(`reference to undeclared module call "module.${first}"`);
        return;
      case 'data': {
        const name = acc[1]?.t === 'getattr' ? acc[1].name : undefined;
        if (first && name && !declared.has(`data.${first}.${name}`)) say(`reference to undeclared data source "data.${first}.${name}"`);
        return;
      }
      case 'each':
        if (!ctx.forEach) say(`"each.${first ?? ''}" used where there is no for_each (Terraform: each.value cannot be used in this context)`);
        return;
      case 'count':
        if (!ctx.count) say(`"count.${first ?? ''}" used where there is no count (Terraform: count.index cannot be used in this context)`);
        return;
      case 'path':
      case 'terraform':
      case 'self':
        return;
      default:
        if (first && !declared.has(`${root}.${first}`)) say(`reference to undeclared resource "${root}.${first}"`);
    }
  };

  const expr = (e: Expr, ctx: Context, line: number): void => {
    const tr = traversalOf(e);
    if (tr) {
      check(tr.root, tr.accessors, ctx, e.span?.line ?? line);
      for (const a of tr.accessors) if (a.t === 'index') expr(a.key, ctx, line);
      return;
    }
    const l = e.span?.line ?? line;
    const w = (x: Expr) => expr(x, ctx, l);
    switch (e.t) {
      case 'template':
        parts(e.parts, ctx, l);
        return;
      case 'getattr':
        return w(e.obj);
      case 'index':
        w(e.obj);
        return w(e.key);
      case 'splat':
        w(e.obj);
        for (const a of e.each) if (a.t === 'index') w(a.key);
        return;
      case 'call':
        return e.args.forEach(w);
      case 'tuple':
        return e.items.forEach(w);
      case 'object':
        for (const it of e.items) {
          if (!it.bare) w(it.key);
          w(it.value);
        }
        return;
      case 'cond':
        w(e.cond);
        w(e.then);
        return w(e.else);
      case 'binop':
        w(e.left);
        return w(e.right);
      case 'unop':
        return w(e.operand);
      case 'paren':
        return w(e.inner);
      case 'for': {
        w(e.coll);
        const inner = { ...ctx, bound: new Set([...ctx.bound, e.valVar, ...(e.keyVar ? [e.keyVar] : [])]) };
        if (e.key) expr(e.key, inner, l);
        expr(e.value, inner, l);
        if (e.cond) expr(e.cond, inner, l);
        return;
      }
      default:
        return;
    }
  };

  const parts = (ps: TemplatePart[], ctx: Context, line: number): void => {
    for (const p of ps) {
      if (p.t === 'interp') expr(p.expr, ctx, line);
      else if (p.t === 'if') {
        expr(p.cond, ctx, line);
        parts(p.then, ctx, line);
        if (p.else) parts(p.else, ctx, line);
      } else if (p.t === 'for') {
        expr(p.coll, ctx, line);
        parts(p.body, { ...ctx, bound: new Set([...ctx.bound, p.valVar, ...(p.keyVar ? [p.keyVar] : [])]) }, line);
      }
    }
  };

  const body = (b: Body, ctx: Context): void => {
    for (const it of b.items) {
      if (it.kind === 'attribute') {
        attribute(it, ctx);
        continue;
      }
      if (it.type === 'lifecycle') {
        for (const x of it.body.items) {
          // ignore_changes lists attribute paths of the resource itself, not references.
          if (x.kind === 'attribute' && x.name === 'ignore_changes') continue;
          if (x.kind === 'attribute') attribute(x, ctx);
          else body(x.body, ctx);
        }
        continue;
      }
      if (it.type === 'dynamic') {
        const fe = it.body.items.find((x): x is Attribute => x.kind === 'attribute' && x.name === 'for_each');
        if (fe) attribute(fe, ctx);
        const iterAttr = it.body.items.find((x): x is Attribute => x.kind === 'attribute' && x.name === 'iterator');
        const iter = (iterAttr && traversalOf(iterAttr.expr)?.root) ?? it.labels[0] ?? 'dynamic';
        const inner = { ...ctx, bound: new Set([...ctx.bound, iter]) };
        for (const x of it.body.items) {
          if (x.kind === 'block') body(x.body, inner);
          else if (x.name !== 'for_each' && x.name !== 'iterator') attribute(x, inner);
        }
        continue;
      }
      // Provisioners and connections may say self.
      body(it.body, ctx);
    }
  };

  // depends_on and replace_triggered_by hold references too: their roots resolve the same way.
  const attribute = (a: Attribute, ctx: Context) => expr(a.expr, ctx, a.span.line);

  for (const file of mod.files) {
    for (const it of file.body.items) {
      if (it.kind !== 'block') continue;
      const has = (n: string) => it.body.items.some((x) => x.kind === 'attribute' && x.name === n);
      const ctx: Context = { count: false, forEach: false, bound: new Set(), file: file.path };
      switch (it.type) {
        case 'resource':
        case 'data':
        case 'module': {
          const inner = { ...ctx, count: has('count'), forEach: has('for_each') };
          for (const x of it.body.items) {
            // The repetition itself is evaluated outside the instances.
            if (x.kind === 'attribute' && (x.name === 'count' || x.name === 'for_each')) attribute(x, ctx);
            else if (x.kind === 'attribute' && (x.name === 'provider' || (it.type === 'module' && x.name === 'providers'))) continue;
            else if (x.kind === 'attribute') attribute(x, inner);
            else body({ items: [x] }, inner);
          }
          break;
        }
        case 'variable':
        case 'terraform':
        case 'provider':
        case 'check':
          // Variable defaults and validations, settings and provider configurations are checked
          // by Terraform with their own rules; unmodule does not write into them.
          break;
        case 'moved':
          break;
        default:
          if (!ADDRESS_BLOCKS.has(it.type)) body(it.body, ctx);
      }
    }
  }
  problems.push(...movedProblems(mod));
  return problems;
}

/** Moved blocks: addresses on both sides, of the same kind, unique sources, sources no longer declared. */
function movedProblems(mod: ModuleConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, Origin>();
  const seenTo = new Map<string, Origin>();
  const declared = new Set([...mod.resources.filter((r) => r.mode === 'managed').map(resourceKey), ...mod.moduleCalls.map((c) => `module.${c.name}`)]);
  // Declared objects without count/for_each: their only instance has no key.
  const unkeyed = new Set([
    ...mod.resources.filter((r) => r.mode === 'managed' && !r.block.body.items.some((i) => i.kind === 'attribute' && (i.name === 'count' || i.name === 'for_each'))).map(resourceKey),
    ...mod.moduleCalls.filter((c) => !c.meta.has('count') && !c.meta.has('for_each')).map((c) => `module.${c.name}`),
  ]);
  for (const m of mod.moved) {
    const from = address(m.from);
    const to = address(m.to);
    if (!from || !to) {
      problems.push({ origin: m.origin, message: `moved block with ${!from ? `from = ${oneLine(m.from)}` : `to = ${oneLine(m.to)}`}, which is not an address (Terraform: Invalid expression)` });
      continue;
    }
    if ((from.kind === 'module') !== (to.kind === 'module')) problems.push({ origin: m.origin, message: `moved block from ${from.text} to ${to.text}: both must be resources or both module calls` });
    // Terraform reads both ends as instances when either has a key (x[0] → x), as whole objects
    // otherwise (x → y): `y` the object and `y` the unkeyed instance are different destinations.
    const level = from.keyed || to.keyed ? 'instance' : 'object';
    const first = seen.get(`${level} ${from.text}`);
    if (first) problems.push({ origin: m.origin, message: `moved block from ${from.text} duplicates the one at ${first.file}:${first.line} (Terraform: Ambiguous move statements)` });
    else seen.set(`${level} ${from.text}`, m.origin);
    const firstTo = seenTo.get(`${level} ${to.text}`);
    if (firstTo) problems.push({ origin: m.origin, message: `moved block to ${to.text}, which the one at ${firstTo.file}:${firstTo.line} moves to already (Terraform: Ambiguous move statements)` });
    else seenTo.set(`${level} ${to.text}`, m.origin);
    // `from` must name something the configuration no longer declares (an instance key that an
    // object without count/for_each cannot have is not declared).
    const keyedAway = from.keyed && unkeyed.has(from.object);
    if (!from.text.includes('.module.') && declared.has(from.object) && !keyedAway) problems.push({ origin: m.origin, message: `moved block from ${from.text}, which is still declared (Terraform: Moved object still exists)` });
  }
  return problems;
}

/** An address expression: its text, the object it names without instance keys, and whether it ends in a module call. */
function address(e: Expr): { text: string; object: string; kind: 'module' | 'resource'; keyed: boolean } | undefined {
  const tr = traversalOf(e);
  if (!tr) return undefined;
  const names = [tr.root];
  let keyed = false;
  for (const a of tr.accessors) {
    if (a.t === 'getattr') {
      names.push(a.name);
      keyed = false;
    } else if (a.key.t !== 'number' && a.key.t !== 'template') return undefined;
    else keyed = true;
  }
  // module.a[..].module.b → module; module.a.type.name / type.name / data.type.name → resource.
  let i = 0;
  while (names[i] === 'module' && names.length >= i + 2) i += 2;
  const rest = names.slice(i);
  const kind = rest.length === 0 ? 'module' : 'resource';
  if (kind === 'resource' && !((rest.length === 2 && rest[0] !== 'data') || (rest.length === 3 && rest[0] === 'data'))) return undefined;
  const object = kind === 'module' ? names.join('.') : rest.join('.');
  return { text: printExpr(e), object: i === 0 || kind === 'module' ? object : names.join('.'), kind, keyed };
}

function oneLine(e: Expr): string {
  const text = printExpr(e).replace(/\s*\n\s*/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
