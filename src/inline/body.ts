// A module resource's body, rewritten for the root: arguments folded, nulls omitted, dynamic
// blocks expanded when their collection is known, meta-arguments kept as Terraform needs them.
import { buildTraversal, lit, traversalOf, walkExpr, type Accessor, type Expr } from '../hcl/ast.js';
import type { Attribute, Block } from '../hcl/cst.js';
import type { OutItem } from '../hcl/print.js';
import { bindScope, iterate, type Scope } from '../evaluate/evaluate.js';
import { withCollectionTypes } from '../evaluate/types.js';
import { isKnown } from '../evaluate/values.js';
import { printExpr } from '../hcl/print.js';
import { InlineError } from './refactor.js';
import type { ModuleScope } from './scope.js';

/**
 * How a body is rewritten. `dynamic`: its arguments are dynamically typed (terraform_data's input),
 * so collections keep their types; `moduleArgs`: it is a module call's, where null is a value.
 */
export interface RewriteBodyOptions {
  dynamic?: boolean;
  moduleArgs?: boolean;
}

/** Rewrites the items of a body (resource, nested block, or dynamic content). */
export function rewriteBody(items: (Attribute | Block)[], ms: ModuleScope, scope: Scope, file: string, { dynamic = false, moduleArgs = false }: RewriteBodyOptions = {}): OutItem[] {
  const out: OutItem[] = [];
  for (const it of items) {
    // Keep the author's paragraphs, but never start a body with a blank line.
    if (it.blankBefore && out.length && out[out.length - 1]!.kind !== 'blank') out.push({ kind: 'blank' });
    if (it.kind === 'attribute') {
      if (it.name === 'count' || it.name === 'for_each') continue;
      if (it.name === 'depends_on') {
        const refs = dependsOnRefs(it.expr, ms);
        // Nothing left to wait for (a constant input, resources with no instances): no depends_on.
        if (refs.items.length) out.push({ kind: 'attribute', name: it.name, expr: refs, comments: it.leadingComments });
        continue;
      }
      let v = ms.eval(it.expr, it.span.line, file, scope);
      // An argument that folds to null is the same as an argument not written; so is a typed
      // null (`tostring(null)`, what lookup(map(string), k, null) folds to): an argument has no type of its own.
      // Not so for a module's input: null there is a value (a nullable input is null, not its default).
      if ((v.t === 'null' || isTypedNull(v)) && !moduleArgs) continue;
      if (dynamic) v = withCollectionTypes(v);
      out.push({ kind: 'attribute', name: it.name, expr: v, comments: it.leadingComments });
      continue;
    }
    if (it.type === 'lifecycle') {
      out.push({ kind: 'block', type: 'lifecycle', labels: [], items: rewriteLifecycle(it, ms, scope, file), comments: it.leadingComments });
      continue;
    }
    if (it.type === 'dynamic') {
      out.push(...expandDynamic(it, ms, scope, file));
      continue;
    }
    out.push({ kind: 'block', type: it.type, labels: it.labels, items: rewriteBody(it.body.items, ms, scope, file), comments: it.leadingComments });
  }
  while (out[out.length - 1]?.kind === 'blank') out.pop();
  return out;
}

function rewriteLifecycle(b: Block, ms: ModuleScope, scope: Scope, file: string): OutItem[] {
  const out: OutItem[] = [];
  for (const it of b.body.items) {
    if (it.kind === 'attribute' && it.name === 'ignore_changes') {
      // Attribute paths of this resource, not expressions: keep exactly as written.
      out.push({ kind: 'attribute', name: it.name, expr: it.expr, comments: it.leadingComments });
    } else if (it.kind === 'attribute' && it.name === 'replace_triggered_by') {
      out.push({ kind: 'attribute', name: it.name, expr: renameRefs(it.expr, ms), comments: it.leadingComments });
    } else if (it.kind === 'block' && (it.type === 'precondition' || it.type === 'postcondition')) {
      const cond = it.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === 'condition');
      const v = cond ? ms.eval(cond.expr, cond.span.line, file, scope) : undefined;
      if (v && isKnown(v)) {
        // Terraform rejects a condition that refers to nothing; a folded one is decided already.
        if (v.t === 'bool' && !v.value) {
          const msg = it.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === 'error_message');
          throw new InlineError(`a ${it.type} of this resource fails for the call's inputs${msg ? `: ${printExpr(ms.eval(msg.expr, msg.span.line, file, scope))}` : ''} — terraform plan would fail too; fix the inputs first`, file, it.span.line);
        }
        ms.notes.push({ level: 'info', message: `${it.type} always holds for these inputs, so it was not written`, file, line: it.span.line });
        continue;
      }
      out.push(...rewriteBody([it], ms, scope, file));
    } else {
      out.push(...rewriteBody([it], ms, scope, file));
    }
  }
  return out;
}

function expandDynamic(b: Block, ms: ModuleScope, scope: Scope, file: string): OutItem[] {
  const blockType = b.labels[0]!;
  const forEach = b.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === 'for_each');
  const iterAttr = b.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === 'iterator');
  const iterName = iterAttr ? traversalOf(iterAttr.expr)?.root ?? blockType : blockType;
  const content = b.body.items.find((i): i is Block => i.kind === 'block' && i.type === 'content');
  if (!forEach || !content) return [];
  const coll = ms.eval(forEach.expr, forEach.span.line, file, scope);
  const entries = isKnown(coll) || coll.t === 'tuple' || coll.t === 'object' ? iterate(coll) : undefined;
  if (entries) {
    return entries.map(([k, v]) => ({
      kind: 'block' as const,
      type: blockType,
      labels: [],
      items: rewriteBody(content.body.items, ms, bindScope(scope, new Map([[iterName, lit.object([['key', k], ['value', v]])]])), file),
    }));
  }
  const inner = bindScope(scope, new Map([[iterName, null]]));
  const items: OutItem[] = [{ kind: 'attribute', name: 'for_each', expr: coll }];
  if (iterAttr) items.push({ kind: 'attribute', name: 'iterator', expr: iterAttr.expr });
  items.push({ kind: 'block', type: 'content', labels: [], items: rewriteBody(content.body.items, ms, inner, file) });
  return [{ kind: 'block', type: 'dynamic', labels: b.labels, items, comments: b.leadingComments }];
}

/** `tostring(null)` and the like: null, with a type. */
function isTypedNull(v: Expr): boolean {
  return v.t === 'call' && /^to(string|number|bool|list|set|map)$/.test(v.name) && v.args.length === 1 && v.args[0]!.t === 'null';
}

// Roots of references that name no object to wait for.
const NOT_OBJECTS = new Set(['each', 'count', 'path', 'terraform', 'self']);

/**
 * A module's `depends_on` for the root. Terraform reads each entry as a reference and waits for
 * what it refers to: a resource, data source or module call of the module is renamed (dropped when
 * it has no instances); `var.X` waits for whatever the caller's argument refers to (nothing for a
 * constant or an input left to its default); `local.X` for whatever the local's expression refers
 * to, translated the same way.
 */
export function dependsOnRefs(e: Expr, ms: ModuleScope): Extract<Expr, { t: 'tuple' }> {
  const out: Expr[] = [];
  const seen = new Set<string>();
  const add = (x: Expr) => {
    const key = printExpr(x);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(x);
    }
  };
  const locals = new Set<string>();
  const inModule = (x: Expr) => {
    for (const tr of traversalsIn(x)) {
      const first = tr.accessors[0];
      if ((tr.root === 'var' || tr.root === 'local' || tr.root === 'module') && first?.t !== 'getattr') continue;
      const name = first?.t === 'getattr' ? first.name : '';
      if (tr.root === 'var') {
        const arg = ms.call.args.get(name);
        if (arg) for (const r of traversalsIn(arg.expr)) rootRef(r, add);
      } else if (tr.root === 'local') {
        const decl = ms.module.locals.get(name);
        if (decl && !locals.has(name)) {
          locals.add(name);
          inModule(decl.expr);
        }
      } else if (tr.root === 'module') {
        const renamed = ms.nestedNames.get(name);
        if (renamed && ms.nestedShape(name).kind !== 'absent') add({ t: 'getattr', obj: { t: 'var', name: 'module' }, name: renamed });
      } else if (!NOT_OBJECTS.has(tr.root)) {
        const renamed = renameRefs({ t: 'tuple', items: [buildTraversal({ t: 'var', name: tr.root }, tr.accessors.slice(0, tr.root === 'data' ? 2 : 1))] }, ms);
        if (renamed.t === 'tuple') renamed.items.forEach(add);
      }
    }
  };
  inModule(e);
  return { t: 'tuple', items: out };
}

/** A root reference as depends_on accepts it: the object itself (with its instance key), never an attribute of it. */
function rootRef(tr: { root: string; accessors: Accessor[] }, add: (x: Expr) => void): void {
  if (NOT_OBJECTS.has(tr.root)) return;
  const names = tr.root === 'data' ? 2 : 1;
  if (tr.accessors.slice(0, names).some((a) => a.t !== 'getattr') || tr.accessors.length < names) return;
  let n = names;
  // An instance key stays (`aws_x.y[0]`, `module.m["k"]`) when it is a literal.
  const next = tr.accessors[n];
  if (tr.root !== 'var' && tr.root !== 'local' && next?.t === 'index' && isKnown(next.key)) n++;
  // A module output is a reference Terraform accepts (`module.m.subnets`).
  if (tr.root === 'module' && tr.accessors[n]?.t === 'getattr') n++;
  add(buildTraversal({ t: 'var', name: tr.root }, tr.accessors.slice(0, n)));
}

/** The references an expression makes (outermost traversals), skipping names bound by its `for` expressions. */
function traversalsIn(e: Expr): { root: string; accessors: Accessor[] }[] {
  const bound = new Set<string>();
  walkExpr(e, (x) => {
    if (x.t === 'for') {
      bound.add(x.valVar);
      if (x.keyVar) bound.add(x.keyVar);
    }
  });
  const out: { root: string; accessors: Accessor[] }[] = [];
  walkExpr(e, (x) => {
    const tr = traversalOf(x);
    if (!tr) return undefined;
    if (!bound.has(tr.root)) out.push(tr);
    // The keys of an index are references too (`aws_x.y[local.k]`).
    for (const a of tr.accessors) if (a.t === 'index') out.push(...traversalsIn(a.key));
    return false;
  });
  return out;
}

/** Renames references to module resources in reference-only positions (depends_on and the like). */
export function renameRefs(e: Expr, ms: ModuleScope): Expr {
  if (e.t !== 'tuple') return e;
  const items: Expr[] = [];
  for (const item of e.items) {
    const tr = traversalOf(item);
    if (!tr) {
      items.push(item);
      continue;
    }
    const isData = tr.root === 'data';
    const type = isData ? (tr.accessors[0] as { name: string } | undefined)?.name : tr.root;
    const nameAcc = tr.accessors[isData ? 1 : 0];
    const key = nameAcc?.t === 'getattr' ? `${isData ? 'data.' : ''}${type}.${nameAcc.name}` : undefined;
    const r = key ? ms.resources.get(key) : undefined;
    if (!r) {
      items.push(item);
      continue;
    }
    if (r.shape.kind === 'absent') continue;
    const head: Expr = isData ? { t: 'getattr', obj: { t: 'var', name: 'data' }, name: r.decl.type } : { t: 'var', name: r.decl.type };
    items.push({ t: 'getattr', obj: head, name: r.newName });
  }
  return { t: 'tuple', items };
}

/** Counts `local.NAME` references in expressions (to decide which locals are worth hoisting). */
export function countLocalUses(exprs: Expr[]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const e of exprs) {
    walkExpr(e, (x) => {
      const tr = traversalOf(x);
      if (tr && tr.root === 'local' && tr.accessors[0]?.t === 'getattr') {
        const n = tr.accessors[0].name;
        uses.set(n, (uses.get(n) ?? 0) + 1);
        return false;
      }
      return undefined;
    });
  }
  return uses;
}
