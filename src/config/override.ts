// Override files, merged as Terraform merges them (internal/configs/module_merge.go): a
// directory's `override.tf` and `*_override.tf` (and their .tf.json forms) apply after the primary
// files, in lexical order. A top-level block merges into the primary block with the same type and
// labels: its arguments replace, each nested block type replaces all nested blocks of that type,
// and a resource's `lifecycle` merges argument by argument.
import { basename } from 'node:path';
import type { Block } from '../hcl/cst.js';

/** True for `override.tf`, `*_override.tf`, `override.tf.json` and `*_override.tf.json`. */
export function isOverrideFile(path: string): boolean {
  const stem = basename(path).replace(/\.tf(\.json)?$/, '');
  return stem === 'override' || stem.endsWith('_override');
}

/** The block type an item counts as when an override replaces nested blocks (`dynamic "x"` is an `x`). */
function nestedType(b: Block): string {
  return b.type === 'dynamic' ? (b.labels[0] ?? b.type) : b.type;
}

/**
 * `base` with `over` merged into it. The result keeps base's span and comments (it is where the
 * declaration is written); merged items keep their own spans, in the file they come from.
 */
export function mergeBlock(base: Block, over: Block, o: { lifecycleByArgument?: boolean } = {}): Block {
  const items = [...base.body.items];
  for (const it of over.body.items) {
    if (it.kind !== 'attribute') continue;
    const i = items.findIndex((x) => x.kind === 'attribute' && x.name === it.name);
    if (i >= 0) items[i] = it;
    else items.push(it);
  }
  const overTypes = new Set(over.body.items.filter((x): x is Block => x.kind === 'block').map(nestedType));
  for (const type of overTypes) {
    const replacing = over.body.items.filter((x): x is Block => x.kind === 'block' && nestedType(x) === type);
    if (type === 'lifecycle' && o.lifecycleByArgument) {
      const baseLc = items.find((x): x is Block => x.kind === 'block' && x.type === 'lifecycle');
      const merged = replacing.reduce<Block | undefined>((acc, b) => (acc ? mergeBlock(acc, b) : b), baseLc);
      if (baseLc) items[items.indexOf(baseLc)] = merged!;
      else items.push(merged!);
      continue;
    }
    const first = items.findIndex((x) => x.kind === 'block' && nestedType(x) === type);
    const kept = items.filter((x) => !(x.kind === 'block' && nestedType(x) === type));
    if (first < 0) kept.push(...replacing);
    else kept.splice(items.slice(0, first).filter((x) => !(x.kind === 'block' && nestedType(x) === type)).length, 0, ...replacing);
    items.splice(0, items.length, ...kept);
  }
  return { ...base, body: { items } };
}
