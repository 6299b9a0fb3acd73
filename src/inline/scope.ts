// The module's scope rewritten into the root: var.* → caller arguments, local.* → folded or
// hoisted, resource references → renamed root resources with their counts folded.
import { lit, traversalOf, walkExpr, type Accessor, type Expr } from '../hcl/ast.js';
import { printExpr } from '../hcl/print.js';
import { resourceKey, type ModuleCall, type ModuleConfig, type ResourceDecl } from '../config/module.js';
import { access, countValue, evaluate, identityScope, iterate, tryEvaluate, type Scope } from '../evaluate/evaluate.js';
import { convertToType } from '../evaluate/types.js';
import { EvalError, isKnown, toNumber, toStringValue } from '../evaluate/values.js';
import { markSensitive } from '../evaluate/functions.js';
import { InlineError, type Note } from './refactor.js';

/** How a module resource's count/for_each folded. */
export type Shape =
  | { kind: 'single'; fromIndexed: boolean } // count folded to 1 (fromIndexed) or no count at all
  | { kind: 'absent'; empty: 'tuple' | 'object' } // count 0 (a tuple) or for_each over nothing (an object): not written, body never evaluated
  | { kind: 'count'; expr: Expr; n?: number } // count kept (n when known)
  | { kind: 'for_each'; expr: Expr; keys?: string[] }; // for_each kept (keys when known)

/** How a kept nested module call's count/for_each folded (absent: zero instances, not written). */
export type NestedShape = Exclude<Shape, { kind: 'absent' }> | { kind: 'absent'; forEach: boolean };

/** A module resource and what it becomes in the root. */
export interface InlinedResource {
  decl: ResourceDecl;
  newName: string;
  readonly shape: Shape;
}

/** The evaluation context of one inlined call. */
export class ModuleScope implements Scope {
  readonly resources = new Map<string, InlinedResource>();
  readonly hoisted = new Map<string, Expr>();
  /** Things the rewrite decided that a person should know about. */
  readonly notes: Note[] = [];
  private readonly vars = new Map<string, Expr>();
  /** Input values before sensitive() marks them (validations judge the value itself). */
  private readonly plainVars = new Map<string, Expr>();
  private readonly locals = new Map<string, Expr | EvalError>();
  private readonly outputs = new Map<string, Expr>();
  private readonly evaluating = new Set<string>();
  /** Resources whose count/for_each is being folded (a reference back to one is a cycle). */
  private readonly folding = new Set<ResourceDecl>();
  private readonly shapes = new Map<ResourceDecl, Shape>();
  private readonly localUses: Map<string, number>;

  constructor(
    readonly module: ModuleConfig,
    readonly call: ModuleCall,
    /** Module directory as seen from the root (for path.module). */
    readonly relPath: string,
    /** Prefix for hoisted names and resource names (the call name or --name). */
    readonly base: string,
    names: Map<string, string>,
    localUses: Map<string, number>,
    /** Scope of the caller's arguments: the root, plus count.index / each.* of this call instance. */
    argScope: Scope = identityScope,
    /** Root names of kept nested module calls (`module.N` inside → `module.<name>` in the root). */
    readonly nestedNames: Map<string, string> = new Map(),
    /** Local names already taken in the root (hoisted locals are added as they are chosen). */
    private readonly takenLocals: Set<string> = new Set(),
  ) {
    this.localUses = localUses;
    for (const [name, decl] of module.variables) {
      const arg = call.args.get(name);
      let value: Expr;
      try {
        if (arg) value = evaluate(arg.expr, argScope);
        else if (decl.default) value = evaluate(decl.default, identityScope);
        else throw new InlineError(`module "${call.name}" does not set the required input "${name}" (declared at ${decl.origin.file}:${decl.origin.line}); terraform plan would fail too`, call.origin.file, call.origin.line);
        if (value.t === 'null' && !decl.nullable && decl.default) value = evaluate(decl.default, identityScope);
        value = convertToType(value, decl.type);
      } catch (err) {
        if (err instanceof EvalError) throw new InlineError(`input "${name}" of module "${call.name}": ${err.message}`, arg ? call.origin.file : decl.origin.file, arg ? arg.span.line : decl.origin.line);
        throw err;
      }
      this.plainVars.set(name, value);
      this.vars.set(name, decl.sensitive && value.t !== 'null' ? markSensitive(value) : value);
    }
    for (const [name] of call.args) {
      if (!module.variables.has(name)) {
        const a = call.args.get(name)!;
        throw new InlineError(`module "${call.name}" sets "${name}", which the module does not declare; terraform would reject this call`, call.origin.file, a.span.line);
      }
    }
    this.checkValidations();
    // A resource's shape is folded when first needed (another count may read it), so every
    // reference sees the final shape whatever the declaration order.
    const shapeOf = (decl: ResourceDecl) => this.shapeOf(decl);
    for (const r of module.resources) {
      this.resources.set(resourceKey(r), {
        decl: r,
        newName: names.get(resourceKey(r))!,
        get shape() {
          return shapeOf(r);
        },
      });
    }
    for (const r of this.resources.values()) void r.shape;
    this.evaluateAllValues();
  }

  /**
   * Terraform evaluates every local and every output of a module instance during plan, referenced
   * or not: one that fails fails the plan, so it is a refusal here too (naming its file:line).
   * Resource bodies are different: a resource with no instances is never evaluated.
   */
  private evaluateAllValues(): void {
    for (const [name, decl] of this.module.locals) {
      try {
        this.local(name);
      } catch (err) {
        if (err instanceof EvalError) throw this.refusal(err, decl.origin.file, decl.origin.line);
        throw err;
      }
    }
    for (const name of this.module.outputs.keys()) this.output(name);
  }

  /** The value of output NAME in the root (evaluated once). */
  output(name: string): Expr {
    const cached = this.outputs.get(name);
    if (cached) return cached;
    const o = this.module.outputs.get(name);
    if (!o || !o.value) throw new InlineError(`the root refers to module.${this.call.name}.${name}, but the module has no output "${name}"`);
    const v = this.eval(o.value, o.origin.line, o.origin.file);
    this.outputs.set(name, v);
    return v;
  }

  private shapeOf(decl: ResourceDecl): Shape {
    const known = this.shapes.get(decl);
    if (known) return known;
    if (this.folding.has(decl)) throw new InlineError(`the count or for_each of ${resourceKey(decl)} depends on itself; terraform reports a cycle here too`, decl.origin.file, decl.origin.line);
    this.folding.add(decl);
    try {
      const shape = this.fold(decl);
      this.shapes.set(decl, shape);
      return shape;
    } finally {
      this.folding.delete(decl);
    }
  }

  /**
   * Evaluates each variable's validation blocks where the inputs are known; a failure is a
   * refusal. Sensitive inputs are judged by their value, but an error message that reads a
   * sensitive input is not shown (Terraform withholds it too).
   */
  private checkValidations(): void {
    const plain: Scope = {
      resolve: (root, acc) => {
        const first = acc[0]?.t === 'getattr' ? acc[0].name : undefined;
        if (root === 'var' && first && this.plainVars.has(first)) return { expr: this.plainVars.get(first)!, consumed: 1 };
        return this.resolve(root, acc);
      },
    };
    const readsSensitive = (e: Expr) => {
      let found = false;
      walkExpr(e, (x) => {
        const tr = traversalOf(x);
        if (tr?.root === 'var' && tr.accessors[0]?.t === 'getattr' && this.module.variables.get(tr.accessors[0].name)?.sensitive) found = true;
        return undefined;
      });
      return found;
    };
    for (const decl of this.module.variables.values()) {
      for (const v of decl.validations) {
        const cond = v.body.items.find((i) => i.kind === 'attribute' && i.name === 'condition');
        const msg = v.body.items.find((i) => i.kind === 'attribute' && i.name === 'error_message');
        if (!cond || cond.kind !== 'attribute') continue;
        const ok = tryEvaluate(cond.expr, plain);
        // A condition that fails (undefined) Terraform reports at plan time; we cannot judge it.
        if (ok?.t === 'bool' && !ok.value) {
          let text = 'validation failed';
          if (msg && msg.kind === 'attribute') {
            if (readsSensitive(msg.expr)) text = '(the error message is not shown: it includes a sensitive value)';
            else {
              try {
                text = toStringValue(evaluate(msg.expr, plain));
              } catch {
                /* keep the generic text */
              }
            }
          }
          const which = decl.sensitive ? `sensitive input "${decl.name}"` : `input "${decl.name}"`;
          throw new InlineError(`${which} of module "${this.call.name}" fails its validation: ${text} — terraform plan would fail too; fix the input first`, decl.origin.file, cond.span.line);
        }
      }
    }
  }

  private readonly nestedShapes = new Map<string, NestedShape>();

  /** How a kept nested call's count/for_each folds for this caller (the same rules as resources). */
  nestedShape(name: string): NestedShape {
    const cached = this.nestedShapes.get(name);
    if (cached) return cached;
    const n = this.module.moduleCalls.find((c) => c.name === name)!;
    const shape = this.foldBlock(n.block, n.origin.file);
    const result: NestedShape = shape.kind === 'absent' ? { kind: 'absent', forEach: shape.empty === 'object' } : shape;
    this.nestedShapes.set(name, result);
    return result;
  }

  private fold(r: ResourceDecl): Shape {
    return this.foldBlock(r.block, r.origin.file);
  }

  private foldBlock(block: ResourceDecl['block'], file: string): Shape {
    const r = { block, origin: { file } };
    const count = r.block.body.items.find((i) => i.kind === 'attribute' && i.name === 'count');
    const forEach = r.block.body.items.find((i) => i.kind === 'attribute' && i.name === 'for_each');
    if (count && count.kind === 'attribute') {
      const v = countValue(this.eval(count.expr, count.span.line, r.origin.file));
      if (!isKnown(v)) return { kind: 'count', expr: v };
      const n = toNumber(v);
      if (n === 0) return { kind: 'absent', empty: 'tuple' };
      if (n === 1) return { kind: 'single', fromIndexed: true };
      return { kind: 'count', expr: v, n };
    }
    if (forEach && forEach.kind === 'attribute') {
      const v = this.eval(forEach.expr, forEach.span.line, r.origin.file);
      // Terraform needs the keys at plan time, not the values: a map literal whose values are
      // resource attributes still has known instances. A set's elements are its keys.
      const entries = v.t === 'tuple' ? undefined : iterate(v);
      if (!entries) return { kind: 'for_each', expr: v };
      if (entries.length === 0) return { kind: 'absent', empty: 'object' };
      return { kind: 'for_each', expr: v, keys: entries.map(([k]) => toStringValue(k)) };
    }
    return { kind: 'single', fromIndexed: false };
  }

  /** Evaluates a module expression into the root, naming file:line if Terraform would fail. */
  eval(e: Expr, line: number, file: string, scope: Scope = this): Expr {
    try {
      return evaluate(e, scope);
    } catch (err) {
      if (err instanceof EvalError) throw this.refusal(err, file, line);
      throw err;
    }
  }

  /** An evaluation error as a refusal, at the innermost place it names (a local's own line). */
  private refusal(err: EvalError, file: string, line: number): InlineError {
    return new InlineError(`${err.message} (evaluating module "${this.call.name}" with its inputs)`, err.file ?? file, err.line ?? line);
  }

  resolve(root: string, acc: Accessor[]): { expr: Expr; consumed: number } | undefined {
    const first = acc[0]?.t === 'getattr' ? acc[0].name : undefined;
    switch (root) {
      case 'var': {
        if (!first || !this.vars.has(first)) throw new EvalError(`reference to undeclared input variable "${first}"`);
        return { expr: this.vars.get(first)!, consumed: 1 };
      }
      case 'local':
        if (!first) return undefined;
        return this.localAccess(first, acc);
      case 'path':
        if (first === 'module') return { expr: this.relPath === '.' ? { t: 'getattr', obj: { t: 'var', name: 'path' }, name: 'module' } : { t: 'template', parts: [{ t: 'interp', expr: { t: 'getattr', obj: { t: 'var', name: 'path' }, name: 'module' } }, { t: 'lit', value: `/${this.relPath}` }] }, consumed: 1 };
        return undefined;
      case 'module': {
        const kept = first ? this.nestedNames.get(first) : undefined;
        if (!kept) throw new EvalError(`reference to undeclared module call "${first}"`);
        const ref: Expr = { t: 'getattr', obj: { t: 'var', name: 'module' }, name: kept };
        const shape = this.nestedShape(first!);
        if (shape.kind === 'absent') return { expr: shape.forEach ? lit.object([]) : lit.tuple([]), consumed: 1 };
        if (shape.kind === 'single' && shape.fromIndexed) return { expr: lit.tuple([ref]), consumed: 1 };
        return { expr: ref, consumed: 1 };
      }
      case 'data': {
        const type = first;
        const name = acc[1]?.t === 'getattr' ? acc[1].name : undefined;
        const r = type && name ? this.resources.get(`data.${type}.${name}`) : undefined;
        return r ? { expr: this.reference(r), consumed: 2 } : undefined;
      }
      default: {
        const r = first ? this.resources.get(`${root}.${first}`) : undefined;
        return r ? { expr: this.reference(r), consumed: 1 } : undefined;
      }
    }
  }

  /** What `type.name` means in the root: a tuple for a folded count, the resource otherwise. */
  private reference(r: InlinedResource): Expr {
    const head: Expr = r.decl.mode === 'data' ? { t: 'getattr', obj: { t: 'var', name: 'data' }, name: r.decl.type } : { t: 'var', name: r.decl.type };
    const ref: Expr = { t: 'getattr', obj: head, name: r.newName };
    switch (r.shape.kind) {
      case 'absent':
        return r.shape.empty === 'tuple' ? lit.tuple([]) : lit.object([]);
      case 'single':
        return r.shape.fromIndexed ? lit.tuple([ref]) : ref;
      default:
        return ref;
    }
  }

  /**
   * The value of local NAME. A local that fails throws an EvalError located at the local (every
   * time it is read): inside try()/can() that is a failed argument like any other, elsewhere a
   * refusal naming the local's line.
   */
  private local(name: string): Expr {
    const cached = this.locals.get(name);
    if (cached instanceof EvalError) throw cached;
    if (cached) return cached;
    const decl = this.module.locals.get(name);
    if (!decl) throw new EvalError(`reference to undeclared local value "${name}"`);
    if (this.evaluating.has(name)) throw new InlineError(`local "${name}" refers to itself`, decl.origin.file, decl.origin.line);
    this.evaluating.add(name);
    let value: Expr;
    try {
      value = evaluate(decl.expr, this);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      const located = err.at(decl.origin.file, decl.origin.line);
      this.locals.set(name, located);
      throw located;
    } finally {
      this.evaluating.delete(name);
    }
    const result = this.inlineLocal(name, value) ? value : this.hoist(name, value);
    this.locals.set(name, result);
    return result;
  }

  /** Small values and values used once are written in place; others become a root local. */
  private inlineLocal(name: string, value: Expr): boolean {
    const printed = printExpr(value);
    if ((this.localUses.get(name) ?? 0) <= 1) return true;
    return !printed.includes('\n') && printed.length <= 60;
  }

  /**
   * `local.NAME.a.b`: a hoisted local is written as a root local, but where its value is known the
   * parts read from it still fold (a count reading `local.ctx.enabled` must still fold away);
   * only what stays large is read through the hoisted name.
   */
  private localAccess(name: string, acc: Accessor[]): { expr: Expr; consumed: number } {
    const ref = this.local(name);
    const hoistedName = ref.t === 'getattr' && ref.obj.t === 'var' && ref.obj.name === 'local' ? ref.name : undefined;
    const value = hoistedName !== undefined ? this.hoisted.get(hoistedName) : undefined;
    if (!value || acc.length < 2) return { expr: ref, consumed: 1 };
    let cur = value;
    let consumed = 1;
    for (const a of acc.slice(1)) {
      if (!(cur.t === 'object' || cur.t === 'tuple') || (a.t === 'index' && !isKnown(a.key))) break;
      try {
        cur = access(cur, a);
      } catch {
        break;
      }
      consumed++;
    }
    const printed = printExpr(cur);
    if (consumed > 1 && isKnown(cur) && !printed.includes('\n') && printed.length <= 60) return { expr: cur, consumed };
    return { expr: ref, consumed: 1 };
  }

  /** The declared type of input NAME (for the type of a conditional's other arm). */
  variableType(name: string): Expr | undefined {
    return this.module.variables.get(name)?.type;
  }

  /** The value of a root local this scope hoisted (for the type of a conditional's other arm). */
  hoistedValue(name: string): Expr | undefined {
    return this.hoisted.get(name);
  }

  /** Inside a verbatim heredoc every rewrite must fit on one line: larger values become root locals. */
  inlineable(value: Expr, nameHint = 'value'): Expr {
    if (!printExpr(value).includes('\n')) return value;
    let name = nameHint;
    for (let n = 2; this.hoisted.has(`${this.base}_${name}`) || this.module.locals.has(name); n++) name = `${nameHint}_${n}`;
    return this.hoist(name, value);
  }

  private hoist(name: string, value: Expr): Expr {
    // Unique in the root: a root local (or another hoisted one) may already hold the name.
    let hoistedName = `${this.base}_${name}`;
    for (let n = 2; this.takenLocals.has(hoistedName); n++) hoistedName = `${this.base}_${name}_${n}`;
    this.takenLocals.add(hoistedName);
    this.hoisted.set(hoistedName, value);
    return { t: 'getattr', obj: { t: 'var', name: 'local' }, name: hoistedName };
  }
}
