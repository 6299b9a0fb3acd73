// Guesses for values a plan against an empty state cannot know because they read another
// resource's computed attribute: `bucket = aws_s3_bucket.this[0].id`, `output "arn" { value =
// module.b.arn }`. Reading the referenced value out of the synthesized state usually gives exactly
// what the next plan will compute, which saves a whole synthesis round (~8 s with aws). A wrong
// guess (the reference sat inside a template or a function call) costs nothing but that round:
// the oracle plan shows the real value and the next round adopts it.
import type { ConfigExpression, ConfigModule, CtyType, JsonValue, PlanJson, RawStateResource, RawStateV4 } from '../terraform/types.js';
import { moduleCallPath } from './provider-address.js';
import { IDENTIFIER } from '../hcl/ast.js';

/** An attribute the config sets that the plan left unknown, waiting for a guess. */
export interface PendingArgument {
  /** Module instance address of the resource ("module.b", or undefined in the root). */
  module?: string;
  type: string;
  name: string;
  index?: number | string;
  attribute: string;
  /** The attribute's schema type (dynamic ones are stored with their type alongside). */
  attrType: CtyType;
  /** What the config's expression reads, most specific first. */
  references: string[];
  /** The instance's attributes, to write the guess into. */
  target: Record<string, JsonValue>;
}

/** Result of guessing: what is still unknown (the next round will need to resolve it). */
export interface GuessResult {
  unresolved: string[];
}

const REF = new RegExp(`^(${IDENTIFIER})\\.(${IDENTIFIER})(?:\\[(\\d+|"(?:[^"\\\\]|\\\\.)*")\\])?\\.(${IDENTIFIER})$`, 'u');
const MODULE_OUTPUT = new RegExp(`^module\\.(${IDENTIFIER})\\.(${IDENTIFIER})$`, 'u');
const NOT_RESOURCES = new Set(['var', 'local', 'data', 'each', 'count', 'path', 'terraform', 'self', 'module']);

/**
 * Fills pending arguments and unknown root outputs from the referenced values in `state`
 * (mutates it). Arguments whose reference is itself still pending wait for a later pass, so a
 * chain A → B → C settles in order.
 */
export function applyReferenceGuesses(plan: PlanJson, state: RawStateV4, pending: PendingArgument[], unknownOutputs: string[]): GuessResult {
  const open = new Set(pending.map(pendingKey));
  let progress = true;
  while (progress) {
    progress = false;
    for (const p of pending) {
      const key = pendingKey(p);
      if (!open.has(key)) continue;
      const v = lookup(plan, state, p.references[0] ?? '', p.module, open);
      if (v === undefined || !fits(v, p.attrType)) continue;
      p.target[p.attribute] = p.attrType === 'dynamic' ? { value: v, type: impliedType(v) as JsonValue } : v;
      open.delete(key);
      progress = true;
    }
  }
  const unresolved = pending.filter((p) => open.has(pendingKey(p))).map((p) => `${p.module ? `${p.module}.` : ''}${p.type}.${p.name}${indexText(p.index)}.${p.attribute}`);

  for (const name of unknownOutputs) {
    const expr = plan.configuration?.root_module?.outputs?.[name]?.expression;
    const v = lookup(plan, state, expr?.references?.[0] ?? '', undefined, open);
    if (v === undefined) {
      unresolved.push(`output.${name}`);
      continue;
    }
    const sensitive = plan.planned_values?.outputs?.[name]?.sensitive ?? false;
    state.outputs[name] = { value: v, type: impliedType(v), ...(sensitive ? { sensitive: true } : {}) };
  }
  return { unresolved };
}

/** The value a reference reads from state, or undefined when we cannot tell. */
function lookup(plan: PlanJson, state: RawStateV4, ref: string, module: string | undefined, open: Set<string>, depth = 0): JsonValue | undefined {
  if (depth > 16) return undefined;
  const mo = MODULE_OUTPUT.exec(ref);
  if (mo) {
    const call = configModule(plan.configuration?.root_module, moduleCallPath(module))?.module_calls?.[mo[1]!];
    // An instance key would have to come from the caller's own index; not worth guessing.
    if (!call || call.count_expression !== undefined || call.for_each_expression !== undefined) return undefined;
    const expr: ConfigExpression | undefined = call.module.outputs?.[mo[2]!]?.expression;
    const inner = `${module ? `${module}.` : ''}module.${mo[1]}`;
    return lookup(plan, state, expr?.references?.[0] ?? '', inner, open, depth + 1);
  }
  const m = REF.exec(ref);
  if (!m || NOT_RESOURCES.has(m[1]!)) return undefined;
  const [, type, name, idx, attr] = m;
  const index = idx === undefined ? undefined : idx.startsWith('"') ? (JSON.parse(idx) as string) : Number(idx);
  if (open.has(pendingKey({ module, type: type!, name: name!, index, attribute: attr! }))) return undefined;
  const res = state.resources.find((r) => r.module === module && r.type === type && r.name === name && r.mode === 'managed');
  const inst = res?.instances.find((i) => i.index_key === index);
  const v = inst?.attributes[attr!];
  if (v === undefined || v === null) return undefined;
  // Dynamic attributes (terraform_data input/output) are stored as {value, type}.
  if (isTypedDynamic(res!, attr!, v)) return (v as { value: JsonValue }).value;
  return v;
}

function isTypedDynamic(res: RawStateResource, attr: string, v: JsonValue): boolean {
  return res.type === 'terraform_data' && (attr === 'input' || attr === 'output' || attr === 'triggers_replace') && typeof v === 'object' && v !== null && 'value' in v && 'type' in v;
}

function configModule(root: ConfigModule | undefined, path: string[]): ConfigModule | undefined {
  let mod = root;
  for (const name of path) mod = mod?.module_calls?.[name]?.module;
  return mod;
}

function pendingKey(p: { module?: string | undefined; type: string; name: string; index?: number | string | undefined; attribute: string }): string {
  return `${p.module ?? ''}|${p.type}.${p.name}|${p.index === undefined ? '' : JSON.stringify(p.index)}|${p.attribute}`;
}

function indexText(i: number | string | undefined): string {
  return i === undefined ? '' : `[${JSON.stringify(i)}]`;
}

// A guess of the wrong shape would make the provider reject the state; only take matching ones.
function fits(v: JsonValue, t: CtyType): boolean {
  if (t === 'dynamic') return true;
  if (t === 'string') return typeof v === 'string';
  if (t === 'number') return typeof v === 'number';
  if (t === 'bool') return typeof v === 'boolean';
  if (typeof t === 'string') return false;
  if (t[0] === 'list' || t[0] === 'set' || t[0] === 'tuple') return Array.isArray(v);
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The type Terraform gives a literal with this JSON value (tuple for arrays, object for objects). */
export function impliedType(v: JsonValue): CtyType {
  if (v === null) return 'dynamic';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return ['tuple', v.map(impliedType)];
  const o: Record<string, CtyType> = {};
  for (const [k, x] of Object.entries(v)) o[k] = impliedType(x);
  return ['object', o];
}
