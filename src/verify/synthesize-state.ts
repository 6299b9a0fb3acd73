// The offline oracle's state: what the original config's resources would look like in state after
// an apply, built from a plan's planned values plus the provider schemas. Every attribute the
// plan leaves unknown gets a deterministic synthetic value of its schema type (or keeps the value a
// previous round chose), every absent attribute is null. Pure: JSON in, state file out.
import { createHash } from 'node:crypto';
import type {
  CtyType,
  JsonValue,
  PlanJson,
  ProviderSchemasJson,
  RawStateInstance,
  RawStateResource,
  RawStateV4,
  ResourceChange,
  SchemaAttribute,
  SchemaBlock,
  StateModule,
  StateResource,
} from '../terraform/types.js';
import { configResource, providerAddress } from './provider-address.js';
import { applyReferenceGuesses, impliedType, type PendingArgument } from './reference-guess.js';
import { sensitivePaths } from './sensitive-paths.js';
import { arnService, awsShapedString, idIsArn, isIdAlias, jsonShapedString, SYNTHETIC_ACCOUNT_ID } from './aws-id-formats.js';
import { UserError } from '../errors.js';

export { impliedType };

/** Inputs of one synthesis round. */
export interface SynthesisInput {
  /** `show -json` of a plan of the original config (against an empty or a previous synthetic state). */
  plan: PlanJson;
  schemas: ProviderSchemasJson;
  /** The previous round's state: its values are kept wherever this plan is still unknown. */
  prior?: RawStateV4;
  lineage?: string;
  serial?: number;
}

/** A resource whose type no provider schema describes; synthesis cannot go on without it. */
export class MissingSchemaError extends UserError {
  override name = 'MissingSchemaError';
}

/** A synthesized state and what it had to make up without knowing. */
export interface Synthesis {
  state: RawStateV4;
  /**
   * Arguments the config sets and outputs it declares that stayed unknown even after reference
   * guessing: the oracle plan of this state will differ there, so another round will be needed.
   */
  unresolved: string[];
}

/** Builds a state v4 file holding every managed resource instance and known root output of the plan. */
export function synthesizeState(input: SynthesisInput): RawStateV4 {
  return synthesize(input).state;
}

/** Like synthesizeState, and says which config-set values are still guesswork. */
export function synthesize(input: SynthesisInput): Synthesis {
  const { plan, schemas, prior } = input;
  const pending: PendingArgument[] = [];
  const unresolved: string[] = [];
  const changes = new Map<string, ResourceChange>();
  for (const rc of plan.resource_changes ?? []) if (!rc.deposed) changes.set(rc.address, rc);

  const groups = new Map<string, RawStateResource>();
  for (const { module, resource } of managedResources(plan.planned_values?.root_module)) {
    const schema = schemas.provider_schemas?.[resource.provider_name]?.resource_schemas?.[resource.type];
    if (!schema) {
      throw new MissingSchemaError(`no schema for ${resource.type} from provider ${resource.provider_name} (needed for ${resource.address})`);
    }
    const key = `${module ?? ''}|${resource.type}.${resource.name}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        ...(module ? { module } : {}),
        mode: 'managed',
        type: resource.type,
        name: resource.name,
        provider: providerAddress(plan, module, resource),
        instances: [],
      };
      groups.set(key, group);
    }
    const rc = changes.get(resource.address);
    const priorAttrs = findPrior(prior, module, resource)?.attributes;
    const configured = new Set(Object.keys(configResource(plan, module, resource)?.expressions ?? {}));
    const ctx: Ctx = { address: resource.address, type: resource.type, values: resource.values ?? {}, configured };
    const attributes = synthBlock(schema.block, resource.values ?? {}, rc?.change.after_unknown, priorAttrs, ctx) as Record<string, JsonValue>;
    const instance: RawStateInstance = {
      ...(resource.index !== undefined ? { index_key: resource.index } : {}),
      schema_version: schema.version,
      attributes,
      sensitive_attributes: sensitivePaths(schema.block, rc?.change.after_sensitive ?? resource.sensitive_values),
    };
    group.instances.push(instance);
    collectPending(plan, module, resource, rc, schema.block, attributes, pending, unresolved);
  }

  const outputs: RawStateV4['outputs'] = {};
  const unknownOutputs: string[] = [];
  for (const [name, out] of Object.entries(plan.planned_values?.outputs ?? {})) {
    if ('value' in out && out.value !== undefined && out.type !== undefined) outputs[name] = { value: out.value, type: out.type, ...(out.sensitive ? { sensitive: true } : {}) };
    else if (prior?.outputs[name]) outputs[name] = prior.outputs[name]!;
    else unknownOutputs.push(name);
  }

  const resources = [...groups.values()].sort((a, b) => compare(sortKey(a), sortKey(b)));
  for (const r of resources) r.instances.sort((a, b) => String(a.index_key ?? '').localeCompare(String(b.index_key ?? ''), 'en', { numeric: true }));
  const state: RawStateV4 = {
    version: 4,
    terraform_version: plan.terraform_version ?? '1.11.0',
    serial: input.serial ?? 1,
    lineage: input.lineage ?? prior?.lineage ?? 'unmodule-offline-oracle',
    outputs,
    resources,
  };
  const guessed = applyReferenceGuesses(plan, state, pending, unknownOutputs);
  return { state, unresolved: [...unresolved, ...guessed.unresolved] };
}

// Arguments the config sets whose planned value is unknown: a top-level attribute that reads one
// reference can be guessed; anything deeper is left for the next round.
function collectPending(
  plan: PlanJson,
  module: string | undefined,
  resource: StateResource,
  rc: ResourceChange | undefined,
  block: SchemaBlock,
  attributes: Record<string, JsonValue>,
  pending: PendingArgument[],
  unresolved: string[],
): void {
  const unknown = rc?.change.after_unknown;
  if (!isObj(unknown)) return;
  const exprs = configResource(plan, module, resource)?.expressions ?? {};
  for (const [key, u] of Object.entries(unknown)) {
    if (!(key in exprs) || !containsTrue(u)) continue;
    const expr = exprs[key];
    const attr = block.attributes?.[key];
    const refs = isObj(expr) && Array.isArray(expr.references) ? (expr.references as string[]) : undefined;
    if (u === true && attr && !attr.nested_type && refs?.length) {
      pending.push({
        ...(module ? { module } : {}),
        type: resource.type,
        name: resource.name,
        ...(resource.index !== undefined ? { index: resource.index } : {}),
        attribute: key,
        attrType: attr.type ?? 'dynamic',
        references: refs,
        target: attributes,
      });
      continue;
    }
    const inner = Array.isArray(expr) ? setAndUnknown(u, expr) : key;
    if (inner) unresolved.push(`${resource.address}.${inner === key ? key : `${key}.${inner}`}`);
  }
}

// Nested blocks appear in `expressions` as arrays of bodies. An unknown attribute inside a block
// the config writes (a computed mfa_delete next to a configured status) is the provider's to fill;
// only an unknown attribute that a body sets needs the next round.
function setAndUnknown(u: unknown, bodies: unknown[]): string | undefined {
  if (u === true) return '*';
  for (const ui of Array.isArray(u) ? u : [u]) {
    if (ui === true) return '*';
    if (!isObj(ui)) continue;
    for (const body of bodies) {
      if (!isObj(body)) continue;
      for (const [k, v] of Object.entries(ui)) {
        if (!(k in body) || !containsTrue(v)) continue;
        const e = body[k];
        if (!Array.isArray(e) || v === true) return k;
        const deeper = setAndUnknown(v, e);
        if (deeper) return `${k}.${deeper}`;
      }
    }
  }
  return undefined;
}

function containsTrue(v: unknown): boolean {
  if (v === true) return true;
  if (Array.isArray(v)) return v.some(containsTrue);
  if (isObj(v)) return Object.values(v).some(containsTrue);
  return false;
}

function sortKey(r: RawStateResource): string {
  return `${r.module ?? ''}\u0000${r.type}.${r.name}`;
}

// Code-unit order (root module first), not locale order, which ignores the separator.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function* managedResources(mod: StateModule | undefined): Generator<{ module?: string; resource: StateResource }> {
  if (!mod) return;
  for (const r of mod.resources ?? []) {
    // Data sources are read again by every plan; they never need to be in state.
    if (r.mode === 'managed' && !r.deposed_key) yield { ...(mod.address ? { module: mod.address } : {}), resource: r };
  }
  for (const child of mod.child_modules ?? []) yield* managedResources(child);
}

function findPrior(prior: RawStateV4 | undefined, module: string | undefined, r: StateResource): RawStateInstance | undefined {
  const res = prior?.resources.find((x) => (x.module ?? undefined) === module && x.type === r.type && x.name === r.name && x.mode === 'managed');
  return res?.instances.find((i) => i.index_key === r.index);
}

interface Ctx {
  address: string;
  type: string;
  /** The instance's planned top-level values, for a plausible `id`. */
  values: Record<string, JsonValue>;
  /** Top-level arguments the configuration sets. */
  configured: Set<string>;
  /** Inside an element of a set-nested block, whose hash (its identity) covers its arguments. */
  inSet?: boolean;
}

type Any = JsonValue | undefined;

function isObj(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function kid(v: Any, k: string | number): Any {
  if (typeof k === 'number') return Array.isArray(v) ? v[k] : undefined;
  return isObj(v) ? v[k] : undefined;
}

/** One block's attributes and nested blocks, as state stores them. */
function synthBlock(block: SchemaBlock, value: Any, unknown: Any, prior: Any, ctx: Ctx, path: string[] = []): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    out[name] = synthAttribute(attr, kid(value, name), kid(unknown, name), kid(prior, name), ctx, [...path, name]);
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const v = kid(value, name);
    const u = kid(unknown, name);
    const p = kid(prior, name);
    const mode = nb.nesting_mode;
    if (u === true) {
      // A computed block the provider fills in at apply: keep last round's, else "none".
      out[name] = p !== undefined ? p : mode === 'list' || mode === 'set' ? [] : mode === 'map' ? {} : null;
    } else if (mode === 'single' || mode === 'group') {
      out[name] = v === undefined || v === null ? null : synthBlock(nb.block, v, u, p, ctx, [...path, name]);
    } else if (mode === 'map') {
      const m: Record<string, JsonValue> = {};
      for (const [k, el] of Object.entries(isObj(v) ? v : {})) m[k] = synthBlock(nb.block, el, kid(u, k), kid(p, k), ctx, [...path, name, k]);
      out[name] = m;
    } else {
      const inner = mode === 'set' ? { ...ctx, inSet: true } : ctx;
      out[name] = (Array.isArray(v) ? v : []).map((el, i) => synthBlock(nb.block, el, kid(u, i), kid(p, i), inner, [...path, name, String(i)]));
    }
  }
  return out;
}

function synthAttribute(attr: SchemaAttribute, value: Any, unknown: Any, prior: Any, ctx: Ctx, path: string[]): JsonValue {
  if (attr.nested_type) {
    const inner: SchemaBlock = { attributes: attr.nested_type.attributes };
    if (unknown === true) {
      if (prior !== undefined) return prior;
      return attr.nested_type.nesting_mode === 'single' ? null : attr.nested_type.nesting_mode === 'map' ? {} : [];
    }
    if (value === undefined || value === null) return null;
    switch (attr.nested_type.nesting_mode) {
      case 'single':
        return synthBlock(inner, value, unknown, prior, ctx, path);
      case 'map': {
        const m: Record<string, JsonValue> = {};
        for (const [k, el] of Object.entries(isObj(value) ? value : {})) m[k] = synthBlock(inner, el, kid(unknown, k), kid(prior, k), ctx, [...path, k]);
        return m;
      }
      default:
        return (Array.isArray(value) ? value : []).map((el, i) => synthBlock(inner, el, kid(unknown, i), kid(prior, i), ctx, [...path, String(i)]));
    }
  }
  return synthTyped(attr.type ?? 'dynamic', value, unknown, prior, ctx, path, attr.optional === true || attr.required === true);
}

function synthTyped(type: CtyType, value: Any, unknown: Any, prior: Any, ctx: Ctx, path: string[], settable = false): JsonValue {
  if (unknown === true) return prior !== undefined ? prior : syntheticValue(type, ctx, path, settable);
  if (value === undefined || value === null) return null;
  if (type === 'dynamic') {
    // State stores dynamically typed attributes with their type alongside. The plan JSON has lost
    // list-vs-tuple and map-vs-object, so the literal reading (tuple, object) is the best guess.
    return wrapDynamic(value);
  }
  if (typeof type === 'string') return value;
  const [kind, elem] = type;
  if (!isObj(unknown) && !Array.isArray(unknown)) return value;
  // Partly unknown collection or object: walk into it.
  if ((kind === 'list' || kind === 'set') && Array.isArray(value)) {
    return value.map((el, i) => synthTyped(elem as CtyType, el, kid(unknown, i), kid(prior, i), ctx, [...path, String(i)]));
  }
  if (kind === 'tuple' && Array.isArray(value)) {
    return value.map((el, i) => synthTyped((elem as CtyType[])[i] ?? 'dynamic', el, kid(unknown, i), kid(prior, i), ctx, [...path, String(i)]));
  }
  if ((kind === 'map' || kind === 'object') && isObj(value)) {
    const out: Record<string, JsonValue> = {};
    const keys = kind === 'object' ? Object.keys(elem as Record<string, CtyType>) : [...new Set([...Object.keys(value), ...Object.keys(isObj(unknown) ? unknown : {})])];
    for (const k of keys) {
      const t = kind === 'object' ? (elem as Record<string, CtyType>)[k]! : (elem as CtyType);
      out[k] = synthTyped(t, value[k], kid(unknown, k), kid(prior, k), ctx, [...path, k]);
    }
    return out;
  }
  return value;
}

/** A deterministic value of `type` for an attribute the plan could not know. */
function syntheticValue(type: CtyType, ctx: Ctx, path: string[], settable = false): JsonValue {
  const attr = path[path.length - 1] ?? '';
  if (ctx.type === 'terraform_data' && path.length === 1 && attr === 'output') {
    // terraform_data copies input to output at apply; anything else would read differently.
    const input = ctx.values.input;
    return input === undefined || input === null ? null : wrapDynamic(input);
  }
  if (type === 'string') return syntheticString(ctx, path, settable);
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (type === 'dynamic') return null;
  if (typeof type === 'string') return null;
  const [kind, elem] = type;
  if (kind === 'list' || kind === 'set') return [];
  if (kind === 'map') return {};
  if (kind === 'tuple') return (elem as CtyType[]).map((t, i) => syntheticValue(t, ctx, [...path, String(i)]));
  if (kind === 'object') {
    const o: Record<string, JsonValue> = {};
    for (const [k, t] of Object.entries(elem as Record<string, CtyType>)) o[k] = syntheticValue(t, ctx, [...path, k]);
    return o;
  }
  return null;
}

// Names of attributes that identify something and get referenced elsewhere (x.id, x.arn, ...).
const IDENTITY = /(^|_)(id|arn|name|endpoint|url|dns_name|domain|hostname|address)$/;

// Synthetic strings end up in other resources' arguments on the next round (bucket = x.id), where
// providers validate them: ids and ARNs take AWS's own shapes (aws-id-formats.ts: `lt-…` for a
// launch template, a parseable ARN, a 12-digit account), anything else stays short, lowercase and
// [a-z0-9-] (valid as an S3 bucket name). An optional+computed string that the config left unset
// is stored by the provider as "" — and a made-up value there trips CustomizeDiff checks
// (aws_sns_topic: "FIFO throughput scope can only be set for FIFO topics"), so those get "" unless
// they identify.
function syntheticString(ctx: Ctx, path: string[], settable: boolean): string {
  const attr = path[path.length - 1] ?? '';
  const topLevel = path.length === 1;
  // A JSON document the config builds from a value not known yet (a policy naming the table's
  // ARN): the provider validates the stored value as JSON too, so "" would fail the plan.
  const json = topLevel && ctx.configured.has(attr) ? jsonShapedString(attr) : undefined;
  if (json !== undefined) return json;
  // In a set-nested block an unset optional id (ebs_block_device's snapshot_id) is part of the
  // element's hash: a made-up one makes the configured element a different one, a replacement.
  if (settable && (ctx.inSet || !IDENTITY.test(attr))) return '';
  if (topLevel && isIdAlias(ctx.type, attr)) return syntheticString(ctx, ['id'], false);
  const shaped = awsShapedString(ctx.type, attr, topLevel, digest(`${ctx.address}|${path.join('.')}`));
  if (shaped !== undefined) return shaped;
  if (topLevel && attr === 'id') {
    if (ctx.type === 'terraform_data') return pseudoUuid(ctx.address);
    if (idIsArn(ctx.type)) {
      const arn = ctx.values.arn;
      return typeof arn === 'string' && arn !== '' ? arn : syntheticString(ctx, ['arn'], false);
    }
    for (const k of ['bucket', 'name', 'function_name', 'cluster_name']) {
      const v = ctx.values[k];
      if (typeof v === 'string' && v !== '') return v;
    }
  }
  const base = slug(`synthetic-${ctx.address}-${path.join('-')}`, 63);
  if (attr === 'arn' || attr.endsWith('_arn')) {
    return `arn:aws:${arnService(ctx.type)}:us-east-1:${SYNTHETIC_ACCOUNT_ID}:${base}`;
  }
  return base;
}

function digest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

function slug(text: string, max: number): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (s.length <= max) return s;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${s.slice(0, max - 9).replace(/-$/, '')}-${hash}`;
}

function pseudoUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function wrapDynamic(v: JsonValue): JsonValue {
  return { value: v, type: impliedType(v) as JsonValue };
}
