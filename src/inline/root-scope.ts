// The root module's own scope, as far as it is static: root locals that fold to known values.
// Root variables are not folded: a tfvars file or -var can override their defaults.
import type { Expr } from '../hcl/ast.js';
import type { ModuleConfig } from '../config/module.js';
import { evaluate, type Scope } from '../evaluate/evaluate.js';
import { EvalError, isKnown } from '../evaluate/values.js';

/** A scope resolving `local.X` of the root when X folds to a known value; everything else stays. */
export function rootLocalsScope(root: ModuleConfig): Scope {
  const cache = new Map<string, Expr | null>();
  const scope: Scope = {
    resolve(rootName, acc) {
      if (rootName !== 'local' || acc[0]?.t !== 'getattr') return undefined;
      const name = acc[0].name;
      if (!cache.has(name)) {
        cache.set(name, null); // a cycle resolves to "not static"
        const decl = root.locals.get(name);
        let v: Expr | null = null;
        if (decl) {
          try {
            const e = evaluate(decl.expr, scope);
            v = isKnown(e) ? e : null;
          } catch (err) {
            if (!(err instanceof EvalError)) throw err;
          }
        }
        cache.set(name, v);
      }
      const v = cache.get(name);
      return v ? { expr: v, consumed: 1 } : undefined;
    },
  };
  return scope;
}
