// `unmodule verify DIR` starts its plan before the CLI loads (src/terraform/prestart.ts). These
// check, on a real applied service, that the verdict comes from that very run, that a plan which
// cannot be used is stopped and planned again, and that a failing verify leaves no plan running.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const REPO = resolve(__dirname, '..', '..');

describe('verify starts its plan before the CLI loads', () => {
  const env = testCliConfig();
  let root: string;
  let dir: string;
  const tf = (...args: string[]) => execFileSync('terraform', args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });

  beforeAll(async () => {
    root = makeTemp('unmodule-prestart-');
    dir = join(root, 'service-beta');
    cpSync(join(REPO, 'fixtures', 'service-beta'), dir, { recursive: true, filter: (p) => !p.includes('.terraform') });
    tf('init', '-input=false', '-no-color');
    tf('apply', '-input=false', '-no-color', '-auto-approve');
    const r = await runCli(['inline', dir, '--module', 'app_config', '--write'], env, root);
    expect(r.exitCode, r.stderr).toBe(0);
  });
  afterAll(() => removeTemp(root));

  it('the verdict is judged from the plan started before the CLI loaded, and is zero change', async () => {
    const r = await runCli(['verify', dir, '--json'], { ...env, DEBUG: 'unmodule:terraform' }, root);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).verdict.zeroChange).toBe(true);
    expect(r.stderr).toMatch(/run \[[^\]]*'plan'[^\]]*\] in \S+ \(started before the CLI loaded\)/);
    // One plan in all: the runner never started a second one.
    expect(r.stderr.match(/ run \[/g)).toHaveLength(1);
  });

  it('a plan that cannot be used (a module call not installed yet) is stopped, the module installed, and the service planned again', async () => {
    mkdirSync(join(dir, 'extra'));
    writeFileSync(join(dir, 'extra', 'main.tf'), 'output "answer" {\n  value = 42\n}\n');
    writeFileSync(join(dir, 'extra.tf'), 'module "extra" {\n  source = "./extra"\n}\n');
    const r = await runCli(['verify', dir], { ...env, DEBUG: 'unmodule:terraform' }, root);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Installed module(s) the refactor added: extra (terraform get).');
    expect(r.stdout).toContain('Zero change');
    expect(r.stderr).toMatch(/run \[[^\]]*'get'/);
    // The plan that judged it is a new one, started after the modules were installed.
    expect(r.stderr).toMatch(/'get'[\s\S]*run \[[^\]]*'plan'[^\]]*\] in \S+\n/);
  });

  it('a verify that fails before planning leaves no plan holding the state lock', async () => {
    writeFileSync(join(dir, 'broken.tf'), 'resource "terraform_data" "x" {\n');
    const r = await runCli(['verify', dir], env, root);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('broken.tf');
    rmSync(join(dir, 'broken.tf'));
    // -lock-timeout=0s: a plan still holding the state lock would make this one fail at once.
    const out = tf('plan', '-input=false', '-no-color', '-lock-timeout=0s');
    expect(out).toMatch(/Plan: 0 to add, 0 to change, 0 to destroy|No changes/);
  });
});
