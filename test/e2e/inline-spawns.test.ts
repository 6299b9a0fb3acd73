// Terraform is started only when it can tell unmodule something: a dry run where no state can exist
// starts none (formatting is in process), and one with a real state asks it once, for the state.
// Counted through a `terraform` on PATH that logs each argv before running the real one.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apply, init } from '../../src/terraform/index.js';
import { runCli, snapshot } from '../helpers/cli.js';
import { countingTerraform } from '../helpers/counting-terraform.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

/** An env whose PATH starts with a logging terraform; returns it and a reader of the argv log. */
function countingEnv(): { env: Record<string, string>; runs: () => string[] } {
  const c = countingTerraform();
  temps.push(c.dir);
  return { env: c.envWith(testCliConfig()), runs: c.runs };
}

describe('terraform processes of an inline dry run', () => {
  it('the bundled example (no state, no .terraform): none, and the formatted diff is printed', async () => {
    const dir = copyFixture('service-alpha');
    temps.push(join(dir, '..'));
    const { env, runs } = countingEnv();
    const before = snapshot(dir);
    const r = await runCli(['inline', dir, '--module', 'service_alpha_bucket'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(runs()).toEqual([]);
    // Formatted as terraform fmt would: the `=` of consecutive arguments aligned.
    expect(r.stdout).toMatch(/^\+  bucket        = "service-alpha-data-logs-2025"\n\+  force_destroy = false$/m);
    expect(r.stdout).toContain('the state has no instances under module.service_alpha_bucket yet');
    expect(snapshot(dir)).toEqual(before);
  });

  it('an applied service: one `state list`, and the moves are checked against it', async () => {
    const dir = copyFixture('service-beta');
    temps.push(join(dir, '..'));
    const env = testCliConfig();
    await init({ cwd: dir, env });
    await apply({ cwd: dir, env });
    const counting = countingEnv();
    const r = await runCli(['inline', dir, '--module', 'app_config', '--json'], counting.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(counting.runs()).toEqual(['state list']);
    const notes = (JSON.parse(r.stdout) as { refactor: { notes: { message: string }[] } }).refactor.notes.map((n) => n.message);
    expect(notes.join('\n')).not.toContain('no state inventory');
    expect(notes.join('\n')).not.toContain('has no instances');
  });
});
