// inline's naming flags, through the built CLI (dry runs: nothing is written).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, snapshot } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

describe('inline --name and --rename', () => {
  const env = testCliConfig();
  const dir = copyFixture('service-beta');
  afterAll(() => removeTemp(join(dir, '..')));

  it('--rename names one resource, --name the rest, and the moves follow', async () => {
    const before = snapshot(dir);
    const r = await runCli(['inline', dir, '--module', 'app_config', '--inventory', 'none', '--name', 'cfg', '--rename', 'terraform_data.this=beta_record', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.refactor.moves).toEqual([
      { from: 'module.app_config.terraform_data.this[0]', to: 'terraform_data.beta_record' },
      { from: 'module.app_config.terraform_data.checksum[0]', to: 'terraform_data.cfg_checksum' },
    ]);
    const file = out.changes.find((c: { path: string }) => c.path === 'cfg.tf');
    expect(file.after).toContain('input = sha256(jsonencode(terraform_data.beta_record.output))');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a rename of a resource the module does not have is refused with the list of what it has', async () => {
    const r = await runCli(['inline', dir, '--module', 'app_config', '--inventory', 'none', '--rename', 'terraform_data.nope=x'], env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('cannot rename terraform_data.nope: the module has no such resource (it has terraform_data.this, terraform_data.checksum, terraform_data.audit)');
  });

  it('a malformed --rename says what it expects', async () => {
    const r = await runCli(['inline', dir, '--module', 'app_config', '--inventory', 'none', '--rename', 'this'], env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('--rename "this": expected TYPE.NAME=NEW');
  });
});
