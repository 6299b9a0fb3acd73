// These run the real terraform binary (terraform_data only: no provider download needed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/terraform/apply.js';
import { TerraformError, TerraformNotFoundError } from '../../src/terraform/errors.js';
import { fmt, fmtCheck } from '../../src/terraform/fmt.js';
import { init } from '../../src/terraform/init.js';
import { plan } from '../../src/terraform/plan.js';
import { providersSchema } from '../../src/terraform/providers.js';
import { runTerraform } from '../../src/terraform/runner.js';
import { showPlan, showState } from '../../src/terraform/show.js';
import { stateList, stateMv, statePull } from '../../src/terraform/state.js';
import { terraformVersion } from '../../src/terraform/version.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

function workdir(files: Record<string, string>): string {
  const dir = makeTemp('unmodule-tf-');
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const env = () => testCliConfig();

describe('terraform binary', () => {
  it('reports its version', async () => {
    const v = await terraformVersion({ cwd: makeTempTracked(), env: env() });
    expect(v.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(v.platform).toMatch(/_/);
  });

  it('init, plan and show a terraform_data config', async () => {
    const dir = workdir({ 'main.tf': 'resource "terraform_data" "x" {\n  input = "hello"\n}\n' });
    const opts = { cwd: dir, env: env() };
    await init(opts);
    const res = await plan(opts, { out: join(dir, 'p.tfplan') });
    expect(res.exitCode).toBe(2);
    const p = await showPlan(opts, res.planFile);
    expect(p.resource_changes?.map((r) => [r.address, r.change.actions])).toEqual([['terraform_data.x', ['create']]]);
    expect(p.planned_values?.root_module.resources?.[0]?.values?.input).toBe('hello');
    const schema = await providersSchema(opts);
    expect(schema.provider_schemas?.['terraform.io/builtin/terraform']?.resource_schemas?.terraform_data?.block.attributes?.output?.computed).toBe(true);
  });

  it('apply, state list/pull/mv and a clean re-plan exiting 0', async () => {
    const dir = workdir({ 'main.tf': 'resource "terraform_data" "x" {\n  for_each = toset(["a b"])\n  input    = each.key\n}\n' });
    const opts = { cwd: dir, env: env() };
    await init(opts);
    await apply(opts);
    expect(await stateList(opts)).toEqual(['terraform_data.x["a b"]']);
    const pulled = await statePull(opts);
    expect(pulled.state.resources[0]?.instances[0]?.index_key).toBe('a b');
    await stateMv(opts, 'terraform_data.x["a b"]', 'terraform_data.y["a b"]');
    expect(await stateList(opts)).toEqual(['terraform_data.y["a b"]']);
    const shown = await showState(opts);
    expect(shown.values?.root_module.resources?.[0]?.address).toBe('terraform_data.y["a b"]');
    await stateMv(opts, 'terraform_data.y["a b"]', 'terraform_data.x["a b"]');
    const again = await plan(opts, { out: join(dir, 'p2.tfplan'), refresh: false });
    expect(again.exitCode).toBe(0);
  });

  it('a syntax error throws TerraformError with the diagnostic, argv, cwd and exit code', async () => {
    const dir = workdir({ 'main.tf': 'resource "terraform_data" "x" {\n  input =\n}\n' });
    const err = await init({ cwd: dir, env: env() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TerraformError);
    const te = err as TerraformError;
    expect(te.exitCode).toBe(1);
    expect(te.cwd).toBe(dir);
    expect(te.argv.slice(1)).toEqual(['init', '-input=false', '-no-color', '-json']);
    expect(te.stdout).toContain('Invalid expression');
    // From the -json diagnostics: summary, file:line, the quoted source line, the detail.
    expect(te.message).toContain('Error: Invalid expression (main.tf:2)\n  input =\n  Expected the start of an expression');
    expect(te.location).toMatchObject({ file: join(dir, 'main.tf'), line: 2, cwd: dir });
  });

  it('a missing binary says how to fix it', async () => {
    const err = await runTerraform(['version'], { bin: 'terraform-does-not-exist-xyz', cwd: makeTempTracked() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerraformNotFoundError);
    expect((err as Error).message).toBe(
      "terraform binary 'terraform-does-not-exist-xyz' not found on PATH; install terraform or pass --terraform-bin / set UNMODULE_TERRAFORM_BIN (e.g. tofu)",
    );
  });

  it('fmt formats stdin and fmtCheck lists unformatted files', async () => {
    const opts = { cwd: makeTempTracked(), env: env() };
    expect(await fmt('a=1\nbb  = 2\n', opts)).toBe('a  = 1\nbb = 2\n');
    await expect(fmt('a =\n', opts)).rejects.toMatchObject({ exitCode: 2 });
    const dir = workdir({ 'ok.tf': 'a = 1\n', 'bad.tf': 'a=1\n' });
    expect(await fmtCheck(dir, { env: env() })).toEqual({ formatted: false, files: ['bad.tf'] });
  });
});

function makeTempTracked(): string {
  const d = makeTemp('unmodule-tf-');
  temps.push(d);
  return d;
}
