// `unmodule tidy` for real: service-beta (terraform_data) applied in two workspaces, inlined with
// moved blocks, then applied in one workspace, then in both. Real terraform throughout.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, init, plan, runTerraform, stateList } from '../../src/terraform/index.js';
import { runCli, snapshot } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

describe('tidy after apply, with two workspaces (terraform_data, real state)', () => {
  let dir: string;
  const env = testCliConfig();
  const tf = (workspace?: string) => ({ cwd: dir, env: { ...env, ...(workspace ? { TF_WORKSPACE: workspace } : {}) } });

  beforeAll(async () => {
    dir = copyFixture('service-beta');
    await init(tf());
    await runTerraform(['workspace', 'new', 'staging'], tf());
    await runTerraform(['workspace', 'select', 'default'], tf());
    await apply(tf('default'));
    await apply(tf('staging'));
    const w = await runCli(['inline', dir, '--module', 'app_config', '--write'], env);
    expect(w.stderr).toBe('');
    expect(w.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'moved.tf'), 'utf8')).toContain('from = module.app_config.terraform_data.this[0]');
  });
  afterAll(() => removeTemp(join(dir, '..')));

  it('removes nothing while one workspace is unapplied, and names it', async () => {
    await apply(tf('default'));
    expect((await stateList(tf('default'))).some((a) => a.startsWith('module.'))).toBe(false);
    const before = snapshot(dir);
    const r = await runCli(['tidy', dir, '--write'], env);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('workspace "staging" still holds old addresses');
    expect(r.stdout).toContain('module.app_config.terraform_data.this[0]');
    expect(r.stdout).toMatch(/Nothing removed in .*Apply there first: TF_WORKSPACE=staging terraform -chdir=.* apply/);
    expect(r.stdout).not.toContain('workspace "default" still holds');
    expect(snapshot(dir)).toEqual(before);

    const j = await runCli(['tidy', dir, '--json'], env);
    const json = JSON.parse(j.stdout);
    expect(json.ready).toBe(false);
    expect(json.services[0].pending.map((p: { name: string }) => p.name)).toEqual(['workspace "staging"']);
    expect(json.services[0].remove).toEqual([]);
    expect(json.obsoleteModules).toEqual([]);
    expect(json.waitingModules).toEqual([expect.objectContaining({ dir: expect.stringMatching(/modules\/config-record$/) })]);
  });

  it('once both are applied: a dry run shows what goes, --write removes the moved blocks and the module, and both workspaces plan zero-change', async () => {
    await apply(tf('staging'));
    const before = snapshot(dir);
    const dry = await runCli(['tidy', dir, '--json'], env);
    expect(dry.exitCode).toBe(0);
    const plan1 = JSON.parse(dry.stdout);
    expect(plan1.ready).toBe(true);
    expect(plan1.services[0].remove.map((m: { from: string }) => m.from).sort()).toEqual(
      plan1.services[0].moved.map((m: { from: string }) => m.from).sort(),
    );
    expect(plan1.services[0].moved.length).toBeGreaterThan(0);
    expect(plan1.services[0].files).toEqual([expect.objectContaining({ path: 'moved.tf', deleted: true })]);
    expect(plan1.obsoleteModules).toEqual([expect.objectContaining({ dir: expect.stringMatching(/modules\/config-record$/) })]);
    expect(snapshot(dir)).toEqual(before);

    const w = await runCli(['tidy', dir, '--write'], env);
    expect(w.stderr).toBe('');
    expect(w.exitCode).toBe(0);
    expect(w.stdout).toMatch(/moved blocks? removed/);
    expect(existsSync(join(dir, 'moved.tf'))).toBe(false);
    expect(existsSync(join(dir, 'modules', 'config-record'))).toBe(false);
    expect(existsSync(join(dir, 'app_config.tf'))).toBe(true);

    for (const ws of ['default', 'staging']) {
      const p = await plan(tf(ws), { out: join(dir, '..', `${ws}.tfplan`) });
      expect(p.exitCode, `plan in workspace ${ws}`).toBe(0);
    }
    const again = await runCli(['tidy', dir], env);
    expect(again.stdout).toContain('no moved blocks');
    expect(again.stdout).toContain('Nothing to tidy.');
  });
});
