// Which directories a batch (and report, and pin) treats as services: a directory that a service
// under the roots calls by a local source is that service's module, never a service of its own —
// when the caller fails to parse, and when a glob names the module directory itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apply, init } from '../../src/terraform/index.js';
import { copyFixture, makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const MODULE = `variable "name" {
  type = string
}

resource "terraform_data" "this" {
  input = var.name
}
`;

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('batch discovery: modules of services are not services', () => {
  const env = testCliConfig();
  let root: string;

  beforeAll(() => {
    root = makeTemp('unmodule-discovery-');
    write(root, {
      // A service whose main.tf does not parse (the block is never closed); ./m is its module.
      'services/svc5/main.tf': `module "app" {\n  source = "./m"\n  name   = "svc5"\n`,
      'services/svc5/m/main.tf': MODULE,
      // A service that calls a module beside it, which the glob services/* also matches.
      'services/svc1/main.tf': `module "app" {\n  source = "../shared"\n  name   = "svc1"\n}\n`,
      'services/shared/main.tf': MODULE,
      // A module kept in a folder next to the services, but called by nobody under the roots.
      'services/plain/main.tf': `resource "terraform_data" "x" {\n  input = "plain"\n}\n`,
    });
  });
  afterAll(() => removeTemp(root));

  it('a walked module of a service that fails to parse is "skipped: module of svc5", the service itself fails', async () => {
    const r = await runCli(['batch', 'services', '--module', 'app', '--steps', 'inline', '--json'], env, root);
    const results = JSON.parse(r.stdout);
    const by = Object.fromEntries(results.services.map((s: { path: string }) => [s.path, s]));
    expect(Object.keys(by).sort()).toEqual(['services/plain', 'services/svc1', 'services/svc5', 'services/svc5/m']);
    expect(by['services/svc5'].status).toBe('fail');
    expect(by['services/svc5'].reason).toContain('main.tf:');
    expect(by['services/svc5/m']).toMatchObject({ status: 'skip', reason: 'module of services/svc5' });
    expect(by['services/plain']).toMatchObject({ status: 'skip', reason: 'no module call matches "app"' });
    expect(r.exitCode).toBe(3);
  });

  it('a glob that matches a module directory does not make it a service (text output names why)', async () => {
    const r = await runCli(['batch', 'services/*', '--module', 'app', '--steps', 'inline'], env, root);
    expect(r.exitCode).toBe(3);
    const all = r.stdout + r.stderr;
    expect(all).not.toMatch(/services\/shared\b/);
    expect(all).toMatch(/services\/svc5\/m: module of services\/svc5/);
  });
});

describe('report . in a service that keeps its module in a subfolder', () => {
  const env = testCliConfig();
  let dir: string;

  beforeAll(async () => {
    dir = copyFixture('service-beta');
    await init({ cwd: dir, env });
    await apply({ cwd: dir, env });
  });
  afterAll(() => removeTemp(join(dir, '..')));

  it('lists the service alone, not its local module folder (neither as a service nor as skipped)', async () => {
    const r = await runCli(['report', '.', '--module', 'app_config', '--json'], env, dir);
    expect(r.exitCode, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.services.map((s: { path: string }) => s.path)).toEqual(['.']);
    expect(results.services[0]).toMatchObject({ status: 'pass' });
    expect(results.totals).toEqual({ pass: 1, fail: 0, skip: 0, pending: 0 });
    const md = await runCli(['report', '.', '--module', 'app_config'], env, dir);
    expect(md.exitCode, md.stderr).toBe(0);
    expect(md.stdout).not.toMatch(/modules\/config-record\s*\|/);
    expect(md.stdout + md.stderr).not.toContain('module of');
  });
});
