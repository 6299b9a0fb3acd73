// verify's expected moves on a real plan of a chain two inline rounds write: the first round keeps
// a nested module (module.svc.module.store → module.store), the second inlines it
// (module.store.terraform_data.this → terraform_data.store) and, its count folding to 1, drops
// the count (terraform_data.store[0] → terraform_data.store). Terraform plans one move from
// where the object is in state to the end of the chain; verify must expect exactly that move.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/terraform/apply.js';
import { init } from '../../src/terraform/init.js';
import { planJson } from '../../src/verify/online.js';
import { judgePlan } from '../../src/verify/verdict.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const ROOT = `module "svc" {
  source = "./svc"
}
`;
const SVC = `module "store" {
  source = "../store"
}
`;
const STORE = `resource "terraform_data" "this" {
  count = 1
  input = "kept"
}
`;
const INLINED = `resource "terraform_data" "store" {
  input = "kept"
}
`;
const MOVES = [
  { from: 'module.svc.module.store', to: 'module.store' },
  { from: 'module.store.terraform_data.this', to: 'terraform_data.store' },
  { from: 'terraform_data.store[0]', to: 'terraform_data.store' },
];
const MOVED_TF = MOVES.map((m) => `moved {\n  from = ${m.from}\n  to   = ${m.to}\n}\n`).join('\n');

let root: string;
beforeAll(async () => {
  root = makeTemp('unmodule-move-chains-');
  mkdirSync(join(root, 'svc'));
  mkdirSync(join(root, 'store'));
  writeFileSync(join(root, 'main.tf'), ROOT);
  writeFileSync(join(root, 'svc', 'main.tf'), SVC);
  writeFileSync(join(root, 'store', 'main.tf'), STORE);
  const opts = { cwd: root, env: testCliConfig() };
  await init(opts);
  await apply(opts);
  writeFileSync(join(root, 'main.tf'), INLINED);
  writeFileSync(join(root, 'moved.tf'), MOVED_TF);
}, 300_000);
afterAll(() => removeTemp(root));

describe('a three-link move chain on a real plan', () => {
  it('terraform moves module.svc.module.store.terraform_data.this[0] to terraform_data.store, and verify expects it', async () => {
    const plan = await planJson(root, { env: testCliConfig() });
    const v = judgePlan(plan, MOVES);
    expect(v.moves.map((m) => [m.from, m.to])).toEqual([['module.svc.module.store.terraform_data.this[0]', 'terraform_data.store']]);
    expect(v.unexpectedMoves).toEqual([]);
    expect(v.zeroChange).toBe(true);
  }, 300_000);
});
