// Loading as Terraform loads: override files merged into the primary declarations, and the
// declarations Terraform refuses refused with file:line.
import { describe, expect, it } from 'vitest';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';

async function load(files: Record<string, string>) {
  const parsed = await Promise.all(Object.entries(files).sort().map(([n, t]) => parseHcl(`/m/${n}`, t)));
  return buildModule('/m', parsed);
}

const attr = (items: { kind: string; name?: string }[], name: string) => items.find((i) => i.kind === 'attribute' && i.name === name) as { expr: never } | undefined;

describe('override files', () => {
  it('merge arguments, replace nested block types, merge lifecycle by argument, and override locals and module arguments', async () => {
    const mod = await load({
      'main.tf': `locals {\n  a = 1\n  b = 2\n}\nresource "t" "r" {\n  x = 1\n  y = 2\n  rule {\n    n = 1\n  }\n  rule {\n    n = 2\n  }\n  lifecycle {\n    prevent_destroy = true\n  }\n}\nmodule "svc" {\n  source = "./svc"\n  name   = "alpha"\n}\n`,
      'z_override.tf': `locals {\n  b = 3\n}\nresource "t" "r" {\n  y = 9\n  rule {\n    n = 3\n  }\n  lifecycle {\n    ignore_changes = [x]\n  }\n}\nmodule "svc" {\n  name = "beta"\n}\n`,
    });
    const r = mod.resources[0]!;
    expect(printExpr(attr(r.block.body.items, 'x')!.expr)).toBe('1');
    expect(printExpr(attr(r.block.body.items, 'y')!.expr)).toBe('9');
    const rules = r.block.body.items.filter((i) => i.kind === 'block' && i.type === 'rule');
    expect(rules).toHaveLength(1);
    const lc = r.block.body.items.find((i) => i.kind === 'block' && i.type === 'lifecycle');
    expect(lc && lc.kind === 'block' ? lc.body.items.map((i) => (i.kind === 'attribute' ? i.name : '')) : []).toEqual(['prevent_destroy', 'ignore_changes']);
    expect(printExpr(mod.locals.get('b')!.expr)).toBe('3');
    expect(printExpr(mod.locals.get('a')!.expr)).toBe('1');
    const call = mod.moduleCalls[0]!;
    expect(printExpr(call.args.get('name')!.expr)).toBe('"beta"');
    expect(call.source).toBe('./svc');
    expect(call.overrides.map((o) => o.file.path)).toEqual(['/m/z_override.tf']);
  });

  it('count from one block and for_each from another: Terraform expands by count, so the merged block keeps count', async () => {
    const mod = await load({ 'main.tf': 'module "svc" {\n  source   = "./svc"\n  for_each = toset(["a"])\n}\n', 'override.tf': 'module "svc" {\n  count = 2\n}\n' });
    expect([...mod.moduleCalls[0]!.meta.keys()].sort()).toEqual(['count', 'source']);
  });

  it('refuses an override with no primary declaration, a duplicate module call across files, and count with for_each in one block', async () => {
    await expect(load({ 'main.tf': '', 'a_override.tf': 'module "svc" {\n  name = "x"\n}\n' })).rejects.toThrow(/a_override\.tf:1: .*module call "svc".*no primary/);
    await expect(load({ 'a.tf': 'module "svc" {\n  source = "./a"\n}\n', 'b.tf': '\nmodule "svc" {\n  source = "./b"\n}\n' })).rejects.toThrow(/b\.tf:2: duplicate module call "svc", already declared at \/m\/a\.tf:1/);
    await expect(load({ 'main.tf': 'resource "t" "r" {\n  count    = 1\n  for_each = {}\n}\n' })).rejects.toThrow(/main\.tf:3: .*both count and for_each/);
  });
});
