// Verdicts on moves, on real terraform_data plans: moved blocks whose source is no longer in state
// (the moves were applied) do not fail a later verify, and a chain — the module's own moved block
// translated, then the inline's move — is one expected move in the plan.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, init, stateList } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { tfIn } from '../migrate/helpers/service.js';

const ROOT = `module "m" {
  source = "./mod"
  name   = "svc"
}
`;
const VARS = `variable "name" {
  type = string
}
`;
// v1 of the module, as deployed: the resource was called "old".
const V1 = `resource "terraform_data" "old" {
  count = 1
  input = "record of \${var.name}"
}
`;
// v2 renamed it and says so with its own moved block.
const V2 = `resource "terraform_data" "this" {
  count = 1
  input = "record of \${var.name}"
}

moved {
  from = terraform_data.old
  to   = terraform_data.this
}
`;

describe('verify on moves that chain or were already applied', () => {
  const env = testCliConfig();
  let dir: string;

  beforeAll(async () => {
    dir = join(makeTemp('unmodule-verify-moves-'), 'svc');
    mkdirSync(join(dir, 'mod'), { recursive: true });
    writeFileSync(join(dir, 'main.tf'), ROOT);
    writeFileSync(join(dir, 'mod', 'variables.tf'), VARS);
    writeFileSync(join(dir, 'mod', 'main.tf'), V1);
    await init(tfIn(dir));
    await apply(tfIn(dir));
    writeFileSync(join(dir, 'mod', 'main.tf'), V2);
    cpSync(dir, `${dir}-sm`, { recursive: true, verbatimSymlinks: true });
  });
  afterAll(() => removeTemp(join(dir, '..')));

  it('a module moved block chained with the inline move is one expected move; after apply, verify is still zero change', async () => {
    expect(await stateList(tfIn(dir))).toEqual(['module.m.terraform_data.old[0]']);
    // The inventory check reads the real state (old[0]) and follows the chain old → this[0] → m.
    const w = await runCli(['inline', dir, '--module', 'm', '--write', '--inventory', 'state'], env);
    expect(w.stderr).toBe('');
    expect(w.exitCode).toBe(0);
    const moved = readFileSync(join(dir, 'moved.tf'), 'utf8');
    expect(moved).toContain('from = module.m.terraform_data.old\n  to   = module.m.terraform_data.this\n');
    expect(moved).toContain('from = module.m.terraform_data.this[0]\n  to   = terraform_data.m\n');

    const v = await runCli(['verify', dir, '--json'], env);
    expect(v.exitCode).toBe(0);
    const verdict = JSON.parse(v.stdout).verdict;
    expect(verdict.zeroChange).toBe(true);
    expect(verdict.moves).toEqual([{ from: 'module.m.terraform_data.old[0]', to: 'terraform_data.m', expected: true }]);
    expect(verdict.missingMoves).toEqual([]);

    // The moves are carried out; the moved blocks stay (as they should, for other workspaces).
    await apply(tfIn(dir));
    expect(await stateList(tfIn(dir))).toEqual(['terraform_data.m']);
    const again = await runCli(['verify', dir], env);
    expect(again.stdout).toContain('Zero change: 1 resource unchanged, no moves.');
    expect(again.exitCode).toBe(0);
  });

  it('state-mv mode resolves the same chain against the state', async () => {
    const sm = `${dir}-sm`;
    const w = await runCli(['inline', sm, '--module', 'm', '--mode', 'state-mv', '--write', '--inventory', 'none'], env);
    expect(w.exitCode).toBe(0);
    // Without a state to read, the script tries each source the chain accepts.
    expect(readFileSync(join(sm, 'state-mv.sh'), 'utf8')).toContain("mv_first_present 'terraform_data.m' ");
    const m = await runCli(['migrate', sm, '--execute', '--json'], env);
    expect(m.exitCode).toBe(0);
    expect(JSON.parse(m.stdout).moves).toEqual([{ from: 'module.m.terraform_data.old[0]', to: 'terraform_data.m' }]);
    expect(await stateList(tfIn(sm))).toEqual(['terraform_data.m']);
  });
});
