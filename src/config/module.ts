// Terraform meaning over syntax: the declarations of one module directory.
import { stringValue, type Expr } from '../hcl/ast.js';
import type { Attribute, Block, HclFile } from '../hcl/cst.js';

/** Where a declaration lives, for diagnostics (`file:line`). */
export interface Origin {
  file: string;
  line: number;
}

export interface VariableDecl {
  name: string;
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
}

export interface ModuleCall {
  name: string;
  source?: string;
  version?: string;
  /** Arguments other than the meta-arguments (source, version, count, for_each, providers, depends_on). */
  args: Map<string, Attribute>;
  meta: Map<string, Attribute>;
  block: Block;
  file: HclFile;
  origin: Origin;
}

export interface OutputDecl {
  name: string;
  value?: Expr;
  sensitive: boolean;
  block: Block;
  origin: Origin;
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
  files: HclFile[];
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
export class ConfigError extends Error {
  constructor(
    readonly origin: Origin,
    message: string,
  ) {
    super(`${origin.file}:${origin.line}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Attributes of a body by name. */
export function attrs(block: Block): Map<string, Attribute> {
  const m = new Map<string, Attribute>();
  for (const it of block.body.items) if (it.kind === 'attribute') m.set(it.name, it);
  return m;
}

/** Builds the module model from parsed files (pure). */
export function buildModule(dir: string, files: HclFile[]): ModuleConfig {
  const mod: ModuleConfig = {
    dir,
    files,
    variables: new Map(),
    locals: new Map(),
    resources: [],
    moduleCalls: [],
    outputs: new Map(),
    providers: [],
    moved: [],
    terraformBlocks: [],
  };
  for (const file of files) {
    for (const item of file.body.items) {
      if (item.kind !== 'block') continue;
      const origin = { file: file.path, line: item.span.line };
      const a = attrs(item);
      const dup = (what: string) => new ConfigError(origin, `duplicate ${what}; Terraform rejects this configuration too`);
      switch (item.type) {
        case 'variable': {
          const name = item.labels[0]!;
          if (mod.variables.has(name)) throw dup(`variable "${name}"`);
          mod.variables.set(name, {
            name,
            type: a.get('type')?.expr,
            default: a.get('default')?.expr,
            nullable: literalBool(a.get('nullable')?.expr) ?? true,
            sensitive: literalBool(a.get('sensitive')?.expr) ?? false,
            validations: item.body.items.filter((b): b is Block => b.kind === 'block' && b.type === 'validation'),
            origin,
          });
          break;
        }
        case 'locals':
          for (const [name, attr] of a) {
            if (mod.locals.has(name)) throw dup(`local value "${name}"`);
            mod.locals.set(name, { name, expr: attr.expr, attr, origin: { file: file.path, line: attr.span.line } });
          }
          break;
        case 'resource':
        case 'data':
          mod.resources.push({
            mode: item.type === 'resource' ? 'managed' : 'data',
            type: item.labels[0]!,
            name: item.labels[1]!,
            block: item,
            file,
            origin,
          });
          break;
        case 'module': {
          const args = new Map<string, Attribute>();
          const meta = new Map<string, Attribute>();
          for (const [k, v] of a) (CALL_META.has(k) ? meta : args).set(k, v);
          mod.moduleCalls.push({
            name: item.labels[0]!,
            source: a.get('source') ? stringValue(a.get('source')!.expr) : undefined,
            version: a.get('version') ? stringValue(a.get('version')!.expr) : undefined,
            args,
            meta,
            block: item,
            file,
            origin,
          });
          break;
        }
        case 'output':
          mod.outputs.set(item.labels[0]!, {
            name: item.labels[0]!,
            value: a.get('value')?.expr,
            sensitive: literalBool(a.get('sensitive')?.expr) ?? false,
            block: item,
            origin,
          });
          break;
        case 'provider': {
          const alias = a.get('alias') ? stringValue(a.get('alias')!.expr) : undefined;
          mod.providers.push({ name: item.labels[0]!, alias, block: item, origin });
          break;
        }
        case 'moved': {
          const from = a.get('from')?.expr;
          const to = a.get('to')?.expr;
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
  }
  return mod;
}

function literalBool(e: Expr | undefined): boolean | undefined {
  return e?.t === 'bool' ? e.value : undefined;
}

/** The resource address `type.name` (or `data.type.name`) inside its module. */
export function resourceKey(r: Pick<ResourceDecl, 'mode' | 'type' | 'name'>): string {
  return r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
}
