// batch on a service whose module sits beside it (`source = "../shared"`), and whose module calls
// another one beside that (`../common`): the scratch copy must reach them at the same relative
// place, or the inline fails with "…/shared does not exist". Real init, apply and plan.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, snapshot } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

describe('batch on a service whose module is a sibling directory', () => {
  const env = testCliConfig();
  let root: string;
  const tf = (dir: string, ...args: string[]) => execFileSync('terraform', [...args, '-input=false', '-no-color'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });

  beforeAll(() => {
    root = makeTemp('unmodule-sibling-');
    const file = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    file('common/main.tf', 'variable "tag" {\n  type = string\n}\n\nresource "terraform_data" "tag" {\n  input = var.tag\n}\n');
    file(
      'shared/main.tf',
      'variable "name" {\n  type = string\n}\n\nresource "terraform_data" "this" {\n  input = var.name\n}\n\nmodule "common" {\n  source = "../common"\n  tag    = "${var.name}-tag"\n}\n\noutput "id" {\n  value = terraform_data.this.id\n}\n',
    );
    file('services/svc/main.tf', 'module "shared" {\n  source = "../../shared"\n  name   = "svc"\n}\n\noutput "id" {\n  value = module.shared.id\n}\n');
    tf(join(root, 'services', 'svc'), 'init');
    tf(join(root, 'services', 'svc'), 'apply', '-auto-approve');
  });
  afterAll(() => removeTemp(root));

  it('dry run passes with a zero-change plan and changes nothing; --write leaves a service terraform plans as zero change', async () => {
    const svc = join(root, 'services', 'svc');
    const before = snapshot(svc);
    const dry = await runCli(['batch', 'services/svc', '--module', 'shared', '--json'], env, root);
    expect(dry.exitCode, dry.stdout + dry.stderr).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect(out.services[0]).toMatchObject({ path: 'services/svc', status: 'pass' });
    expect(out.services[0].verify.zeroChange).toBe(true);
    expect(out.services[0].diff).toContain('source = "../../common"');
    expect(snapshot(svc)).toEqual(before);

    const write = await runCli(['batch', 'services/svc', '--module', 'shared', '--write', '--json'], env, root);
    expect(write.exitCode, write.stdout + write.stderr).toBe(0);
    expect(readFileSync(join(svc, 'main.tf'), 'utf8')).not.toContain('module "shared"');
    // The kept nested call is a new root call: the owner's init installs it, then the real plan judges.
    tf(svc, 'init');
    const v = await runCli(['verify', svc, '--json'], env, root);
    expect(v.exitCode, v.stdout + v.stderr).toBe(0);
    expect(JSON.parse(v.stdout).verdict.zeroChange).toBe(true);
  });
});
