import { describe, expect, it } from 'vitest';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { chooseNames } from '../../src/inline/names.js';

async function mod(dir: string, text: string) {
  return buildModule(dir, [await parseHcl(`${dir}/main.tf`, text)]);
}

describe('chooseNames', () => {
  it('gives a type that occurs once the base name, and repeated types <base>_<name>', async () => {
    const m = await mod('m', 'resource "a_x" "this" {}\nresource "a_y" "one" {}\nresource "a_y" "two" {}\n');
    const root = await mod('r', 'module "svc" {\n  source = "./m"\n}\n');
    const names = chooseNames(m, 'svc', root, root.moduleCalls[0]!);
    expect(Object.fromEntries(names)).toEqual({ 'a_x.this': 'svc', 'a_y.one': 'svc_one', 'a_y.two': 'svc_two' });
  });

  it('honours overrides, validates them, and refuses collisions with root resources', async () => {
    const m = await mod('m', 'resource "a_x" "this" {}\nresource "a_y" "this" {}\n');
    const root = await mod('r', 'resource "a_y" "taken" {}\nmodule "svc" {\n  source = "./m"\n}\n');
    const call = root.moduleCalls[0]!;
    expect(chooseNames(m, 'svc', root, call, { 'a_x.this': 'data_bucket' }).get('a_x.this')).toBe('data_bucket');
    expect(() => chooseNames(m, 'svc', root, call, { 'a_x.this': '9lives' })).toThrow(/not a valid Terraform name/);
    expect(() => chooseNames(m, 'svc', root, call, { 'a_y.this': 'taken' })).toThrow(/a_y\.taken is already used by the root \(r\/main\.tf:1\)/);
  });
});
