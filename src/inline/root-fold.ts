// Root blocks that lose their last instance once an inlined call's outputs are known: a resource
// kept from an earlier inline with `count = module.label.enabled ? 1 : 0` folds to count 0 when
// module.label is inlined. Terraform validates the body of a count-0 resource all the same (an
// argument only the disabled inputs produce, such as `name = "alias/"`, fails validate), so such a
// block is not written at all, exactly as a module resource that folds to no instances is not:
// references to it fold to what Terraform computes for it ([] or {}), and moved blocks into it go.
// Likewise a count that folds to 1 is dropped as it is for a module resource: references read the
// resource itself (`x[0].id` → `x.id`) and a moved block takes `x[0]` to `x`.
import { lit, traversalOf, walkExpr, type Expr } from '../hcl/ast.js';
import type { Attribute, Block, HclFile } from '../hcl/cst.js';
import { printExpr } from '../hcl/print.js';
import { spanIncludes, type ModuleConfig } from '../config/module.js';
import { countValue, iterate, tryEvaluate, type Scope } from '../evaluate/evaluate.js';
import { isKnown, toNumber } from '../evaluate/values.js';

/** A root resource, data source or module call whose count/for_each folds to no instances (or a count to 1). */
export interface AbsentBlock {
  file: HclFile;
  block: Block;
  /** `type.name`, `data.type.name` or `module.name`, as moved blocks and references write it. */
  address: string;
  /** No instances: a count gives a tuple, a for_each an object. `single`: a resource whose count is 1. */
  empty: 'tuple' | 'object' | 'single';
  /** The count or for_each attribute. */
  meta: Attribute;
}

/** True when the block has no instances (as opposed to one, unindexed). */
export function hasNoInstances(a: AbsentBlock): boolean {
  return a.empty !== 'single';
}

/**
 * The root blocks whose count/for_each reads something `changed` (module.CALL, or another block
 * found absent) and then folds, in `scope`, to 0 / an empty collection. Blocks merged from
 * override files are left as they are. Repeated until nothing more folds (a count may read the
 * length of a resource that is gone).
 */
export function absentRootBlocks(root: ModuleConfig, skip: Block, reads: (e: Expr) => boolean, scope: Scope): AbsentBlock[] {
  const found: AbsentBlock[] = [];
  const candidates = rootRepeatedBlocks(root, skip);
  for (let grew = true; grew; ) {
    grew = false;
    const inScope = absentScope(scope, found);
    const changed = (e: Expr) => reads(e) || readsAbsent(e, found);
    for (const c of candidates) {
      if (found.some((f) => f.block === c.block) || !changed(c.meta.expr)) continue;
      const empty = foldsToNothing(c.meta.expr, c.kind, inScope, !c.address.startsWith('module.'));
      if (!empty) continue;
      found.push({ file: c.file, block: c.block, address: c.address, empty, meta: c.meta });
      grew = true;
    }
  }
  return found;
}

/** `scope`, with references to absent blocks resolved to their empty value. */
export function absentScope(scope: Scope, absent: AbsentBlock[]): Scope {
  if (absent.length === 0) return scope;
  return {
    inlineable: scope.inlineable?.bind(scope),
    binds: scope.binds?.bind(scope),
    hoistedValue: scope.hoistedValue?.bind(scope),
    variableType: scope.variableType?.bind(scope),
    resolve(root, acc) {
      const hit = absentTarget(root, acc, absent);
      if (hit) return { expr: emptyValue(hit.block), consumed: hit.consumed };
      return scope.resolve(root, acc);
    },
  };
}

/** What a reference to the block reads: [] / {} when it has no instances, [itself] for a count of 1. */
function emptyValue(a: AbsentBlock): Expr {
  if (a.empty === 'tuple') return lit.tuple([]);
  if (a.empty === 'object') return lit.object([]);
  const [head, ...rest] = a.address.split('.');
  let ref: Expr = { t: 'var', name: head! };
  for (const name of rest) ref = { t: 'getattr', obj: ref, name };
  return lit.tuple([ref]);
}

/** True when e is a reference to (an attribute of) an absent block. */
export function isAbsentRef(e: Expr, absent: AbsentBlock[]): boolean {
  const tr = traversalOf(e);
  return !!tr && !!absentTarget(tr.root, tr.accessors, absent);
}

/** True when the moved block moves something into an absent block (it has nothing to move). */
export function movesIntoAbsent(block: Block, absent: AbsentBlock[]): boolean {
  const to = block.body.items.find((i) => i.kind === 'attribute' && i.name === 'to');
  if (!to || to.kind !== 'attribute') return false;
  const address = printExpr(to.expr);
  return absent.some((a) => hasNoInstances(a) && (address === a.address || address.startsWith(`${a.address}[`) || (a.address.startsWith('module.') && address.startsWith(`${a.address}.`))));
}

function readsAbsent(e: Expr, absent: AbsentBlock[]): boolean {
  let hit = false;
  walkExpr(e, (x) => {
    if (hit) return false;
    if (isAbsentRef(x, absent)) hit = true;
    return undefined;
  });
  return hit;
}

function absentTarget(root: string, acc: { t: string; name?: string }[], absent: AbsentBlock[]): { block: AbsentBlock; consumed: number } | undefined {
  const name = (i: number) => (acc[i]?.t === 'getattr' ? acc[i]!.name : undefined);
  const address = root === 'data' ? (name(0) && name(1) ? `data.${name(0)}.${name(1)}` : undefined) : name(0) ? `${root}.${name(0)}` : undefined;
  const block = address ? absent.find((a) => a.address === address) : undefined;
  return block ? { block, consumed: root === 'data' ? 2 : 1 } : undefined;
}

interface Repeated {
  file: HclFile;
  block: Block;
  address: string;
  kind: 'count' | 'for_each';
  meta: Attribute;
}

/** Root resource, data and module blocks with a count or for_each, from primary files only. */
function rootRepeatedBlocks(root: ModuleConfig, skip: Block): Repeated[] {
  const out: Repeated[] = [];
  const overridden = new Set<string>();
  for (const r of root.resources) if (r.overriddenAt?.length) overridden.add(r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`);
  for (const c of root.moduleCalls) if (c.overrides.length) overridden.add(`module.${c.name}`);
  for (const file of root.files) {
    for (const b of file.body.items) {
      if (b.kind !== 'block' || b === skip || b.span.start === skip.span.start) continue;
      const address =
        b.type === 'resource' && b.labels.length === 2 ? `${b.labels[0]}.${b.labels[1]}` : b.type === 'data' && b.labels.length === 2 ? `data.${b.labels[0]}.${b.labels[1]}` : b.type === 'module' && b.labels.length === 1 ? `module.${b.labels[0]}` : undefined;
      if (!address || overridden.has(address)) continue;
      // Without either word in its text the block repeats nothing (and its body need not be built).
      if (!spanIncludes(file.text, b.span, 'count') && !spanIncludes(file.text, b.span, 'for_each')) continue;
      for (const it of b.body.items) {
        if (it.kind === 'attribute' && (it.name === 'count' || it.name === 'for_each')) out.push({ file, block: b, address, kind: it.name, meta: it });
      }
    }
  }
  return out;
}

/** 'tuple' for a count that folds to 0, 'object' for a for_each over nothing, 'single' for a count of 1 (when allowed); undefined otherwise. */
function foldsToNothing(e: Expr, kind: 'count' | 'for_each', scope: Scope, singleOk: boolean): AbsentBlock['empty'] | undefined {
  let v = tryEvaluate(e, scope);
  if (!v) return undefined; // Terraform reports the error; the block stays as written.
  if (kind === 'count') {
    v = countValue(v);
    if (!isKnown(v) || v.t !== 'number') return undefined;
    return toNumber(v) === 0 ? 'tuple' : toNumber(v) === 1 && singleOk ? 'single' : undefined;
  }
  if (v.t === 'tuple') return undefined;
  const entries = iterate(v);
  return entries && entries.length === 0 ? 'object' : undefined;
}
