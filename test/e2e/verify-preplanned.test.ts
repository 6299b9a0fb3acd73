// verify --preplanned: plan JSON made elsewhere (here: by terraform directly) is judged the same way
// as unmodule's own plan, and a binary plan file is refused with how to make the JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan, showPlan } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { appliedFixture, tfIn } from '../migrate/helpers/service.js';

describe('verify --preplanned', () => {
  const env = testCliConfig();
  let dir: string;
  const planTo = async (name: string) => {
    const bin = join(dir, '..', `${name}.tfplan`);
    await plan(tfIn(dir), { out: bin });
    const json = join(dir, '..', `${name}.json`);
    writeFileSync(json, JSON.stringify(await showPlan(tfIn(dir), bin)));
    return { bin, json };
  };

  beforeAll(async () => {
    dir = await appliedFixture('service-beta');
    expect((await runCli(['inline', dir, '--module', 'app_config', '--write'], env)).exitCode).toBe(0);
  });
  afterAll(() => removeTemp(join(dir, '..')));

  it('judges a zero-change plan made elsewhere, moves checked against the moved blocks', async () => {
    const { json, bin } = await planTo('clean');
    const r = await runCli(['verify', dir, '--preplanned', json], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Zero change: 3 resources unchanged, 2 moves (all expected).');
    const b = await runCli(['verify', dir, '--preplanned', bin], env);
    expect(b.exitCode).toBe(1);
    expect(b.stderr).toContain('is not plan JSON (a binary plan file?); make one with: terraform plan -out tfplan && terraform show -json tfplan > plan.json');
  });

  it('names the changed attribute with before, after and the written line', async () => {
    const file = join(dir, 'app_config.tf');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('tier       = "backend"', 'tier       = "frontend"'));
    const line = text.split('\n').findIndex((l) => l.includes('input = {')) + 1;
    const { json } = await planTo('changed');
    const r = await runCli(['verify', dir, '--preplanned', json], env);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain(`~ terraform_data.app_config_this (moved from module.app_config.terraform_data.this[0]): input.labels.tier: "backend" → "frontend"  [app_config.tf:${line}]`);
  });
});
