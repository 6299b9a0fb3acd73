// Terraform meaning over syntax: the declarations of one module directory.
import { stringValue, type Expr } from '../hcl/ast.js';
import type { Attribute, Block, HclFile } from '../hcl/cst.js';
import { isOverrideFile, mergeBlock } from './override.js';
import { UserError } from '../errors.js';

/** Where a declaration lives, for diagnostics (`file:line`). */
export interface Origin {
  file: string;
  line: number;
}

export interface VariableDecl {
  name: string;
  block: Block;
  /** Override files that merged into this declaration. */
  overriddenAt?: Origin[];
  type?: Expr;
  default?: Expr;
  nullable: boolean;
  sensitive: boolean;
  validations: Block[];
  origin: Origin;
}

export interface LocalDecl {
  name: string;
  expr: Expr;
  attr: Attribute;
  origin: Origin;
}

export interface ResourceDecl {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  block: Block;
  file: HclFile;
  origin: Origin;
  /** Override files that merged into this declaration (block is the merged result). */
  overriddenAt?: Origin[];
}

export interface ModuleCall {
  name: string;
  source?: string;
  version?: string;
  /** Arguments other than the meta-arguments (source, version, count, for_each, providers, depends_on). */
  args: Map<string, Attribute>;
  meta: Map<string, Attribute>;
  /** The declaration after override files merged into it; its span is the primary block's, in `file`. */
  block: Block;
  file: HclFile;
  origin: Origin;
  /** Override-file blocks merged into this call (as written), in the order applied. */
  overrides: { file: HclFile; block: Block }[];
}

export interface OutputDecl {
  name: string;
  value?: Expr;
  sensitive: boolean;
  block: Block;
  origin: Origin;
  overriddenAt?: Origin[];
}

export interface ProviderDecl {
  name: string;
  alias?: string;
  block: Block;
  origin: Origin;
}

export interface MovedDecl {
  from: Expr;
  to: Expr;
  origin: Origin;
}

/** A module directory's configuration: what `terraform` itself would read from its .tf files. */
export interface ModuleConfig {
  dir: string;
  /** Native-syntax files, primary and override (the model merges the overrides in). */
  files: HclFile[];
  /** `.tf.json` files of the directory (JSON configuration, which the model does not read). */
  jsonFiles: string[];
  variables: Map<string, VariableDecl>;
  locals: Map<string, LocalDecl>;
  resources: ResourceDecl[];
  moduleCalls: ModuleCall[];
  outputs: Map<string, OutputDecl>;
  providers: ProviderDecl[];
  moved: MovedDecl[];
  terraformBlocks: Block[];
}

const CALL_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** A declaration that Terraform itself would reject. */
export class ConfigError extends UserError {
  constructor(
    readonly origin: Origin,
    message: string,
  ) {
    super(`${origin.file}:${origin.line}: ${message}`, { file: origin.file, line: origin.line });
    this.name = 'ConfigError';
  }
}

/** Attributes of a body by name. */
export function attrs(block: Block): Map<string, Attribute> {
  const m = new Map<string, Attribute>();
  for (const it of block.body.items) if (it.kind === 'attribute') m.set(it.name, it);
  return m;
}

/** Builds the module model from parsed files (pure): primary files first, then override files merged in. */
export function buildModule(dir: string, files: HclFile[], jsonFiles: string[] = []): ModuleConfig {
  const mod: ModuleConfig = {
    dir,
    files,
    jsonFiles,
    variables: new Map(),
    locals: new Map(),
    resources: [],
    moduleCalls: [],
    outputs: new Map(),
    providers: [],
    moved: [],
    terraformBlocks: [],
  };
  // Resource positions by key (resourceKey) while the module is built: a root of tens of thousands
  // of resources must not search the list once per declaration.
  const resourceIndex = new Map<string, number>();
  const primary = files.filter((f) => !isOverrideFile(f.path));
  const overrides = files.filter((f) => isOverrideFile(f.path));
  for (const file of primary) for (const item of file.body.items) if (item.kind === 'block') declare(mod, resourceIndex, file, item);
  for (const file of overrides) for (const item of file.body.items) if (item.kind === 'block') override(mod, resourceIndex, file, item);
  return mod;
}

function declare(mod: ModuleConfig, resourceIndex: Map<string, number>, file: HclFile, item: Block): void {
  const origin = { file: file.path, line: item.span.line };
  // The attributes only where they are read: a resource's body is built when first read (src/hcl/cst.ts).
  let attributes: Map<string, Attribute> | undefined;
  const a = () => (attributes ??= attrs(item));
  const dup = (what: string, first: Origin) => new ConfigError(origin, `duplicate ${what}, already declared at ${first.file}:${first.line}; Terraform rejects this configuration too (remove or rename one of them)`);
  switch (item.type) {
    case 'variable': {
      const name = item.labels[0]!;
      const first = mod.variables.get(name);
      if (first) throw dup(`variable "${name}"`, first.origin);
      mod.variables.set(name, variableDecl(name, item, origin));
      break;
    }
    case 'locals':
      for (const [name, attr] of a()) {
        const first = mod.locals.get(name);
        if (first) throw dup(`local value "${name}"`, first.origin);
        mod.locals.set(name, { name, expr: attr.expr, attr, origin: { file: file.path, line: attr.span.line } });
      }
      break;
    case 'resource':
    case 'data': {
      const r: ResourceDecl = { mode: item.type === 'resource' ? 'managed' : 'data', type: item.labels[0]!, name: item.labels[1]!, block: item, file, origin };
      const first = resourceIndex.get(resourceKey(r));
      if (first !== undefined) throw dup(`${item.type} "${r.type}" "${r.name}"`, mod.resources[first]!.origin);
      refuseCountWithForEach(item, file);
      resourceIndex.set(resourceKey(r), mod.resources.length);
      mod.resources.push(r);
      break;
    }
    case 'module': {
      const name = item.labels[0]!;
      const first = mod.moduleCalls.find((c) => c.name === name);
      if (first) throw dup(`module call "${name}"`, first.origin);
      mod.moduleCalls.push(moduleCall(name, item, file, origin, []));
      refuseCountWithForEach(item, file);
      break;
    }
    case 'output': {
      const name = item.labels[0]!;
      const first = mod.outputs.get(name);
      if (first) throw dup(`output "${name}"`, first.origin);
      mod.outputs.set(name, outputDecl(name, item, origin));
      break;
    }
    case 'provider': {
      const alias = a().get('alias') ? stringValue(a().get('alias')!.expr) : undefined;
      mod.providers.push({ name: item.labels[0]!, alias, block: item, origin });
      break;
    }
    case 'moved': {
      const from = a().get('from')?.expr;
      const to = a().get('to')?.expr;
      if (from && to) mod.moved.push({ from, to, origin });
      break;
    }
    case 'terraform':
      mod.terraformBlocks.push(item);
      break;
    default:
      break;
  }
}

/** Merges one block of an override file into the declaration it overrides (Terraform's rules). */
function override(mod: ModuleConfig, resourceIndex: Map<string, number>, file: HclFile, item: Block): void {
  const origin = { file: file.path, line: item.span.line };
  const missing = (what: string) =>
    new ConfigError(origin, `this override file overrides ${what}, which no primary (non-override) file declares; Terraform rejects this too (declare it in a primary file or remove the override)`);
  switch (item.type) {
    case 'variable': {
      const name = item.labels[0]!;
      const base = mod.variables.get(name);
      if (!base) throw missing(`variable "${name}"`);
      mod.variables.set(name, { ...variableDecl(name, mergeBlock(base.block, item), base.origin), overriddenAt: [...(base.overriddenAt ?? []), origin] });
      break;
    }
    case 'locals':
      for (const [name, attr] of attrs(item)) {
        if (!mod.locals.has(name)) throw missing(`local value "${name}"`);
        mod.locals.set(name, { name, expr: attr.expr, attr, origin: { file: file.path, line: attr.span.line } });
      }
      break;
    case 'resource':
    case 'data': {
      const key = resourceKey({ mode: item.type === 'resource' ? 'managed' : 'data', type: item.labels[0]!, name: item.labels[1]! });
      const i = resourceIndex.get(key) ?? -1;
      if (i < 0) throw missing(`${item.type} "${item.labels[0]}" "${item.labels[1]}"`);
      const base = mod.resources[i]!;
      refuseCountWithForEach(item, file);
      const block = countWins(mergeBlock(base.block, item, { lifecycleByArgument: true }));
      mod.resources[i] = { ...base, block, overriddenAt: [...(base.overriddenAt ?? []), origin] };
      break;
    }
    case 'module': {
      const name = item.labels[0]!;
      const i = mod.moduleCalls.findIndex((c) => c.name === name);
      if (i < 0) throw missing(`module call "${name}"`);
      const base = mod.moduleCalls[i]!;
      refuseCountWithForEach(item, file);
      const block = countWins(mergeBlock(base.block, item));
      mod.moduleCalls[i] = moduleCall(name, block, base.file, base.origin, [...base.overrides, { file, block: item }]);
      break;
    }
    case 'output': {
      const name = item.labels[0]!;
      const base = mod.outputs.get(name);
      if (!base) throw missing(`output "${name}"`);
      mod.outputs.set(name, { ...outputDecl(name, mergeBlock(base.block, item), base.origin), overriddenAt: [...(base.overriddenAt ?? []), origin] });
      break;
    }
    case 'provider': {
      const alias = attrs(item).get('alias') ? stringValue(attrs(item).get('alias')!.expr) : undefined;
      const i = mod.providers.findIndex((p) => p.name === item.labels[0] && p.alias === alias);
      if (i < 0) throw missing(`provider "${item.labels[0]}"${alias ? ` (alias ${alias})` : ''}`);
      mod.providers[i] = { ...mod.providers[i]!, block: mergeBlock(mod.providers[i]!.block, item) };
      break;
    }
    case 'terraform':
      mod.terraformBlocks.push(item);
      break;
    default:
      // moved, import, check, removed: Terraform does not merge these; they count as declared here.
      declare(mod, resourceIndex, file, item);
      break;
  }
}

function variableDecl(name: string, block: Block, origin: Origin): VariableDecl {
  const a = attrs(block);
  return {
    name,
    type: a.get('type')?.expr,
    default: a.get('default')?.expr,
    nullable: literalBool(a.get('nullable')?.expr) ?? true,
    sensitive: literalBool(a.get('sensitive')?.expr) ?? false,
    validations: block.body.items.filter((b): b is Block => b.kind === 'block' && b.type === 'validation'),
    block,
    origin,
  };
}

function moduleCall(name: string, block: Block, file: HclFile, origin: Origin, overrides: { file: HclFile; block: Block }[]): ModuleCall {
  const a = attrs(block);
  const args = new Map<string, Attribute>();
  const meta = new Map<string, Attribute>();
  for (const [k, v] of a) (CALL_META.has(k) ? meta : args).set(k, v);
  return {
    name,
    source: a.get('source') ? stringValue(a.get('source')!.expr) : undefined,
    version: a.get('version') ? stringValue(a.get('version')!.expr) : undefined,
    args,
    meta,
    block,
    file,
    origin,
    overrides,
  };
}

function outputDecl(name: string, block: Block, origin: Origin): OutputDecl {
  const a = attrs(block);
  return { name, value: a.get('value')?.expr, sensitive: literalBool(a.get('sensitive')?.expr) ?? false, block, origin };
}

/**
 * count and for_each from different blocks (one in an override file) are accepted by Terraform,
 * which then expands by count (checked with Terraform 1.11): the merged block keeps count only.
 */
function countWins(block: Block): Block {
  const a = attrs(block);
  if (!a.has('count') || !a.has('for_each')) return block;
  return { ...block, body: { items: block.body.items.filter((i) => !(i.kind === 'attribute' && i.name === 'for_each')) } };
}

/** Terraform: `Invalid combination of "count" and "for_each"` (within one block). */
function refuseCountWithForEach(block: Block, file: HclFile): void {
  // Without both words in its text the block cannot set both (and its body need not be built).
  if (!spanIncludes(file.text, block.span, 'for_each') || !spanIncludes(file.text, block.span, 'count')) return;
  const a = attrs(block);
  const forEach = a.get('for_each');
  if (a.has('count') && forEach) {
    const what = block.type === 'module' ? `module "${block.labels[0]}"` : `${block.type} "${block.labels.join('" "')}"`;
    throw new ConfigError(
      { file: file.path, line: forEach.span.line },
      `${what} sets both count and for_each; Terraform rejects this ("Invalid combination of count and for_each": they are mutually exclusive). Keep one of them.`,
    );
  }
}

/** Whether text[span] contains word (as any substring: a sure way to rule a name out). */
export function spanIncludes(text: string, span: { start: number; end: number }, word: string): boolean {
  // A slice is a view in V8 (no copy); an indexOf from span.start would search to the end of the file.
  return text.slice(span.start, span.end).includes(word);
}

function literalBool(e: Expr | undefined): boolean | undefined {
  return e?.t === 'bool' ? e.value : undefined;
}

/** The resource address `type.name` (or `data.type.name`) inside its module. */
export function resourceKey(r: Pick<ResourceDecl, 'mode' | 'type' | 'name'>): string {
  return r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
}
