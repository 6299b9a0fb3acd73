// State v4 `sensitive_attributes` from a plan's after_sensitive structure. Which step kind a key
// becomes (get_attr for object attributes and blocks, index for maps and lists) depends on the
// schema type at that point, which after_sensitive alone does not say.
import type { CtyType, JsonValue, RawStateInstance, SchemaBlock } from '../terraform/types.js';

type Any = JsonValue | undefined;

function isObj(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Step = RawStateInstance['sensitive_attributes'][number][number];
type Shape = { block: SchemaBlock } | { coll: 'list' | 'set' | 'map'; inner: Shape } | { type: CtyType };

/** Paths marked sensitive in the plan, as state v4 `sensitive_attributes` steps. */
export function sensitivePaths(block: SchemaBlock, sensitive: Any): Step[][] {
  const out: Step[][] = [];
  collect({ block }, sensitive, [], out);
  return out;
}

function collect(shape: Shape | undefined, sens: Any, path: Step[], out: Step[][]): void {
  if (sens === true) {
    if (path.length) out.push(path);
    return;
  }
  if (Array.isArray(sens)) sens.forEach((s, i) => collect(childShape(shape, i), s, [...path, stepFor(shape, i)], out));
  else if (isObj(sens)) for (const [k, s] of Object.entries(sens)) collect(childShape(shape, k), s, [...path, stepFor(shape, k)], out);
}

function stepFor(shape: Shape | undefined, key: string | number): Step {
  const isMap = shape !== undefined && (('coll' in shape && shape.coll === 'map') || ('type' in shape && Array.isArray(shape.type) && shape.type[0] === 'map'));
  if (typeof key === 'number') return { type: 'index', value: { value: key, type: 'number' } };
  return isMap ? { type: 'index', value: { value: key, type: 'string' } } : { type: 'get_attr', value: key };
}

function childShape(shape: Shape | undefined, key: string | number): Shape | undefined {
  if (!shape) return undefined;
  if ('coll' in shape) return shape.inner;
  if ('block' in shape) {
    const attr = shape.block.attributes?.[String(key)];
    if (attr?.nested_type) {
      const inner: Shape = { block: { attributes: attr.nested_type.attributes } };
      return attr.nested_type.nesting_mode === 'single' ? inner : { coll: attr.nested_type.nesting_mode, inner };
    }
    if (attr) return { type: attr.type ?? 'dynamic' };
    const nb = shape.block.block_types?.[String(key)];
    if (!nb) return undefined;
    return nb.nesting_mode === 'single' || nb.nesting_mode === 'group' ? { block: nb.block } : { coll: nb.nesting_mode, inner: { block: nb.block } };
  }
  const t = shape.type;
  if (typeof t === 'string') return { type: 'dynamic' };
  const [kind, elem] = t;
  if (kind === 'object') return { type: (elem as Record<string, CtyType>)[String(key)] ?? 'dynamic' };
  if (kind === 'tuple') return { type: (elem as CtyType[])[Number(key)] ?? 'dynamic' };
  return { type: elem as CtyType };
}
