// Bad input gets a clear error, exit 1, and writes nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, snapshot } from '../helpers/cli.js';
import { copyFixture, makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const env = testCliConfig();
const temps: string[] = [];
const fixture = (name: string) => {
  const d = copyFixture(name);
  temps.push(join(d, '..'));
  return d;
};
afterEach(() => temps.splice(0).forEach(removeTemp));

async function expectRefusal(dir: string, args: string[], message: RegExp) {
  const before = snapshot(dir);
  const r = await runCli(args, env);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(snapshot(dir)).toEqual(before);
  return r;
}

describe('inline refuses bad input, names the place, writes nothing', () => {
  it('unknown module name lists the calls that exist', async () => {
    const dir = fixture('service-alpha');
    await expectRefusal(dir, ['inline', dir, '--module', 'nope', '--write', '--inventory', 'none'], /no module call named "nope".*the calls here are: service_alpha_bucket/s);
  });

  it('a directory without .tf files', async () => {
    const dir = makeTemp();
    temps.push(dir);
    writeFileSync(join(dir, 'README.md'), 'not terraform');
    await expectRefusal(dir, ['inline', dir, '--module', 'x', '--write', '--inventory', 'none'], /no \.tf files here/);
  });

  it('an HCL syntax error names file:line', async () => {
    const dir = fixture('service-alpha');
    writeFileSync(join(dir, 'broken.tf'), 'resource "aws_s3_bucket" "x" {\n  bucket = = "a"\n}\n');
    await expectRefusal(dir, ['inline', dir, '--module', 'service_alpha_bucket', '--write', '--inventory', 'none'], /broken\.tf:2:\d+: HCL syntax error/);
  });

  it('a module source that does not exist', async () => {
    const dir = fixture('service-alpha');
    const main = join(dir, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8').replace('./modules/private-bucket', './modules/gone'));
    await expectRefusal(dir, ['inline', dir, '--module', 'service_alpha_bucket', '--write', '--inventory', 'none'], /main\.tf:\d+: module "service_alpha_bucket" has source "\.\/modules\/gone", but .* does not exist/);
  });

  it('a new name that collides with an existing resource suggests --name', async () => {
    const dir = fixture('service-alpha');
    writeFileSync(join(dir, 'extra.tf'), 'resource "aws_s3_bucket" "service_alpha_bucket" {\n  bucket = "other"\n}\n');
    await expectRefusal(dir, ['inline', dir, '--module', 'service_alpha_bucket', '--write', '--inventory', 'none'], /aws_s3_bucket\.service_alpha_bucket is already used by the root \(.*extra\.tf:1\).*--name/s);
  });

  it('a missing terraform binary says how to fix it', async () => {
    const dir = fixture('service-beta');
    // Initialised, so that verify reaches terraform (a directory never initialised is refused first).
    execFileSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env: { ...process.env, ...env }, stdio: 'pipe' });
    await expectRefusal(dir, ['verify', dir, '--terraform-bin', '/nonexistent/terraform'], /terraform binary '\/nonexistent\/terraform' not found.*--terraform-bin/s);
  });

  it('a required module input that is not set', async () => {
    const dir = fixture('service-beta');
    const main = join(dir, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8').replace('  name     = "beta"\n', ''));
    mkdirSync(join(dir, 'x'), { recursive: true });
    await expectRefusal(dir, ['inline', dir, '--module', 'app_config', '--write', '--inventory', 'none'], /main\.tf:\d+: module "app_config" does not set the required input "name"/);
  });
});
