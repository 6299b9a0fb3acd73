// The de-abstraction engine: (root, call, module, inventory, options) → Refactor. Pure: takes
// parsed configuration and data, returns data; never reads or writes files.
import { join, relative, sep } from 'node:path';
import { isIdentifier, lit, stringValue, traversalOf, walkExpr, type Expr } from '../hcl/ast.js';
import type { Attribute, Block, Body, HclFile } from '../hcl/cst.js';
import { wholeLines, type TextEdit } from '../hcl/edit.js';
import { endsInHeredoc, heredocBreak, needsParens, printExpr, printFile, type OutItem } from '../hcl/print.js';
import { spanHasComment } from '../hcl/lex.js';
import { formatAddress, formatKey, formatModulePath, type InstanceKey } from '../config/address.js';
import { isOverrideFile } from '../config/override.js';
import { resourceKey, spanIncludes, type ModuleCall, type ModuleConfig } from '../config/module.js';
import { access, bindScope, countValue, evaluate, iterate, tryEvaluate, type Scope } from '../evaluate/evaluate.js';
import { EvalError, isKnown, makeObject, toNumber, toStringValue } from '../evaluate/values.js';
import { isLocalSource } from '../sources/resolve.js';
import type { Move } from '../migrate/move.js';
import { countLocalUses, rewriteBody } from './body.js';
import { chooseNames } from './names.js';
import { InlineError, type FileEdit, type NewFile, type Note, type Refactor } from './refactor.js';
import { withCollectionTypes } from '../evaluate/types.js';
import { absentRootBlocks, absentScope, hasNoInstances, isAbsentRef, movesIntoAbsent } from './root-fold.js';
import { rootLocalsScope, rootVariablesRead } from './root-scope.js';
import { describeVariable, type RootVariableValue } from './root-variables.js';
import { ModuleScope, type InlinedResource, type NestedShape } from './scope.js';

export interface InlineOptions {
  /** Base name for the new resources and file (default: the call name). */
  name?: string;
  /** Resource instance addresses from `terraform state list` (or a plan), to check the folding against. */
  inventory?: string[];
  /** New names by module resource key (`type.name` or `data.type.name`), overriding the defaults. */
  names?: Record<string, string>;
  /** Nested calls of the module known to manage no resource instances (no moved block needed for them). */
  resourceless?: Set<string>;
  /** Root variable values (tfvars, -var, TF_VAR_*, defaults), for a call's count/for_each. */
  rootVariables?: Map<string, RootVariableValue>;
}

/** Inlines one module call of root into plain resources; throws InlineError when it cannot be exact. */
export function planInline(root: ModuleConfig, callName: string, module: ModuleConfig, opts: InlineOptions = {}): Refactor {
  refuseJson(root, callName);
  const call = root.moduleCalls.find((c) => c.name === callName);
  if (!call) throw noSuchCall(root, callName);
  refuseJson(module, callName);
  refuseUnsupported(module);
  const base = opts.name ?? call.name;
  if (!isIdentifier(base)) throw new InlineError(`--name "${base}" is not a valid Terraform identifier (letters, digits, _ and -, not starting with a digit)`);
  const rel = (p: string) => relative(root.dir, p) || '.';
  const uses = countLocalUses(allModuleExprs(module));
  const unknownRename = Object.keys(opts.names ?? {}).find((k) => !module.resources.some((r) => resourceKey(r) === k));
  if (unknownRename) throw new InlineError(`cannot rename ${unknownRename}: the module has no such resource (it has ${module.resources.map(resourceKey).join(', ')})`);
  const rootStatic = rootLocalsScope(root);
  const { instances, keysFrom } = expandCall(call, base, rootStatic, root, opts.rootVariables);
  const taken = new Set<string>();
  const notes: Note[] = keysFrom.map((message) => ({ level: 'info' as const, message, file: rel(call.origin.file), line: call.origin.line }));
  // Names the inline introduces are unique in the root, chosen the same way every run.
  const takenCalls = new Set(root.moduleCalls.filter((c) => c !== call).map((c) => c.name));
  const takenLocals = new Set(root.locals.keys());
  const blocks: OutItem[] = [];
  const moves: Move[] = [];
  const primary: Move[] = [];
  const scopes: { key?: InstanceKey; ms: ModuleScope }[] = [];
  // Which module construct each written block comes from, for the write gate's diagnostics.
  const provenance: Record<string, string> = {};
  const from = (file: string, line: number, what: string) => `${rel(file)}:${line} (${what} of module "${call.name}")`;
  for (const inst of instances) {
    const names = chooseNames(module, inst.base, root, call, opts.names);
    for (const [k, n] of names) {
      const full = `${k.startsWith('data.') ? 'data.' : ''}${k.split('.').slice(k.startsWith('data.') ? 1 : 0)[0]}.${n}`;
      if (taken.has(full)) throw new InlineError(`two instances of module "${call.name}" would both be named ${full}; pass --name to pick another base`);
      taken.add(full);
    }
    const nestedNames = new Map<string, string>();
    for (const n of module.moduleCalls) {
      const wanted = `${inst.base}_${n.name}`;
      const chosen = uniqueName(wanted, takenCalls);
      nestedNames.set(n.name, chosen);
      if (chosen !== wanted) notes.push({ level: 'info', message: `the root already has a module "${wanted}"; nested module "${n.name}" is kept as module "${chosen}"`, file: rel(n.origin.file), line: n.origin.line });
    }
    const ms = new ModuleScope(module, call, rel(module.dir), inst.base, names, uses, bindScope(rootStatic, inst.bindings), nestedNames, takenLocals);
    scopes.push({ key: inst.key, ms });
    const modPath = [{ name: call.name, key: inst.key }];
    for (const r of ms.resources.values()) {
      if (r.shape.kind === 'absent') continue;
      blocks.push(resourceBlock(r, ms, call));
      provenance[`${r.decl.mode === 'data' ? 'data' : 'resource'} "${r.decl.type}" "${r.newName}"`] = from(r.decl.origin.file, r.decl.origin.line, `${r.decl.mode === 'data' ? 'data' : 'resource'} "${r.decl.type}" "${r.decl.name}"`);
      if (r.shape.kind === 'count' && r.shape.n === undefined) notes.push({ level: 'warning', message: `count of ${resourceKey(r.decl)} is not known statically; kept as written`, file: rel(r.decl.origin.file), line: r.decl.origin.line });
      if (r.shape.kind === 'for_each' && !r.shape.keys) notes.push({ level: 'warning', message: `for_each of ${resourceKey(r.decl)} is not known statically; kept as written`, file: rel(r.decl.origin.file), line: r.decl.origin.line });
    }
    for (const n of module.moduleCalls) {
      const shape = ms.nestedShape(n.name);
      if (shape.kind === 'absent') {
        notes.push({ level: 'info', message: `nested module "${n.name}" has no instances for these inputs (its ${shape.forEach ? 'for_each is empty' : 'count is 0'}), so it was not written`, file: rel(n.origin.file), line: n.origin.line });
        continue;
      }
      blocks.push(nestedCallBlock(n, ms, call, root.dir));
      provenance[`module "${nestedNames.get(n.name)}"`] = from(n.origin.file, n.origin.line, `module "${n.name}"`);
      if (!opts.resourceless?.has(n.name)) moves.push(...nestedMoves(`${formatModulePath(modPath)}.module.${n.name}`, `module.${nestedNames.get(n.name)}`, shape));
      notes.push({ level: 'info', message: `nested module "${n.name}" is kept as module "${nestedNames.get(n.name)}"; run terraform init before planning`, file: rel(n.origin.file), line: n.origin.line });
    }
    const whole: Move[] = [];
    const own = planMoves(modPath, ms, whole);
    // A whole-resource move of an unknown count may have nothing to move (count 0 today).
    primary.push(...own.filter((m) => !whole.includes(m)));
    moves.push(...moduleMovedChain(module, modPath), ...own);
  }
  const relNote = (n: Note): Note => (n.file ? { ...n, file: rel(n.file) } : n);
  notes.push(...scopes.flatMap((s) => s.ms.notes.map(relNote)));
  for (const o of module.outputs.values()) {
    const pre = o.block.body.items.find((i) => i.kind === 'block' && i.type === 'precondition');
    if (pre) notes.push({ level: 'warning', message: `output "${o.name}" of the module has a precondition; it is not carried over to the root`, file: rel(o.origin.file), line: pre.kind === 'block' ? pre.span.line : o.origin.line });
  }
  checkInventory(call.name, primary, moves, opts.inventory, notes, (address) => {
    // Name the module block whose count/for_each folded differently from what the state holds.
    const m = /^module\.[^.[]+(?:\[[^\]]*\])?\.((?:data\.)?[^.[]+\.[^.[]+)/.exec(address);
    const decl = m && module.resources.find((r) => resourceKey(r) === m[1]);
    return decl ? ` (${rel(decl.origin.file)}:${decl.origin.line})` : '';
  }, keysFrom);
  notes.push(...requiredProviderNotes(root, module, rel));

  const rootMoves: Move[] = [];
  const edits = rewriteRoot(root, call, scopes, rel, notes, rootMoves);
  moves.push(...rootMoves);
  const existingFiles = new Set([...root.files.map((f) => rel(f.path)), ...root.jsonFiles.map(rel)]);
  let fileName = `${base}.tf`;
  // A name such as `x_override.tf` would make Terraform read the new file as an override file.
  for (let n = 2; existingFiles.has(fileName) || isOverrideFile(fileName); n++) fileName = `${base}_${n}.tf`;
  if (fileName !== `${base}.tf`) notes.push({ level: 'info', message: `${base}.tf already exists (or would be an override file); the inlined resources are written to ${fileName}` });
  const header = [
    ...callComments(call),
    `# Inlined from module "${call.name}" (${call.source}) by unmodule.`,
    `# These resources were module.${call.name}.*; see moved.tf for the state moves.`,
    ...writtenCall(call, rel),
  ];
  const hoisted = usedHoisted(scopes.flatMap((s) => [...s.ms.hoisted]), [printFile(blocks), ...edits.flatMap((e) => e.edits.map((t) => t.text))]);
  const localsBlock: OutItem[] = hoisted.length
    ? [{ kind: 'block', type: 'locals', labels: [], items: hoisted.map(([name, expr]) => ({ kind: 'attribute' as const, name, expr: withCollectionTypes(expr) })) }]
    : [];
  const text = `${header.join('\n')}\n\n${printFile([...localsBlock, ...blocks])}`;
  if (hoisted.length) provenance['locals'] = `${rel(module.dir)} (locals of module "${call.name}", hoisted)`;
  // A module of outputs only (a label) whose every value folded into the root leaves nothing to
  // write: a file of only its header would be noise.
  const empty = blocks.length === 0 && hoisted.length === 0 && header.length === 2;
  if (empty) notes.push({ level: 'info', message: `module "${call.name}" declares no resources and its outputs folded into their readers: no ${fileName} is written` });
  const newFiles: NewFile[] = empty ? [] : [{ path: fileName, text, provenance }];
  const movedFile = movedFileChange(root, moves, rel);
  if (movedFile) {
    // moved.tf may already be edited (moved blocks into a block that is gone were removed).
    const same = 'edits' in movedFile ? edits.find((e) => e.path === movedFile.path) : undefined;
    if (same && 'edits' in movedFile) same.edits.push(...movedFile.edits);
    else if ('edits' in movedFile) edits.push(movedFile);
    else newFiles.push(movedFile);
  }
  return { dir: root.dir, call: call.name, edits, newFiles, moves, notes };
}

/**
 * The hoisted root locals that something written reads (directly or through another hoisted
 * local). Every module local is evaluated, as Terraform does, but one read only by a resource
 * with no instances has no reader in the root. A name found inside a string keeps its local:
 * an unused local is harmless, a missing one is not.
 */
function usedHoisted(hoisted: [string, Expr][], texts: string[]): [string, Expr][] {
  const printed = new Map(hoisted.map(([n, e]) => [n, printExpr(e)]));
  const reads = (text: string, name: string) => new RegExp(`\\blocal\\.${name.replace(/[^\w-]/g, '\\$&')}(?![\\w-])`).test(text);
  const used = new Set<string>();
  const queue = [...texts];
  while (queue.length) {
    const text = queue.pop()!;
    for (const [name, body] of printed) {
      if (!used.has(name) && reads(text, name)) {
        used.add(name);
        queue.push(body);
      }
    }
  }
  return hoisted.filter(([n]) => used.has(n));
}

/** One instance of the call: its key, its name base, and count.index / each.* for its arguments. */
interface CallInstance {
  key?: InstanceKey;
  base: string;
  bindings: Map<string, Expr | null>;
}

/**
 * Expands a module-level count/for_each into instances; keys that are not known are a refusal.
 * Terraform must know the keys at plan time, so root variables count with their values (tfvars,
 * -var, defaults); everything written keeps `var.X`, and each.value stays the per-key expression
 * of the collection as written. `keysFrom` says which root variable values the keys came from.
 */
function expandCall(call: ModuleCall, base: string, written: Scope, root: ModuleConfig, variables?: Map<string, RootVariableValue>): { instances: CallInstance[]; keysFrom: string[] } {
  const count = call.meta.get('count');
  const forEach = call.meta.get('for_each');
  if (!count && !forEach) return { instances: [{ base, bindings: new Map() }], keysFrom: [] };
  const attr = (count ?? forEach)!;
  const evalIn = (scope: Scope) => {
    try {
      return evaluate(attr.expr, scope);
    } catch (err) {
      if (err instanceof EvalError) throw new InlineError(`module "${call.name}": ${err.message}`, call.origin.file, attr.span.line);
      throw err;
    }
  };
  const read = rootVariablesRead(attr.expr, root);
  const evaluated = evalIn(variables ? rootLocalsScope(root, variables) : written);
  const v = count ? countValue(evaluated) : evaluated;
  const keyed = count ? (isKnown(v) ? undefined : null) : v.t === 'tuple' ? null : iterate(v) ?? null;
  if (keyed === null) {
    const unset = read.filter((n) => !variables?.has(n));
    throw new InlineError(
      `module "${call.name}" uses ${count ? 'count' : 'for_each'} = ${printExpr(attr.expr)}, which is not known until apply; unmodule expands module instances only for static keys. ${
        unset.length ? `Give ${unset.map((n) => `var.${n}`).join(', ')} a value (-var, -var-file, terraform.tfvars or a default), or make` : 'Make'
      } the ${count ? 'count' : 'keys'} literal (or from root variables) first. Nothing was written.`,
      call.origin.file,
      attr.span.line,
    );
  }
  const keysFrom = read.filter((n) => variables?.has(n)).map((n) => `module "${call.name}" is expanded for ${describeVariable(n, variables!.get(n)!)}; its instances follow that value`);
  if (count) {
    const n = toNumber(v);
    // count = cond ? 1 : 0 toggles one instance: it needs no index in its names.
    const instances = Array.from({ length: n }, (_, i) => ({ key: i, base: n === 1 ? base : `${base}_${i}`, bindings: new Map([['count', lit.object([['index', lit.number(i)]])]]) }));
    return { instances, keysFrom };
  }
  // each.value as written: the same collection without the variable values, read per key.
  const asWritten = variables ? evalIn(written) : v;
  const writtenEntries = asWritten.t === 'tuple' ? undefined : iterate(asWritten);
  const instances = keyed!.map(([k, known]) => {
    const key = toStringValue(k);
    const isSet = v.t === 'call';
    const value = isSet ? k : writtenEntries?.find(([wk]) => toStringValue(wk) === key)?.[1] ?? (asWritten === v ? known : access(asWritten, { t: 'index', key: lit.string(key) }));
    return { key, base: `${base}_${key.replace(/[^\p{ID_Continue}-]/gu, '_').replace(/^([^\p{ID_Start}_])/u, '_$1')}`, bindings: new Map([['each', lit.object([['key', k], ['value', value]])]]) };
  });
  return { instances, keysFrom };
}

function refuseUnsupported(module: ModuleConfig): void {
  const p = module.providers[0];
  if (p) throw new InlineError(`the module configures its own provider "${p.name}"; a module with provider blocks cannot be inlined exactly (move the provider block to the root and pass it with providers = {...}). Nothing was written.`, p.origin.file, p.origin.line);
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

function resourceBlock(r: InlinedResource, ms: ModuleScope, call: ModuleCall): OutItem {
  const file = r.decl.origin.file;
  const items: OutItem[] = [];
  const provider = providerFor(r, call);
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
  if (provider) items.push({ kind: 'attribute', name: 'provider', expr: provider }, { kind: 'blank' });
  // terraform_data's input and triggers_replace are dynamically typed: a map must stay a map.
  const dynamic = r.decl.type === 'terraform_data';
  const body = rewriteBody(r.decl.block.body.items.filter((i) => !(provider && i.kind === 'attribute' && i.name === 'provider')), ms, scope, file, { dynamic });
  while (body[0]?.kind === 'blank') body.shift();
  const dependsOn = call.meta.get('depends_on');
  if (dependsOn) {
    // The call's depends_on applies to everything inside the module.
    const own = body.find((i) => i.kind === 'attribute' && i.name === 'depends_on');
    const extra = dependsOn.expr.t === 'tuple' ? dependsOn.expr.items : [dependsOn.expr];
    if (own && own.kind === 'attribute' && own.expr.t === 'tuple') own.expr = { t: 'tuple', items: [...own.expr.items, ...extra] };
    else body.push({ kind: 'blank' }, { kind: 'attribute', name: 'depends_on', expr: { t: 'tuple', items: extra } });
  }
  items.push(...body);
  return {
    kind: 'block',
    type: r.decl.mode === 'data' ? 'data' : 'resource',
    labels: [r.decl.type, r.newName],
    items,
    comments: r.decl.block.leadingComments,
  };
}

/** The provider configuration a module resource gets in the root, from the call's providers map. */
function providerFor(r: InlinedResource, call: ModuleCall): Expr | undefined {
  const map = call.meta.get('providers')?.expr;
  if (!map || map.t !== 'object') return undefined;
  const explicit = r.decl.block.body.items.find((i) => i.kind === 'attribute' && i.name === 'provider');
  const key = explicit && explicit.kind === 'attribute' ? printExpr(explicit.expr) : r.decl.type.split('_')[0]!;
  for (const it of map.items) {
    const k = it.bare ? stringValue(it.key) : printExpr(it.key);
    if (k === key) return it.value;
  }
  return undefined;
}

/** A nested module call, kept as a root module call: arguments rewritten, local source re-pathed. */
function nestedCallBlock(n: ModuleCall, ms: ModuleScope, call: ModuleCall, rootDir: string): OutItem {
  const items: OutItem[] = [];
  const src = n.source ?? '';
  const source = isLocalSource(src) ? localSourceFromRoot(rootDir, join(ms.module.dir, src)) : src;
  items.push({ kind: 'attribute', name: 'source', expr: lit.string(source) });
  if (n.version) items.push({ kind: 'attribute', name: 'version', expr: lit.string(n.version) });
  // The call keeps its repetition, folded for this caller: each.* and count.index stay symbolic.
  const shape = ms.nestedShape(n.name);
  let scope: Scope = ms;
  if (shape.kind === 'count') {
    items.push({ kind: 'attribute', name: 'count', expr: shape.expr });
    scope = bindScope(ms, new Map([['count', null]]));
  } else if (shape.kind === 'for_each') {
    items.push({ kind: 'attribute', name: 'for_each', expr: withCollectionTypes(shape.expr) });
    scope = bindScope(ms, new Map([['each', null]]));
  } else if (shape.kind === 'single' && shape.fromIndexed) {
    scope = bindScope(ms, new Map([['count', lit.object([['index', lit.number(0)]])]]));
  }
  const rest = n.block.body.items.filter((i) => !(i.kind === 'attribute' && (i.name === 'source' || i.name === 'version')));
  const body = rewriteBody(rest, ms, scope, n.origin.file, { moduleArgs: true });
  if (shape.kind === 'count' || shape.kind === 'for_each') body.unshift({ kind: 'blank' });
  if (body.length) items.push({ kind: 'blank' }, ...body);
  if (call.meta.get('depends_on')) items.push({ kind: 'blank' }, { kind: 'attribute', name: 'depends_on', expr: call.meta.get('depends_on')!.expr });
  return { kind: 'block', type: 'module', labels: [ms.nestedNames.get(n.name)!], items, comments: n.block.leadingComments };
}

/** Moves of a kept nested call's instances, following its keys (whole-call when they are unknown). */
function nestedMoves(from: string, to: string, shape: NestedShape): Move[] {
  switch (shape.kind) {
    case 'absent':
      return [];
    case 'single':
      return [{ from: shape.fromIndexed ? `${from}[0]` : from, to }];
    case 'count':
      return shape.n === undefined ? [{ from, to }] : Array.from({ length: shape.n }, (_, i) => ({ from: `${from}[${i}]`, to: `${to}[${i}]` }));
    case 'for_each':
      return shape.keys ? shape.keys.map((k) => ({ from: `${from}${formatKey(k)}`, to: `${to}${formatKey(k)}` })) : [{ from, to }];
  }
}

/** `wanted`, or `wanted_2`, `wanted_3`, ... : the first not in taken (which it is added to). */
export function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}_${n}`;
  taken.add(name);
  return name;
}

/** JSON configuration is not read by the model: refuse rather than inline half a configuration. */
function refuseJson(mod: ModuleConfig, callName: string): void {
  const json = mod.jsonFiles[0];
  if (!json) return;
  throw new InlineError(
    `JSON configuration (${json}) is not supported: unmodule reads only native-syntax .tf files, and inlining module "${callName}" without it would not be exact. Convert the .tf.json file(s) to .tf (or leave this directory out). Nothing was written.`,
    json,
  );
}

function localSourceFromRoot(rootDir: string, target: string): string {
  const r = relative(rootDir, target).split(sep).join('/');
  return r.startsWith('../') ? r : `./${r}`;
}

/** The module's own moved blocks, prefixed with the call's address (Terraform resolves the chain). */
function moduleMovedChain(module: ModuleConfig, modPath: { name: string; key?: InstanceKey }[]): Move[] {
  const prefix = formatModulePath(modPath);
  return module.moved.map((m) => ({ from: `${prefix}.${printExpr(m.from)}`, to: `${prefix}.${printExpr(m.to)}` }));
}

function requiredProviderNotes(root: ModuleConfig, module: ModuleConfig, rel: (p: string) => string): Note[] {
  const declared = (m: ModuleConfig) =>
    new Set(m.terraformBlocks.flatMap((t) => t.body.items.filter((i) => i.kind === 'block' && i.type === 'required_providers').flatMap((b) => (b.kind === 'block' ? b.body.items.map((a) => (a.kind === 'attribute' ? a.name : '')) : []))));
  const inRoot = declared(root);
  return [...declared(module)]
    .filter((p) => p && !inRoot.has(p))
    .map((p) => ({ level: 'warning' as const, message: `the module declares required provider "${p}" that the root does not; add it to the root's required_providers`, file: rel(root.files[0]?.path ?? root.dir) }));
}

/** Instance-level moves, exactly as Terraform prints the addresses. */
function planMoves(mod: { name: string; key?: InstanceKey }[], ms: ModuleScope, whole: Move[] = []): Move[] {
  const moves: Move[] = [];
  for (const r of ms.resources.values()) {
    if (r.decl.mode !== 'managed') continue;
    const addr = (module: { name: string }[], name: string, key?: InstanceKey) => formatAddress({ module, mode: 'managed', type: r.decl.type, name, key });
    const s = r.shape;
    if (s.kind === 'absent') continue;
    if (s.kind === 'single') moves.push({ from: addr(mod, r.decl.name, s.fromIndexed ? 0 : undefined), to: addr([], r.newName) });
    else if (s.kind === 'count' && s.n !== undefined) for (let i = 0; i < s.n; i++) moves.push({ from: addr(mod, r.decl.name, i), to: addr([], r.newName, i) });
    else if (s.kind === 'for_each' && s.keys) for (const k of s.keys) moves.push({ from: addr(mod, r.decl.name, k), to: addr([], r.newName, k) });
    // Unknown count/for_each: both sides keep the same repetition, so a whole-resource move is exact.
    else {
      const m = { from: addr(mod, r.decl.name), to: addr([], r.newName) };
      moves.push(m);
      whole.push(m);
    }
  }
  return moves;
}

/**
 * The folded configuration must produce exactly the instances the state holds under the call.
 * `primary` are the per-instance moves from folding; `all` adds module moved-block chains and
 * whole-module moves of nested calls, which cover state addresses but need not all exist.
 */
function checkInventory(
  callName: string,
  primary: Move[],
  all: Move[],
  inventory: string[] | undefined,
  notes: Note[],
  where: (address: string) => string,
  keysFrom: string[] = [],
): void {
  if (!inventory) {
    notes.push({ level: 'info', message: 'no state inventory was given; the moves follow from the configuration alone' });
    return;
  }
  const prefix = `module.${callName}`;
  const isData = (a: string) => /^module\.[^.[]+(\[[^\]]*\])?\.data\./.test(a);
  const inState = inventory.filter((a) => (a.startsWith(`${prefix}.`) || a.startsWith(`${prefix}[`)) && !isData(a));
  if (inState.length === 0) {
    notes.push({ level: 'info', message: `the state has no instances under module.${callName} yet; nothing to check the moves against` });
    return;
  }
  // A move covers an instance exactly, or as a prefix (whole-resource and whole-module moves).
  const covers = (from: string, a: string) => a === from || a.startsWith(`${from}[`) || a.startsWith(`${from}.`);
  const extra = inState.filter((a) => !all.some((m) => covers(m.from, a)));
  // A primary move is satisfied by its own source or by any source chained into it, transitively.
  const sourcesOf = (m: Move): string[] => {
    const found = new Set([m.from]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const o of all) {
        const add = (from: string) => {
          if (!found.has(from)) {
            found.add(from);
            grew = true;
          }
        };
        if (o.to === m.to) add(o.from);
        for (const f of [...found]) {
          // Whole-resource links carry the instance key: old → this covers old[0] → this[0].
          if (f === o.to) add(o.from);
          else if (f.startsWith(`${o.to}[`) || f.startsWith(`${o.to}.`)) add(o.from + f.slice(o.to.length));
        }
      }
    }
    return [...found];
  };
  const missing = primary.filter((m) => !inState.some((a) => sourcesOf(m).some((f) => covers(f, a)))).map((m) => m.from);
  if (extra.length || missing.length) {
    const lines = [
      ...extra.map((a) => `  in state but not produced by the folded configuration: ${a}${where(a)}`),
      ...missing.map((a) => `  produced by the folded configuration but not in state: ${a}${where(a)}`),
    ];
    const values = keysFrom.length ? `\n${keysFrom.map((k) => `  ${k}`).join('\n')}` : '';
    throw new InlineError(`the state inventory disagrees with how the module's counts fold for these inputs:\n${lines.join('\n')}${values}\nRun terraform plan first (with the same variable values): the deployed infrastructure does not match this configuration. Nothing was written.`);
  }
}

/** Root edits: the module block removed, `module.NAME.*` references replaced by their values. */
function rewriteRoot(root: ModuleConfig, call: ModuleCall, scopes: { key?: InstanceKey; ms: ModuleScope }[], rel: (p: string) => string, notes: Note[], rootMoves: Move[]): FileEdit[] {
  const outputValue = (ms: ModuleScope, name: string): Expr => ms.output(name);
  const instanceObject = (ms: ModuleScope): Expr => makeObject([...ms.module.outputs.keys()].map((k) => [k, outputValue(ms, k)]));
  const repeated = call.meta.has('count') || call.meta.has('for_each');
  // module.M with count is a tuple of instance objects; with for_each an object keyed by instance key.
  const whole = (): Expr =>
    call.meta.has('count')
      ? lit.tuple(scopes.map((s) => instanceObject(s.ms)))
      : makeObject(scopes.map((s) => [String(s.key), instanceObject(s.ms)]));
  const rootScope: Scope = {
    resolve(rootName, acc) {
      if (rootName !== 'module' || acc[0]?.t !== 'getattr' || acc[0].name !== call.name) return undefined;
      if (repeated) return { expr: whole(), consumed: 1 };
      const ms = scopes[0]!.ms;
      const out = acc[1];
      if (out?.t === 'getattr') return { expr: outputValue(ms, out.name), consumed: 2 };
      return { expr: instanceObject(ms), consumed: 1 };
    },
  };
  const isCallRef = (e: Expr) => isModuleRef(e, call.name);
  // Root blocks whose count/for_each folds to nothing now that the outputs are known are not
  // written (Terraform validates a count-0 body too); references to them fold like references to
  // a module resource with no instances, and moved blocks into them go.
  const folded = absentRootBlocks(root, call.block, (e) => refSites(e, isCallRef).length > 0, rootScope);
  const foldScope = absentScope(rootScope, folded);
  const absent = folded.filter(hasNoInstances);
  // A count that folds to 1 goes as it does in a module resource: x[0] is x, moved from x[0].
  const singles = folded.filter((a) => !hasNoInstances(a));
  for (const a of singles) {
    notes.push({ level: 'info', message: `the count of ${a.address} folds to 1 once module "${call.name}" is inlined: the count is dropped, references to ${a.address}[0] read ${a.address}${a.address.startsWith('data.') ? '' : `, and a moved block takes ${a.address}[0] to ${a.address}`}`, file: rel(a.file.path), line: a.block.span.line });
    if (!a.address.startsWith('data.')) rootMoves.push({ from: `${a.address}[0]`, to: a.address });
  }
  for (const a of absent) {
    notes.push({ level: 'info', message: `${a.address} has no instances once module "${call.name}" is inlined (its ${a.empty === 'tuple' ? 'count folds to 0' : 'for_each folds to an empty collection'}), so it was removed with the moved blocks into it; references to it now read ${a.empty === 'tuple' ? '[]' : '{}'}`, file: rel(a.file.path), line: a.block.span.line });
  }
  const isCountRef = (e: Expr) => traversalOf(e)?.root === 'count';
  const singleScope = bindScope(foldScope, new Map([['count', lit.object([['index', lit.number(0)]])]]));
  const callResources = () => scopes.flatMap((s) => [...s.ms.resources.values()]).filter((r) => r.decl.mode === 'managed' && r.shape.kind !== 'absent').map((r) => `${r.decl.type}.${r.newName}`);
  const edits: FileEdit[] = [];
  for (const file of root.files) {
    const fileEdits: TextEdit[] = [];
    const removed = new Set<Block>();
    const remove = (b: Block) => {
      removed.add(b);
      fileEdits.push(removeBlock(file, b));
    };
    const isCallBlock = (b: Block | undefined) => !!b && ((file === call.file && b.span.start === call.block.span.start) || call.overrides.some((o) => o.block === b));
    if (file === call.file) fileEdits.push(removeBlock(file, call.block));
    // An override of the inlined call overrides nothing once the call is gone (init would fail): it goes too.
    for (const o of call.overrides) if (o.file === file) fileEdits.push(removeBlock(file, o.block));
    for (const a of absent) if (a.file === file) remove(a.block);
    const singleIn = (b: Block | undefined) => (b ? singles.find((a) => a.block === b) : undefined);
    for (const a of singles) if (a.file === file) fileEdits.push(removeAttribute(file.text, a.meta));
    for (const b of file.body.items) if (b.kind === 'block' && b.type === 'moved' && movesIntoAbsent(b, absent)) remove(b);
    // A top-level item without the word `module` in its text holds no module.NAME reference (nor
    // is its body built: see deferredBody in src/hcl/cst.ts); a reference to a folded root block
    // (no instances, or a count of 1) may be anywhere.
    const items = folded.length ? file.body.items : file.body.items.filter((it) => spanIncludes(file.text, it.span, 'module'));
    visitAttributes({ items }, (attr, inBlock) => {
      if (isCallBlock(inBlock) || (inBlock && removed.has(inBlock))) return;
      // from/to/id of moved, import and removed blocks are addresses, never values.
      if (inBlock && ADDRESS_BLOCKS.has(inBlock.type) && (attr.name === 'from' || attr.name === 'to')) return;
      const single = singleIn(inBlock);
      if (single && attr === single.meta) return;
      // Listed references name objects: `x` stays `x` when its count goes, `x[0]` becomes `x`.
      const listed = REFERENCE_LISTS.has(attr.name);
      const isSingleRef = (e: Expr) => {
        const tr = traversalOf(e);
        return isAbsentRef(e, singles) && (!listed || (tr?.accessors.length ?? 0) > (tr?.root === 'data' ? 2 : 1));
      };
      // References listed for ordering: one to a block that is gone is dropped from the list.
      if (REFERENCE_LISTS.has(attr.name) && attr.expr.t === 'tuple' && attr.expr.span && attr.expr.items.some((i) => isAbsentRef(i, absent))) {
        const items = attr.expr.items.flatMap((i) => (isAbsentRef(i, absent) ? [] : isCallRef(i) && traversalOf(i)?.accessors.length === 1 ? callResources() : [file.text.slice(i.span!.start, i.span!.end)]));
        fileEdits.push(items.length ? { start: attr.expr.span.start, end: attr.expr.span.end, text: `[${items.join(', ')}]` } : removeAttribute(file.text, attr));
        return;
      }
      const refs = (e: Expr) => isCallRef(e) || isAbsentRef(e, absent) || isSingleRef(e) || (!!single && isCountRef(e));
      const scope = single ? singleScope : foldScope;
      // The enclosing expression is printed anew, so only where no comment would be lost.
      const decides = (parent: Expr, child: Expr) => !!parent.span && !spanHasComment(file.text, parent.span.start, parent.span.end) && foldsToBool(child, scope);
      for (const e of refSites(attr.expr, refs, decides)) {
        if (!e.span) continue;
        const tr = traversalOf(e);
        if (attr.name === 'depends_on' && tr && tr.accessors.length === 1 && isCallRef(e)) {
          fileEdits.push({ start: e.span.start, end: e.span.end, text: callResources().join(', ') });
          continue;
        }
        let v = scopes[0]!.ms.eval(e, e.span.line, file.path, scope);
        // A resource argument that is null is an argument not set (DESIGN: omitted).
        if (v.t === 'null' && e === attr.expr && (inBlock?.type === 'resource' || inBlock?.type === 'data')) {
          fileEdits.push(removeAttribute(file.text, attr));
          continue;
        }
        // Outputs, module arguments and terraform_data are dynamically typed: keep map/list types.
        if (inBlock?.type === 'output' || inBlock?.type === 'module' || (inBlock?.type === 'resource' && inBlock.labels[0] === 'terraform_data')) v = withCollectionTypes(v);
        const indent = indentAt(file.text, e.span.start);
        const printed = printExpr(v, indent);
        // A heredoc's closing marker must end its line: when the user's text goes on after the
        // reference (`)`, `, x`, `+ y`), the value goes in parentheses with a line break before `)`.
        const restOfLine = /^[^\n]*/.exec(file.text.slice(e.span.end))![0];
        const heredocEnd = endsInHeredoc(v) && restOfLine.trim() !== '';
        fileEdits.push({ start: e.span.start, end: e.span.end, text: heredocEnd || needsParens(v, parentOf(attr.expr, e), e) ? `(${printed}${heredocBreak(v, indent)})` : printed });
      }
    });
    if (fileEdits.length) edits.push({ path: rel(file.path), original: file.text, edits: joinRemovals(fileEdits) });
  }
  return edits;
}

/** Removals of neighbouring blocks may share the blank line between them: one removal covers both. */
function joinRemovals(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start < last.end && last.text === '' && e.text === '') last.end = Math.max(last.end, e.end);
    else out.push({ ...e });
  }
  return out;
}

/** True when e evaluates to a known bool in scope (an evaluation error: not known). */
function foldsToBool(e: Expr, scope: Scope): boolean {
  return tryEvaluate(e, scope)?.t === 'bool';
}

/** The expression that has `target` as a direct operand, if any. */
function parentOf(root: Expr, target: Expr): Expr | undefined {
  let parent: Expr | undefined;
  walkExpr(root, (x) => {
    if (parent) return false;
    walkExpr(x, (c) => {
      if (c === x) return undefined;
      if (c === target) parent = x;
      return false;
    });
    return undefined;
  });
  return parent;
}

/** True when e is `module.NAME` or a traversal into it. */
function isModuleRef(e: Expr, callName: string): boolean {
  const tr = traversalOf(e);
  return !!tr && tr.root === 'module' && tr.accessors[0]?.t === 'getattr' && tr.accessors[0].name === callName;
}

/**
 * The expressions to replace for each reference (`module.NAME`, a block that is gone): the reference itself, widened to
 * the expressions that directly consume it (a for over it, a function of it, an index into it),
 * so `{ for k, m in module.apps : k => m.id }` folds to a plain object instead of embedding one.
 */
function refSites(root: Expr, isRef: (e: Expr) => boolean, decides?: (parent: Expr, child: Expr) => boolean): Expr[] {
  const sites: Expr[] = [];
  const consumes = (parent: Expr, child: Expr) =>
    // A reference that folds to a known bool decides its conditional or && / || (later rounds:
    // `module.label.enabled ? x : y` with the label inlined is x, not `true ? x : y`).
    (!!decides && (parent.t === 'unop' || (parent.t === 'cond' && parent.cond === child) || (parent.t === 'binop' && (parent.op === '&&' || parent.op === '||'))) && decides(parent, child)) ||
    // A template folds known strings into its literal text: "svc/${module.m.name}" → "svc/checkout".
    (parent.t === 'template' && !parent.heredoc) ||
    (parent.t === 'for' && parent.coll === child) ||
    (parent.t === 'call' && !['depends_on'].includes(parent.name)) ||
    (parent.t === 'splat' && parent.obj === child) ||
    (parent.t === 'index' && parent.obj === child) ||
    (parent.t === 'getattr' && parent.obj === child) ||
    parent.t === 'paren';
  const visit = (e: Expr, ancestors: Expr[]): void => {
    if (isRef(e) && (e.t !== 'getattr' || !isRef(e.obj)) && (e.t !== 'index' || !isRef(e.obj))) {
      let site = e;
      for (let i = ancestors.length - 1; i >= 0 && consumes(ancestors[i]!, site) && ancestors[i]!.span; i--) site = ancestors[i]!;
      if (!sites.includes(site)) sites.push(site);
      return;
    }
    const kids: Expr[] = [];
    walkExpr(e, (x) => {
      if (x === e) return undefined;
      kids.push(x);
      return false;
    });
    for (const k of kids) visit(k, [...ancestors, e]);
  };
  visit(root, []);
  // Outermost sites win: a site inside another is replaced with it.
  return sites.filter((s) => !sites.some((o) => o !== s && o.span && s.span && o.span.start <= s.span.start && o.span.end >= s.span.end));
}

const ADDRESS_BLOCKS = new Set(['moved', 'import', 'removed']);
/** Arguments that list references to objects, never values (a reference to a missing one is an error). */
const REFERENCE_LISTS = new Set(['depends_on', 'replace_triggered_by']);

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

/**
 * The comments directly above the module block (it is removed with them): they described what
 * the call is for, so they head the file of the resources that replace it, as their own paragraph.
 */
function callComments(call: ModuleCall): string[] {
  const c = call.block.leadingComments;
  return c.length ? [...c, ''] : [];
}

/**
 * Comments inside the module block (between or after arguments, or after its closing brace)
 * are about the arguments they sit by, and those arguments dissolve into many attributes: keep
 * them readable where they were, in a commented copy of the block as it was written.
 */
function writtenCall(call: ModuleCall, rel: (p: string) => string): string[] {
  const text = call.file.text;
  const { start, end } = wholeLines(text, call.block.span.start, call.block.span.end);
  const trailing = /^[ \t]*(#|\/\/|\/\*)/.test(text.slice(call.block.span.end, end));
  if (!call.block.innerComments && !trailing) return [];
  const lines = text.slice(start, end).replace(/\r?\n$/, '').split(/\r?\n/);
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return [
    '',
    `# The module block as it was written (${rel(call.file.path)}:${call.block.span.line}), for the comments in it:`,
    ...lines.map((l) => (l.trim() ? `#   ${l.slice(indent).trimEnd()}` : '#')),
  ];
}

/**
 * Removes an attribute's lines (with its leading comments); a blank line above it goes too when
 * nothing but another blank line or the end of the block follows, so no gap is left behind.
 */
function removeAttribute(text: string, attr: Attribute): TextEdit {
  let { start, end } = wholeLines(text, attr.span.start, attr.span.end);
  for (let i = 0; i < attr.leadingComments.length; i++) start = text.lastIndexOf('\n', start - 2) + 1;
  if (/\n[ \t]*\r?\n$/.test(text.slice(Math.max(0, start - 4), start)) && /^([ \t]*\r?\n|[ \t]*\})/.test(text.slice(end))) start = text.lastIndexOf('\n', start - 2) + 1;
  // The first argument of a block (a count) with a blank line after it: the blank line goes too.
  else if (/\{[ \t]*\r?\n$/.test(text.slice(0, start)) && /^[ \t]*\r?\n/.test(text.slice(end))) end += /^[ \t]*\r?\n/.exec(text.slice(end))![0].length;
  return { start, end, text: '' };
}

/** Removes a block with its leading comments and one adjacent blank line. */
function removeBlock(file: HclFile, block: Block): TextEdit {
  let { start, end } = wholeLines(file.text, block.span.start, block.span.end);
  for (let i = 0; i < block.leadingComments.length; i++) start = file.text.lastIndexOf('\n', start - 2) + 1;
  // One blank line around the block goes with it (CRLF files alike).
  const after = /^\r?\n/.exec(file.text.slice(end, end + 2));
  const before = /\n(\r?\n)$/.exec(file.text.slice(Math.max(0, start - 3), start));
  if (after) end += after[0].length;
  else if (before) start -= before[1]!.length;
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


/**
 * The refusal for a --module the root does not call, with what the user most likely meant: the
 * call spelt with other capitals (Terraform names are case-sensitive), or, when a moved block
 * already moves the call's objects out, that the call was inlined already (a second --write).
 */
function noSuchCall(root: ModuleConfig, callName: string): InlineError {
  const known = root.moduleCalls.map((c) => c.name);
  const sameLetters = known.find((k) => k.toLowerCase() === callName.toLowerCase());
  const moved = root.moved.find((m) => traversalOf(m.from)?.root === 'module' && printExpr(m.from).match(/^module\.([^.[]+)/)?.[1] === callName);
  const lead = `no module call named "${callName}" in ${root.dir}`;
  const where = { flag: '--module', dir: root.dir };
  if (moved) {
    const at = `${relative(root.dir, moved.origin.file) || moved.origin.file}:${moved.origin.line}`;
    // moved { from = module.old, to = module.new }: a rename, not an inline.
    const renamedTo = /^module\.[^.[]+(\[[^\]]*\])?$/.test(printExpr(moved.from)) ? printExpr(moved.to).match(/^module\.([^.[]+)(\[[^\]]*\])?$/)?.[1] : undefined;
    if (renamedTo) return new InlineError(`${lead}: ${at} renames it to module.${renamedTo}; did you mean "${renamedTo}"?`, moved.origin.file, moved.origin.line, where);
    return new InlineError(
      `${lead}: it was inlined already (${at} moves ${printExpr(moved.from)} to ${printExpr(moved.to)}), so there is nothing left to inline. Next: verify the result (unmodule verify), then apply`,
      moved.origin.file,
      moved.origin.line,
      where,
    );
  }
  if (sameLetters) return new InlineError(`${lead}; did you mean "${sameLetters}"? (names are case-sensitive; the calls here are: ${known.join(', ')})`, undefined, undefined, where);
  return new InlineError(`${lead}; ${known.length ? `the calls here are: ${known.join(', ')}` : 'this directory calls no modules'}`, undefined, undefined, where);
}
