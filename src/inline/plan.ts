// The de-abstraction engine: (root, call, module, inventory, options) → Refactor. Pure: takes
// parsed configuration and data, returns data; never reads or writes files.
import { relative } from 'node:path';
import { isIdentifier, traversalOf, walkExpr, type Expr } from '../hcl/ast.js';
import type { Attribute, Block, Body, HclFile } from '../hcl/cst.js';
import { wholeLines, type TextEdit } from '../hcl/edit.js';
import { printExpr, printFile, type OutItem } from '../hcl/print.js';
import { formatAddress, type InstanceKey } from '../config/address.js';
import { resourceKey, type ModuleCall, type ModuleConfig } from '../config/module.js';
import { bindScope, evaluate, type Scope } from '../evaluate/evaluate.js';
import { lit } from '../hcl/ast.js';
import { makeObject } from '../evaluate/values.js';
import type { Move } from '../migrate/move.js';
import { countLocalUses, rewriteBody } from './body.js';
import { chooseNames } from './names.js';
import { InlineError, type FileEdit, type NewFile, type Note, type Refactor } from './refactor.js';
import { ModuleScope, type InlinedResource } from './scope.js';

export interface InlineOptions {
  /** Base name for the new resources and file (default: the call name). */
  name?: string;
  /** Resource instance addresses from `terraform state list` (or a plan), to check the folding against. */
  inventory?: string[];
  /** New names by module resource key (`type.name` or `data.type.name`), overriding the defaults. */
  names?: Record<string, string>;
}

/** Inlines one module call of root into plain resources; throws InlineError when it cannot be exact. */
export function planInline(root: ModuleConfig, callName: string, module: ModuleConfig, opts: InlineOptions = {}): Refactor {
  const call = root.moduleCalls.find((c) => c.name === callName);
  if (!call) {
    const known = root.moduleCalls.map((c) => c.name);
    throw new InlineError(`no module call named "${callName}" in ${root.dir}; ${known.length ? `the calls here are: ${known.join(', ')}` : 'this directory calls no modules'}`);
  }
  refuseUnsupported(call, module);
  const base = opts.name ?? call.name;
  if (!isIdentifier(base)) throw new InlineError(`--name "${base}" is not a valid Terraform identifier (letters, digits, _ and -, not starting with a digit)`);
  const rel = (p: string) => relative(root.dir, p) || '.';
  const names = chooseNames(module, base, root, call, opts.names);
  const uses = countLocalUses(allModuleExprs(module));
  const ms = new ModuleScope(module, call, rel(module.dir), base, names, uses);

  const notes: Note[] = [];
  const blocks: OutItem[] = [];
  for (const r of ms.resources.values()) {
    if (r.shape.kind === 'absent') continue;
    blocks.push(resourceBlock(r, ms));
    if (r.shape.kind === 'count' && r.shape.n === undefined) notes.push({ level: 'warning', message: `count of ${resourceKey(r.decl)} is not known statically; kept as written`, file: rel(r.decl.origin.file), line: r.decl.origin.line });
    if (r.shape.kind === 'for_each' && !r.shape.keys) notes.push({ level: 'warning', message: `for_each of ${resourceKey(r.decl)} is not known statically; kept as written`, file: rel(r.decl.origin.file), line: r.decl.origin.line });
  }
  const moves = planMoves(call.name, ms);
  checkInventory(call.name, moves, ms, opts.inventory, notes);

  const edits = rewriteRoot(root, call, ms, rel);
  const fileName = `${base}.tf`;
  if (root.files.some((f) => rel(f.path) === fileName)) throw new InlineError(`${fileName} already exists in ${root.dir}; pick another base name with --name`);
  const header = [`# Inlined from module "${call.name}" (${call.source}) by unmodule.`, `# These resources were module.${call.name}.*; see moved.tf for the state moves.`];
  const localsBlock: OutItem[] = ms.hoisted.size
    ? [{ kind: 'block', type: 'locals', labels: [], items: [...ms.hoisted].map(([name, expr]) => ({ kind: 'attribute' as const, name, expr })) }]
    : [];
  const text = `${header.join('\n')}\n\n${printFile([...localsBlock, ...blocks])}`;
  const newFiles: NewFile[] = [{ path: fileName, text }];
  const movedFile = movedFileChange(root, moves, rel);
  if (movedFile) {
    if ('edits' in movedFile) edits.push(movedFile);
    else newFiles.push(movedFile);
  }
  return { dir: root.dir, call: call.name, edits, newFiles, moves, notes };
}

function refuseUnsupported(call: ModuleCall, module: ModuleConfig): void {
  for (const meta of ['count', 'for_each', 'providers', 'depends_on']) {
    const a = call.meta.get(meta);
    if (a) throw new InlineError(`module "${call.name}" uses ${meta}; inlining calls with ${meta} is not supported yet — nothing was written`, call.origin.file, a.span.line);
  }
  const p = module.providers[0];
  if (p) throw new InlineError(`the module configures its own provider "${p.name}"; a module with provider blocks cannot be inlined exactly (move the provider block to the root first)`, p.origin.file, p.origin.line);
  const nested = module.moduleCalls[0];
  if (nested) throw new InlineError(`the module calls module "${nested.name}"; nested module calls are not inlined yet — nothing was written`, nested.origin.file, nested.origin.line);
}

function allModuleExprs(module: ModuleConfig): Expr[] {
  const out: Expr[] = [];
  const body = (b: Body) => {
    for (const it of b.items) {
      if (it.kind === 'attribute') out.push(it.expr);
      else body(it.body);
    }
  };
  for (const r of module.resources) body(r.block.body);
  for (const o of module.outputs.values()) if (o.value) out.push(o.value);
  for (const l of module.locals.values()) out.push(l.expr);
  return out;
}

function resourceBlock(r: InlinedResource, ms: ModuleScope): OutItem {
  const file = r.decl.origin.file;
  const items: OutItem[] = [];
  let scope: Scope = ms;
  if (r.shape.kind === 'single' && r.shape.fromIndexed) scope = bindScope(ms, new Map([['count', lit.object([['index', lit.number(0)]])]]));
  if (r.shape.kind === 'count') {
    items.push({ kind: 'attribute', name: 'count', expr: r.shape.expr }, { kind: 'blank' });
    scope = bindScope(ms, new Map([['count', null]]));
  }
  if (r.shape.kind === 'for_each') {
    items.push({ kind: 'attribute', name: 'for_each', expr: r.shape.expr }, { kind: 'blank' });
    scope = bindScope(ms, new Map([['each', null]]));
  }
  const body = rewriteBody(r.decl.block.body.items, ms, scope, file);
  while (body[0]?.kind === 'blank') body.shift();
  items.push(...body);
  return {
    kind: 'block',
    type: r.decl.mode === 'data' ? 'data' : 'resource',
    labels: [r.decl.type, r.newName],
    items,
    comments: r.decl.block.leadingComments,
  };
}

/** Instance-level moves, exactly as Terraform prints the addresses. */
function planMoves(callName: string, ms: ModuleScope): Move[] {
  const moves: Move[] = [];
  const mod = [{ name: callName }];
  for (const r of ms.resources.values()) {
    if (r.decl.mode !== 'managed') continue;
    const addr = (module: { name: string }[], name: string, key?: InstanceKey) => formatAddress({ module, mode: 'managed', type: r.decl.type, name, key });
    const s = r.shape;
    if (s.kind === 'absent') continue;
    if (s.kind === 'single') moves.push({ from: addr(mod, r.decl.name, s.fromIndexed ? 0 : undefined), to: addr([], r.newName) });
    else if (s.kind === 'count' && s.n !== undefined) for (let i = 0; i < s.n; i++) moves.push({ from: addr(mod, r.decl.name, i), to: addr([], r.newName, i) });
    else if (s.kind === 'for_each' && s.keys) for (const k of s.keys) moves.push({ from: addr(mod, r.decl.name, k), to: addr([], r.newName, k) });
    // Unknown count/for_each: both sides keep the same repetition, so a whole-resource move is exact.
    else moves.push({ from: addr(mod, r.decl.name), to: addr([], r.newName) });
  }
  return moves;
}

function checkInventory(callName: string, moves: Move[], ms: ModuleScope, inventory: string[] | undefined, notes: Note[]): void {
  if (!inventory) {
    notes.push({ level: 'info', message: 'no state inventory was given; the moves follow from the configuration alone' });
    return;
  }
  const prefix = `module.${callName}.`;
  const inState = inventory.filter((a) => a.startsWith(prefix) && !a.slice(prefix.length).startsWith('data.'));
  if (inState.length === 0) {
    notes.push({ level: 'info', message: `the state has no instances under module.${callName} yet; nothing to check the moves against` });
    return;
  }
  const wholeResourceMoves = [...ms.resources.values()].filter((r) => (r.shape.kind === 'count' && r.shape.n === undefined) || (r.shape.kind === 'for_each' && !r.shape.keys));
  const expected = new Set(moves.map((m) => m.from));
  const covered = (a: string) => expected.has(a) || wholeResourceMoves.some((r) => a.startsWith(`${prefix}${r.decl.type}.${r.decl.name}[`));
  const extra = inState.filter((a) => !covered(a));
  const missing = moves.filter((m) => !inState.includes(m.from) && !wholeResourceMoves.some((r) => m.from === `${prefix}${r.decl.type}.${r.decl.name}`)).map((m) => m.from);
  if (extra.length || missing.length) {
    const lines = [
      ...extra.map((a) => `  in state but not produced by the folded configuration: ${a}`),
      ...missing.map((a) => `  produced by the folded configuration but not in state: ${a}`),
    ];
    throw new InlineError(`the state inventory disagrees with how the module's counts fold for these inputs:\n${lines.join('\n')}\nRun terraform plan first: the deployed infrastructure does not match this configuration. Nothing was written.`);
  }
}

/** Root edits: the module block removed, `module.NAME.*` references replaced by their values. */
function rewriteRoot(root: ModuleConfig, call: ModuleCall, ms: ModuleScope, rel: (p: string) => string): FileEdit[] {
  const outputs = new Map<string, Expr>();
  const outputValue = (name: string): Expr => {
    if (!outputs.has(name)) {
      const o = ms.module.outputs.get(name);
      if (!o || !o.value) throw new InlineError(`the root refers to module.${call.name}.${name}, but the module has no output "${name}"`);
      outputs.set(name, ms.eval(o.value, o.origin.line, o.origin.file));
    }
    return outputs.get(name)!;
  };
  const rootScope: Scope = {
    resolve(rootName, acc) {
      if (rootName !== 'module' || acc[0]?.t !== 'getattr' || acc[0].name !== call.name) return undefined;
      const out = acc[1];
      if (out?.t === 'getattr') return { expr: outputValue(out.name), consumed: 2 };
      return { expr: makeObject([...ms.module.outputs.keys()].map((k) => [k, outputValue(k)])), consumed: 1 };
    },
  };
  const edits: FileEdit[] = [];
  for (const file of root.files) {
    const fileEdits: TextEdit[] = [];
    if (file === call.file) fileEdits.push(removeBlock(file, call.block));
    visitAttributes(file.body, (attr, inBlock) => {
      if (inBlock === call.block) return;
      walkExpr(attr.expr, (e) => {
        const tr = traversalOf(e);
        if (!tr || tr.root !== 'module' || tr.accessors[0]?.t !== 'getattr' || tr.accessors[0].name !== call.name || !e.span) return undefined;
        if (attr.name === 'depends_on' && tr.accessors.length === 1) {
          const refs = [...ms.resources.values()].filter((r) => r.decl.mode === 'managed' && r.shape.kind !== 'absent').map((r) => `${r.decl.type}.${r.newName}`);
          fileEdits.push({ start: e.span.start, end: e.span.end, text: refs.join(', ') });
          return false;
        }
        const v = ms.eval(e, e.span.line, file.path, rootScope);
        const printed = printExpr(v, indentAt(file.text, e.span.start));
        const atomic = !(v.t === 'cond' || v.t === 'binop' || v.t === 'unop');
        fileEdits.push({ start: e.span.start, end: e.span.end, text: atomic ? printed : `(${printed})` });
        return false;
      });
    });
    if (fileEdits.length) edits.push({ path: rel(file.path), original: file.text, edits: fileEdits });
  }
  return edits;
}

function indentAt(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return Math.floor(/^ */.exec(text.slice(lineStart))![0].length / 2);
}

function visitAttributes(body: Body, fn: (a: Attribute, block: Block | undefined) => void, block?: Block): void {
  for (const it of body.items) {
    if (it.kind === 'attribute') fn(it, block);
    else visitAttributes(it.body, fn, block ?? it);
  }
}

/** Removes a block with its leading comments and one adjacent blank line. */
function removeBlock(file: HclFile, block: Block): TextEdit {
  let { start, end } = wholeLines(file.text, block.span.start, block.span.end);
  for (let i = 0; i < block.leadingComments.length; i++) start = file.text.lastIndexOf('\n', start - 2) + 1;
  if (file.text.slice(end).startsWith('\n')) end += 1;
  else if (start >= 2 && file.text.slice(start - 2, start) === '\n\n') start -= 1;
  return { start, end, text: '' };
}

function movedFileChange(root: ModuleConfig, moves: Move[], rel: (p: string) => string): FileEdit | NewFile | undefined {
  if (moves.length === 0) return undefined;
  const blocks = moves.map((m) => `moved {\n  from = ${m.from}\n  to   = ${m.to}\n}\n`).join('\n');
  const existing = root.files.find((f) => rel(f.path) === 'moved.tf');
  if (!existing) return { path: 'moved.tf', text: blocks };
  const sep = existing.text.endsWith('\n\n') || existing.text === '' ? '' : existing.text.endsWith('\n') ? '\n' : '\n\n';
  return { path: 'moved.tf', original: existing.text, edits: [{ start: existing.text.length, end: existing.text.length, text: sep + blocks }] };
}

export { evaluate };
