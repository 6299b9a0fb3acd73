// The terraform_data fixture, for real: apply the module version, inline with --write, and let
// terraform's own plan (and then apply) prove nothing changes but the addresses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, fmtCheck, init, plan, stateList } from '../../src/terraform/index.js';
import { runCli, snapshot } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

describe('service-beta (terraform_data): real apply, inline --write, zero-change plan', () => {
  let dir: string;
  const env = testCliConfig();
  const tf = () => ({ cwd: dir, env });

  beforeAll(async () => {
    dir = copyFixture('service-beta');
    await init(tf());
    await apply(tf());
  });
  afterAll(() => removeTemp(join(dir, '..')));

  it('inventory lists the instances the module manages, from the real state', async () => {
    const r = await runCli(['inventory', dir, '--json'], env);
    expect(r.exitCode).toBe(0);
    const inv = JSON.parse(r.stdout);
    expect(inv.source).toBe('state');
    expect(inv.calls[0].name).toBe('app_config');
    expect(inv.calls[0].instances.sort()).toEqual(['module.app_config.terraform_data.checksum[0]', 'module.app_config.terraform_data.this[0]']);
  });

  it('a dry run prints the diff and the moves and leaves every file byte-identical', async () => {
    const before = snapshot(dir);
    const r = await runCli(['inline', dir, '--module', 'app_config'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('+resource "terraform_data" "app_config_this" {');
    expect(r.stdout).toMatch(/^module\.app_config\.terraform_data\.this\[0\] +terraform_data\.app_config_this$/m);
    expect(r.stdout).toContain('Dry run: nothing was written');
    expect(snapshot(dir)).toEqual(before);
  });

  it('inline --write produces plain, formatted HCL and verify judges the real plan zero-change', async () => {
    const w = await runCli(['inline', dir, '--module', 'app_config', '--write'], env);
    expect(w.stderr).toBe('');
    expect(w.exitCode).toBe(0);

    const written = readFileSync(join(dir, 'app_config.tf'), 'utf8');
    expect(written).not.toMatch(/\bvar\./);
    expect(written).not.toMatch(/\blocal\./);
    expect(written).not.toMatch(/\bcount\b/);
    expect(written).not.toContain('[0]');
    expect(written).toContain('replicas = 3');
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).not.toContain('module "app_config"');
    expect((await fmtCheck(dir, { env })).files).toEqual([]);

    const v = await runCli(['verify', dir, '--json'], env);
    expect(v.exitCode).toBe(0);
    const verdict = JSON.parse(v.stdout).verdict;
    expect(verdict.zeroChange).toBe(true);
    expect(verdict.moves.map((m: { from: string; expected: boolean }) => [m.from, m.expected]).sort()).toEqual([
      ['module.app_config.terraform_data.checksum[0]', true],
      ['module.app_config.terraform_data.this[0]', true],
    ]);

    // And terraform agrees on its own: applying the moves then planning again finds nothing to do.
    await apply(tf());
    expect((await stateList(tf())).sort()).toEqual(['terraform_data.app_config_checksum', 'terraform_data.app_config_this', 'terraform_data.consumer']);
    const again = await plan(tf(), { out: join(dir, '..', 'again.tfplan') });
    expect(again.exitCode).toBe(0);
  });
});
