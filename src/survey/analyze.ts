// What a module offers and what its callers use of it. Pure: a module model and the callers'
// argument names in, facts out. The "flexibility nobody uses" is read off the configuration:
// a count/for_each/dynamic whose controlling inputs no caller ever sets is always at its default.
import { walkExpr, type Expr } from '../hcl/ast.js';
import type { Block } from '../hcl/cst.js';
import { attrs, resourceKey, type ModuleConfig, type Origin } from '../config/module.js';

/** A repetition or toggle in the module (count, for_each, dynamic) and the inputs it depends on. */
export interface ModuleToggle {
  /** `aws_s3_bucket.this` (count), or `aws_s3_bucket.this: dynamic "rule"`. */
  what: string;
  meta: 'count' | 'for_each' | 'dynamic';
  /** Module inputs (variables) the expression depends on, through locals too. */
  inputs: string[];
  origin: Origin;
}

/** The facts survey needs about one module directory. */
export interface ModuleFacts {
  dir: string;
  inputs: { name: string; required: boolean }[];
  /** `type.name` of every managed resource declared (nested modules included, prefixed). */
  resources: string[];
  resourceTypes: string[];
  toggles: ModuleToggle[];
  /** Levels of module calls below this one (0: calls no modules). */
  depth: number;
  /** Raw text of the module's files, for the foundation signals that are not resource types. */
  mentionsGithubOidc: boolean;
}

/** Variables an expression reads, following the module's locals (cycles are cut). */
export function inputsOf(e: Expr, mod: ModuleConfig, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  walkExpr(e, (x) => {
    if (x.t !== 'getattr' || x.obj.t !== 'var') return;
    if (x.obj.name === 'var') out.add(x.name);
    else if (x.obj.name === 'local' && !seen.has(x.name)) {
      seen.add(x.name);
      const l = mod.locals.get(x.name);
      if (l) for (const v of inputsOf(l.expr, mod, seen)) out.add(v);
    }
  });
  return out;
}

function dynamicToggles(block: Block, what: string, mod: ModuleConfig, file: string): ModuleToggle[] {
  const out: ModuleToggle[] = [];
  for (const it of block.body.items) {
    if (it.kind !== 'block') continue;
    if (it.type === 'dynamic') {
      const fe = attrs(it).get('for_each');
      if (fe) out.push({ what: `${what}: dynamic "${it.labels[0] ?? ''}"`, meta: 'dynamic', inputs: [...inputsOf(fe.expr, mod)].sort(), origin: { file, line: it.span.line } });
    }
    out.push(...dynamicToggles(it, what, mod, file));
  }
  return out;
}

/** The toggles of a module: count/for_each on resources and calls, and dynamic blocks. */
export function togglesOf(mod: ModuleConfig): ModuleToggle[] {
  const out: ModuleToggle[] = [];
  for (const r of mod.resources) {
    const a = attrs(r.block);
    for (const meta of ['count', 'for_each'] as const) {
      const attr = a.get(meta);
      if (attr) out.push({ what: resourceKey(r), meta, inputs: [...inputsOf(attr.expr, mod)].sort(), origin: r.origin });
    }
    out.push(...dynamicToggles(r.block, resourceKey(r), mod, r.origin.file));
  }
  for (const c of mod.moduleCalls) {
    for (const meta of ['count', 'for_each'] as const) {
      const attr = c.meta.get(meta);
      if (attr) out.push({ what: `module.${c.name}`, meta, inputs: [...inputsOf(attr.expr, mod)].sort(), origin: c.origin });
    }
  }
  return out;
}

/** Facts of one module; `nested` gives the facts of its module calls that could be read. */
export function moduleFacts(mod: ModuleConfig, nested: { call: string; facts: ModuleFacts }[]): ModuleFacts {
  const resources = mod.resources.filter((r) => r.mode === 'managed').map((r) => resourceKey(r));
  const types = new Set(mod.resources.filter((r) => r.mode === 'managed').map((r) => r.type));
  for (const n of nested) {
    resources.push(...n.facts.resources.map((r) => `module.${n.call}.${r}`));
    for (const t of n.facts.resourceTypes) types.add(t);
  }
  return {
    dir: mod.dir,
    inputs: [...mod.variables.values()].map((v) => ({ name: v.name, required: v.default === undefined })).sort((a, b) => a.name.localeCompare(b.name)),
    resources,
    resourceTypes: [...types].sort(),
    toggles: togglesOf(mod),
    depth: mod.moduleCalls.length === 0 ? 0 : 1 + Math.max(0, ...nested.map((n) => n.facts.depth)),
    mentionsGithubOidc: mod.files.some((f) => f.text.includes('token.actions.githubusercontent.com')) || nested.some((n) => n.facts.mentionsGithubOidc),
  };
}
