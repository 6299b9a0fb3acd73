// --terraform-bin as a person types it: a path relative to where they run unmodule (terraform
// itself runs in the service directory, so the path must not be read from there).
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const env = testCliConfig();
const dir = copyFixture('service-beta');
const top = dirname(dir);
afterAll(() => removeTemp(top));

it('a relative --terraform-bin path is read from the current directory, not the service', async () => {
  execFileSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env: { ...process.env, ...env }, stdio: 'pipe' });
  const terraform = execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim();
  symlinkSync(terraform, join(top, 'tf'));
  const r = await runCli(['inventory', 'service-beta', '--from-plan', '--terraform-bin', './tf'], env, top);
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stdout).toContain('module.app_config.terraform_data.this[0]');
});
