// The root module's own scope, as far as it is static: root locals that fold to known values,
// and (for what Terraform itself must know at plan time) root variables' values.
import { traversalOf, walkExpr, type Expr } from '../hcl/ast.js';
import type { ModuleConfig } from '../config/module.js';
import { tryEvaluate, type Scope } from '../evaluate/evaluate.js';
import { isKnown } from '../evaluate/values.js';
import type { RootVariableValue } from './root-variables.js';

/**
 * A scope resolving `local.X` of the root when X folds to a known value; everything else stays.
 * Without `variables`, root variables stay `var.X` (what is written keeps them: a tfvars file or
 * -var can change them later). With them, `var.X` is its value (only for what must be known at
 * plan time, such as a module call's count and for_each).
 */
export function rootLocalsScope(root: ModuleConfig, variables?: Map<string, RootVariableValue>): Scope {
  const cache = new Map<string, Expr | null>();
  const scope: Scope = {
    resolve(rootName, acc) {
      if (acc[0]?.t !== 'getattr') return undefined;
      const name = acc[0].name;
      if (rootName === 'var') {
        const v = variables?.get(name);
        return v ? { expr: v.value, consumed: 1 } : undefined;
      }
      if (rootName !== 'local') return undefined;
      if (!cache.has(name)) {
        cache.set(name, null); // a cycle resolves to "not static"
        const decl = root.locals.get(name);
        let v: Expr | null = null;
        if (decl) {
          const e = tryEvaluate(decl.expr, scope);
          v = e && isKnown(e) ? e : null;
        }
        cache.set(name, v);
      }
      const v = cache.get(name);
      return v ? { expr: v, consumed: 1 } : undefined;
    },
  };
  return scope;
}

/** The root variables an expression reads, directly or through root locals (to say where a value came from). */
export function rootVariablesRead(e: Expr, root: ModuleConfig, seen = new Set<string>()): string[] {
  const out: string[] = [];
  walkExpr(e, (x) => {
    const tr = traversalOf(x);
    const name = tr?.accessors[0]?.t === 'getattr' ? tr.accessors[0].name : undefined;
    if (!tr || !name || (tr.root !== 'var' && tr.root !== 'local')) return undefined;
    if (tr.root === 'var' && !out.includes(name)) out.push(name);
    if (tr.root === 'local' && !seen.has(name)) {
      seen.add(name);
      const decl = root.locals.get(name);
      if (decl) for (const v of rootVariablesRead(decl.expr, root, seen)) if (!out.includes(v)) out.push(v);
    }
    return false;
  });
  return out;
}
