// A fleet whose services were applied but never initialised here (no .terraform, as on a fresh
// checkout): the dry run must not init or write anything in them, remote modules come from one
// install per source, and what --write leaves behind plans zero change once the owner inits.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { fleetSnapshot, readJson } from '../batch/helpers/fleet.js';
import { makeTemp } from '../helpers/terraform-env.js';
// @ts-expect-error plain JS shared with the benchmark
import { makeFleet } from '../../scripts/bench/fleet.js';

const FLEET = [
  ['svc-01-local', 'local'],
  ['svc-02-pinned', 'pinned'],
  ['svc-03-floating', 'floating'],
  ['svc-04-pinned', 'pinned'],
  ['svc-05-floating', 'floating'],
  ['svc-06-local', 'local'],
];

describe('batch over services that were never initialised here', () => {
  const env = testCliConfig();
  let root: string;
  let services: string;

  beforeAll(() => {
    root = makeTemp('unmodule-fleet-');
    ({ servicesDir: services } = makeFleet(root, FLEET, env));
    for (const [name] of FLEET) rmSync(join(services, name, '.terraform'), { recursive: true, force: true });
  });
  afterAll(() => removeTemp(root));

  it('dry run: every service passes a zero-change plan, and no service gains a .terraform or any other change', async () => {
    const before = fleetSnapshot(services);
    const r = await runCli(['batch', 'services', '--module', 'app_config', '--jobs', '2', '--results', 'dry.json'], env, root);
    expect(r.exitCode, r.stderr).toBe(0);
    const results = readJson(join(root, 'dry.json'));
    expect(results.totals).toEqual({ pass: 6, fail: 0, skip: 0, pending: 0 });
    for (const s of results.services) expect(s.verify.zeroChange, s.path).toBe(true);
    const floating = results.services.find((s: any) => s.path === 'services/svc-03-floating');
    expect(floating.refs[0]).toMatchObject({ status: 'floating', ref: 'main', pinTo: 'v1.0.0' });
    expect(floating.refs[0].notes.join(' ')).toContain('not initialised here');
    for (const [name] of FLEET) expect(existsSync(join(services, name, '.terraform')), name).toBe(false);
    expect(fleetSnapshot(services)).toEqual(before);
  });

  it('--write: the written files are terraform fmt clean, and after terraform init the real plan is zero change', async () => {
    const r = await runCli(['batch', 'services', '--module', 'app_config', '--jobs', '2', '--write', '--json'], env, root);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.services.every((s: any) => s.written)).toBe(true);
    const tf = (dir: string, ...args: string[]) => execFileSync('terraform', args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
    for (const [name] of FLEET) {
      const dir = join(services, name);
      // fmt -check exits 3 when a file is not formatted: execFileSync throws then.
      tf(dir, 'fmt', '-check', '-no-color');
      tf(dir, 'init', '-input=false', '-no-color');
      const v = await runCli(['verify', dir, '--json'], env, root);
      expect(v.exitCode, `${name}: ${v.stdout}${v.stderr}`).toBe(0);
      expect(JSON.parse(v.stdout).verdict.zeroChange).toBe(true);
    }
  });
});
