// batch --offline on an aws service (no credentials): the offline verification copies the scratch
// workspace and writes provider overrides into the copy, module directories included. The
// service must come out byte-identical, local modules and all, and the verdict must be zero change.
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, snapshot } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const REPO = resolve(__dirname, '..', '..');

describe('batch --offline on an aws service with a second, legacy local module', () => {
  const env = testCliConfig();
  let root: string;
  let svc: string;

  beforeAll(() => {
    root = makeTemp('unmodule-batch-offline-');
    svc = join(root, 'services', 'alpha');
    cpSync(join(REPO, 'fixtures', 'service-alpha'), svc, { recursive: true, filter: (p) => !p.includes('.terraform') });
    // A module that still configures its own provider (legacy style): offline verification
    // writes its mock-credential override into that module's directory — in its copy only.
    mkdirSync(join(svc, 'modules', 'legacy'));
    writeFileSync(join(svc, 'modules', 'legacy', 'main.tf'), 'provider "aws" {\n  region = "eu-west-1"\n}\n\noutput "region" {\n  value = "eu-west-1"\n}\n');
    writeFileSync(join(svc, 'legacy.tf'), 'module "legacy" {\n  source = "./modules/legacy"\n}\n');
  });
  afterAll(() => removeTemp(root));

  it('passes with a zero-change offline verdict and leaves every file of the service as it was', async () => {
    const before = snapshot(svc);
    const r = await runCli(['batch', 'services', '--module', 'service_alpha_bucket', '--offline', '--json'], env, root);
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout).services[0];
    expect(s.status, s.reason).toBe('pass');
    expect(s.verify).toMatchObject({ mode: 'offline', zeroChange: true });
    expect(s.diff).toContain('+++ b/service_alpha_bucket.tf');
    expect(snapshot(svc)).toEqual(before);
  });

  it('verify --offline on a service whose module directory is a link: the linked directory is left as it was', async () => {
    // The same mechanism without the batch: the offline copy must not write through a link.
    const shared = join(root, 'shared', 'legacy');
    mkdirSync(shared, { recursive: true });
    writeFileSync(join(shared, 'main.tf'), 'provider "aws" {\n  region = "eu-west-1"\n}\n\noutput "region" {\n  value = "eu-west-1"\n}\n');
    const dir = join(root, 'linked', 'alpha');
    cpSync(join(REPO, 'fixtures', 'service-alpha'), dir, { recursive: true, filter: (p) => !p.includes('.terraform') });
    symlinkSync(shared, join(dir, 'modules', 'legacy'), 'dir');
    writeFileSync(join(dir, 'legacy.tf'), 'module "legacy" {\n  source = "./modules/legacy"\n}\n');
    const original = join(root, 'linked', 'alpha-before');
    cpSync(dir, original, { recursive: true, verbatimSymlinks: true });
    const before = snapshot(shared);
    const inline = await runCli(['inline', dir, '--module', 'service_alpha_bucket', '--write'], env, root);
    expect(inline.exitCode, inline.stderr).toBe(0);
    const r = await runCli(['verify', dir, '--offline', '--original', original, '--json'], env, root);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).verdict.zeroChange).toBe(true);
    expect(snapshot(shared)).toEqual(before);
  });
});
