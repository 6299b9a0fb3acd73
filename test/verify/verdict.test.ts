// judgePlan on plans produced by the real terraform: a terraform_data config applied for real, then
// changed in the ways a refactor can go wrong.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/terraform/apply.js';
import { init } from '../../src/terraform/init.js';
import { planJson, verifyInPlace } from '../../src/verify/online.js';
import { renderVerdict } from '../../src/verify/render.js';
import { judgePlan } from '../../src/verify/verdict.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const ORIGINAL = `resource "terraform_data" "alpha" {
  input = "alpha"
}

resource "terraform_data" "token" {
  input = sensitive("s3cret")
}

module "m" {
  source = "./mod"
  name   = "beta"
}

output "alpha" {
  value = terraform_data.alpha.output
}
`;

const MOD = `variable "name" {
  type = string
}

resource "terraform_data" "this" {
  count = 1
  input = { name = var.name, tags = { Service = var.name } }
}
`;

let root: string;
let applied: string;

beforeAll(async () => {
  root = makeTemp('unmodule-verdict-');
  applied = join(root, 'applied');
  mkdirSync(join(applied, 'mod'), { recursive: true });
  writeFileSync(join(applied, 'main.tf'), ORIGINAL);
  writeFileSync(join(applied, 'mod', 'main.tf'), MOD);
  const opts = { cwd: applied, env: testCliConfig() };
  await init(opts);
  await apply(opts);
});
afterAll(() => removeTemp(root));

let n = 0;
/** A copy of the applied service (state included) with main.tf replaced. */
function variant(mainTf: string): string {
  const dir = join(root, `v${++n}`);
  cpSync(applied, dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), mainTf);
  return dir;
}

const INLINED = `resource "terraform_data" "alpha" {
  input = "alpha"
}

resource "terraform_data" "token" {
  input = sensitive("s3cret")
}

resource "terraform_data" "m" {
  input = { name = "beta", tags = { Service = "beta" } }
}

moved {
  from = module.m.terraform_data.this[0]
  to   = terraform_data.m
}

output "alpha" {
  value = terraform_data.alpha.output
}
`;
const MOVE = { from: 'module.m.terraform_data.this[0]', to: 'terraform_data.m' };

describe('judgePlan on real plans', () => {
  it('the unchanged config is zero change with no moves', async () => {
    const v = await verifyInPlace(variant(ORIGINAL), { env: testCliConfig() }, []);
    expect(v.zeroChange).toBe(true);
    expect(v.unchanged).toBe(3);
    expect(renderVerdict(v)).toBe('Zero change: 3 resources unchanged, no moves.');
  });

  it('an inlined module with a moved block is zero change, the move expected', async () => {
    const plan = await planJson(variant(INLINED), { env: testCliConfig() });
    const v = judgePlan(plan, [MOVE]);
    expect(v.zeroChange).toBe(true);
    expect(v.moves).toEqual([{ ...MOVE, expected: true }]);
    expect(renderVerdict(v)).toBe('Zero change: 3 resources unchanged, 1 move (all expected).');
    // Without expectations the move is accepted but not claimed as checked.
    expect(renderVerdict(judgePlan(plan))).toBe('Zero change: 3 resources unchanged, 1 move.');
  });

  it('a changed input is not zero change and names the attribute path with before and after', async () => {
    const v = await verifyInPlace(
      variant(INLINED.replace('tags = { Service = "beta" }', 'tags = { Service = "gamma" }')),
      { env: testCliConfig() },
      [MOVE],
    );
    expect(v.zeroChange).toBe(false);
    expect(v.changes).toHaveLength(1);
    const c = v.changes[0]!;
    expect(c).toMatchObject({ address: 'terraform_data.m', previousAddress: MOVE.from, action: 'update' });
    expect(c.attributes).toContainEqual({ path: 'input.tags.Service', before: 'beta', after: 'gamma' });
    expect(c.attributes).toContainEqual({ path: 'output', before: { name: 'beta', tags: { Service: 'beta' } }, after: '(known after apply)' });
    expect(renderVerdict(v)).toContain('~ terraform_data.m (moved from module.m.terraform_data.this[0]): input.tags.Service: "beta" → "gamma"');
  });

  it('a sensitive value that changes is reported masked', async () => {
    const v = await verifyInPlace(variant(ORIGINAL.replace('s3cret', 'other')), { env: testCliConfig() });
    expect(v.zeroChange).toBe(false);
    const c = v.changes.find((x) => x.address === 'terraform_data.token')!;
    expect(c.attributes).toContainEqual({ path: 'input', before: '(sensitive)', after: '(sensitive)' });
    expect(JSON.stringify(v)).not.toContain('other');
    // terraform_data does not carry the mark to `output`; terraform's own plan shows its old value
    // in clear too, so the verdict reports what terraform marks, no more.
    expect(c.attributes).toContainEqual({ path: 'output', before: 's3cret', after: '(known after apply)' });
    // terraform_data.alpha is untouched, and so is the output.
    expect(v.outputChanges).toEqual([]);
  });

  it('a move nobody asked for is unexpected and fails', async () => {
    const v = await verifyInPlace(variant(INLINED), { env: testCliConfig() }, []);
    expect(v.zeroChange).toBe(false);
    expect(v.changes).toEqual([]);
    expect(v.unexpectedMoves).toEqual([MOVE]);
    expect(renderVerdict(v)).toContain('unexpected move: module.m.terraform_data.this[0] → terraform_data.m');
  });

  it('an expected move that the plan does not make is missing and fails', async () => {
    const missing = { from: 'terraform_data.alpha', to: 'terraform_data.renamed' };
    const v = await verifyInPlace(variant(INLINED), { env: testCliConfig() }, [MOVE, missing]);
    expect(v.zeroChange).toBe(false);
    expect(v.missingMoves).toEqual([missing]);
    expect(renderVerdict(v)).toContain('missing move: terraform_data.alpha → terraform_data.renamed');
  });

  it('a changed output is not zero change', async () => {
    const v = await verifyInPlace(variant(ORIGINAL.replace('value = terraform_data.alpha.output', 'value = "x"')), { env: testCliConfig() });
    expect(v.zeroChange).toBe(false);
    expect(v.outputChanges).toEqual([{ name: 'alpha', actions: ['update'], before: 'alpha', after: 'x' }]);
    expect(renderVerdict(v)).toContain('~ output.alpha: "alpha" → "x"');
  });
});

describe('judgePlan move matching', () => {
  const planWith = (moves: [string, string][]) =>
    judgePlan({
      format_version: '1.2',
      resource_changes: moves.map(([from, to]) => ({
        address: to,
        previous_address: from,
        mode: 'managed' as const,
        type: 'terraform_data',
        name: 'x',
        provider_name: 'terraform.io/builtin/terraform',
        change: { actions: ['no-op' as const], before: {}, after: {} },
      })),
    }, [{ from: 'module.a.module.n', to: 'module.a_n' }]);

  it('a whole-module move covers every instance inside it', () => {
    const v = planWith([
      ['module.a.module.n.terraform_data.x', 'module.a_n.terraform_data.x'],
      ['module.a.module.n.terraform_data.y["k"]', 'module.a_n.terraform_data.y["k"]'],
    ]);
    expect(v.zeroChange).toBe(true);
  });

  it('but not a different module that shares a name prefix', () => {
    const v = planWith([['module.a.module.nn.terraform_data.x', 'module.a_nn.terraform_data.x']]);
    expect(v.unexpectedMoves).toHaveLength(1);
  });
});
