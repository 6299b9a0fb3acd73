// Names for inlined resources: a type that occurs once in the module takes the base name
// (`aws_s3_bucket.service_alpha_bucket`); otherwise `<base>_<name>`. Collisions are refused.
import { resourceKey, type ModuleCall, type ModuleConfig } from '../config/module.js';
import { isIdentifier } from '../hcl/ast.js';
import { InlineError } from './refactor.js';

/**
 * Maps each module resource key (`type.name`, `data.type.name`) to its new root name.
 * `overrides` (same keys) replaces the chosen name, e.g. names a person edited in the wizard.
 */
export function chooseNames(
  module: ModuleConfig,
  base: string,
  root: ModuleConfig,
  call: ModuleCall,
  overrides: Record<string, string> = {},
): Map<string, string> {
  const perType = new Map<string, number>();
  for (const r of module.resources) perType.set(`${r.mode}.${r.type}`, (perType.get(`${r.mode}.${r.type}`) ?? 0) + 1);
  const names = new Map<string, string>();
  const taken = new Set(root.resources.filter((r) => !(r.file === call.file && isInside(r.block.span, call.block.span))).map((r) => resourceKey(r)));
  for (const r of module.resources) {
    const name = overrides[resourceKey(r)] ?? (perType.get(`${r.mode}.${r.type}`) === 1 ? base : `${base}_${r.name}`);
    if (!isIdentifier(name)) throw new InlineError(`"${name}" (for ${resourceKey(r)}) is not a valid Terraform name: use letters, digits, _ and -, not starting with a digit`);
    const key = resourceKey({ mode: r.mode, type: r.type, name });
    if (taken.has(key)) {
      const existing = root.resources.find((x) => resourceKey(x) === key);
      const where = existing ? `the root (${existing.origin.file}:${existing.origin.line})` : 'another inlined resource';
      throw new InlineError(`the new name ${key} is already used by ${where}; choose another base with --name (e.g. --name ${base}_inlined)`);
    }
    taken.add(key);
    names.set(resourceKey(r), name);
  }
  return names;
}

function isInside(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start >= b.start && a.end <= b.end;
}
