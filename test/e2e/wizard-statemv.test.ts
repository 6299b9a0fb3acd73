// The wizard's state-mv path against a real applied state: the moves are checked on a copy
// (nothing real moves), then `unmodule migrate --execute` moves the real state.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, init, plan, stateList } from '../../src/terraform/index.js';
import { defaultCore, runWizard } from '../../src/wizard/index.js';
import { lineSpinner } from '../../src/wizard/spinner.js';
import { runCli } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { DEFAULT, scripted, type Answer } from '../wizard/scripted.js';

describe('wizard, state mv mode, real state', () => {
  const env = testCliConfig();
  let dir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    dir = copyFixture('service-beta');
    await init({ cwd: dir, env });
    await apply({ cwd: dir, env });
    Object.assign(process.env, env); // the wizard's core runs terraform with the process env
  });
  afterAll(() => {
    process.env = saved;
    removeTemp(join(dir, '..'));
  });

  it('checks the moves on a copy, leaves the real state alone, and migrate --execute then moves it', async () => {
    const answers: Answer[] = [
      [/^Service directory/, DEFAULT],
      [/Which module call/, DEFAULT],
      [/^New name for terraform_data\.this /, DEFAULT],
      [/^New name for terraform_data\.checksum /, DEFAULT],
      [/How should Terraform learn the new addresses/, 'state-mv'],
      [/^Write 4 file change\(s\) in \.\?/, true],
    ];
    const lines: string[] = [];
    const out = (t: string) => lines.push(t);
    const { prompts } = scripted(answers);
    const result = await runWizard({ prompts, core: defaultCore(), out, spin: lineSpinner(out) }, { cwd: dir });
    const text = lines.join('\n');
    expect(result.outcome, text).toBe('verified');
    expect(text).toMatch(/✔ copy-verify: on a copy of the state: Zero change/);
    expect(existsSync(join(dir, 'state-mv.sh'))).toBe(true);
    // The check ran on a copy: the real state still has the module addresses.
    expect((await stateList({ cwd: dir, env })).sort()).toEqual([
      'module.app_config.terraform_data.checksum[0]',
      'module.app_config.terraform_data.this[0]',
      'terraform_data.consumer',
    ]);

    const m = await runCli(['migrate', dir, '--execute'], env);
    expect(m.exitCode, m.stderr).toBe(0);
    expect((await stateList({ cwd: dir, env })).sort()).toEqual(['terraform_data.app_config_checksum', 'terraform_data.app_config_this', 'terraform_data.consumer']);
    expect((await plan({ cwd: dir, env }, { out: join(dir, '..', 'after.tfplan') })).exitCode).toBe(0);
  });
});
