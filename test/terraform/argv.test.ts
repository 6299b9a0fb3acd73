import { afterEach, describe, expect, it } from 'vitest';
import { applyArgs } from '../../src/terraform/apply.js';
import { initArgs } from '../../src/terraform/init.js';
import { planArgs } from '../../src/terraform/plan.js';
import { resolveTerraformBin, terraformEnv, withNoColor } from '../../src/terraform/runner.js';
import { stateMvArgs, statePushArgs } from '../../src/terraform/state.js';

describe('resolveTerraformBin', () => {
  const saved = process.env.UNMODULE_TERRAFORM_BIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.UNMODULE_TERRAFORM_BIN;
    else process.env.UNMODULE_TERRAFORM_BIN = saved;
  });

  it('prefers the flag, then UNMODULE_TERRAFORM_BIN, then terraform', () => {
    process.env.UNMODULE_TERRAFORM_BIN = 'tofu';
    expect(resolveTerraformBin('/usr/local/bin/terraform')).toBe('/usr/local/bin/terraform');
    expect(resolveTerraformBin()).toBe('tofu');
    delete process.env.UNMODULE_TERRAFORM_BIN;
    expect(resolveTerraformBin()).toBe('terraform');
    expect(resolveTerraformBin('')).toBe('terraform');
  });
});

describe('withNoColor', () => {
  it('adds -no-color right after verbs that accept it, once', () => {
    expect(withNoColor(['show', '-json', 'p.tfplan'])).toEqual(['show', '-no-color', '-json', 'p.tfplan']);
    expect(withNoColor(['plan', '-no-color'])).toEqual(['plan', '-no-color']);
  });

  it('leaves verbs that reject it alone', () => {
    expect(withNoColor(['state', 'list'])).toEqual(['state', 'list']);
    expect(withNoColor(['providers', 'schema', '-json'])).toEqual(['providers', 'schema', '-json']);
    expect(withNoColor(['version', '-json'])).toEqual(['version', '-json']);
  });
});

describe('terraformEnv', () => {
  it('always sets automation variables and lets undefined remove a variable', () => {
    process.env.UNMODULE_TEST_VAR = 'x';
    const env = terraformEnv({ UNMODULE_TEST_VAR: undefined, AWS_ACCESS_KEY_ID: 'mock' });
    delete process.env.UNMODULE_TEST_VAR;
    expect(env.TF_IN_AUTOMATION).toBe('1');
    expect(env.TF_INPUT).toBe('0');
    expect(env.AWS_ACCESS_KEY_ID).toBe('mock');
    expect('UNMODULE_TEST_VAR' in env).toBe(false);
  });
});

describe('verb argv', () => {
  it('init', () => {
    expect(initArgs()).toEqual(['init', '-input=false', '-no-color', '-json']);
    expect(initArgs({ backend: false, pluginDir: '/p', reconfigure: true })).toEqual([
      'init',
      '-input=false',
      '-no-color',
      '-json',
      '-backend=false',
      '-plugin-dir=/p',
      '-reconfigure',
    ]);
  });

  it('plan', () => {
    expect(planArgs({ out: '/t/x.tfplan' })).toEqual(['plan', '-input=false', '-no-color', '-out', '/t/x.tfplan', '-detailed-exitcode']);
    expect(planArgs({ out: 'p', refresh: false, lock: false, varFiles: ['a.tfvars'], vars: { region: 'eu-west-1' } })).toEqual([
      'plan',
      '-input=false',
      '-no-color',
      '-out',
      'p',
      '-detailed-exitcode',
      '-refresh=false',
      '-lock=false',
      '-var-file=a.tfvars',
      '-var',
      'region=eu-west-1',
    ]);
  });

  it('state mv passes addresses verbatim as single argv entries', () => {
    const from = 'module.x.aws_s3_bucket.this["a b"]';
    const to = 'aws_s3_bucket.k["q\\"t"]';
    expect(stateMvArgs(from, to)).toEqual(['state', 'mv', from, to]);
    expect(stateMvArgs('a.b', 'a.c', { dryRun: true, lock: false })).toEqual(['state', 'mv', '-dry-run', '-lock=false', 'a.b', 'a.c']);
  });

  it('state push only forces when asked', () => {
    expect(statePushArgs('s.tfstate')).toEqual(['state', 'push', 's.tfstate']);
    expect(statePushArgs('s.tfstate', { force: true })).toEqual(['state', 'push', '-force', 's.tfstate']);
  });

  it('apply', () => {
    expect(applyArgs()).toEqual(['apply', '-input=false', '-no-color', '-auto-approve']);
    expect(applyArgs({ planFile: 'p.tfplan', refresh: false })).toEqual(['apply', '-input=false', '-no-color', '-auto-approve', '-refresh=false', 'p.tfplan']);
  });
});
