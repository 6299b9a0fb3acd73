// batch --write over the generated fleet, then terraform's own plan in each written service; and a
// run killed midway, resumed from its results file.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModule } from '../../src/config/load.js';
import { declaredMoves } from '../../src/config/moved.js';
import { verifyInPlace } from '../../src/verify/online.js';
import { runCli } from '../helpers/cli.js';
import { removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { fleetSnapshot, freshFleet, readJson } from '../batch/helpers/fleet.js';

const BIN = resolve(__dirname, '..', '..', 'bin', 'run.js');

describe('batch --write and --resume over a generated fleet', () => {
  const env = testCliConfig();
  let root: string;
  let services: string;

  beforeAll(() => {
    ({ root, services } = freshFleet(env));
  });
  afterAll(() => removeTemp(root));

  it('a run killed midway resumes from its results file: finished directories are not run again', async () => {
    const results = join(root, 'resume.json');
    const child = spawn(process.execPath, [BIN, 'batch', 'services', '--module', 'app_config', '--jobs', '1', '--results', results], { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
    // Kill once three directories are recorded (the file is replaced atomically, so it always parses).
    await new Promise<void>((done, failed) => {
      const timer = setInterval(() => {
        if (!existsSync(results)) return;
        if (readJson(results).services.length >= 3) {
          clearInterval(timer);
          child.kill('SIGKILL');
          done();
        }
      }, 50);
      child.on('exit', () => {
        clearInterval(timer);
        failed(new Error('the batch finished before it could be interrupted'));
      });
    });
    const partial = readJson(results);
    expect(partial.totals.pending).toBeGreaterThan(0);
    const finishedBefore = partial.services.filter((s: any) => s.status !== 'fail');

    const r = await runCli(['batch', 'services', '--module', 'app_config', '--jobs', '2', '--results', results, '--resume', '--json'], env, root);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`${finishedBefore.length} already done (resumed)`);
    const out = JSON.parse(r.stdout);
    expect(out.services).toHaveLength(14);
    expect(out.totals).toEqual({ pass: 9, fail: 1, skip: 4, pending: 0 });
    // The resumed ones are the very same records (same timings): they were not run again.
    for (const s of finishedBefore) expect(out.services.find((x: any) => x.path === s.path)).toEqual(s);
    // Resuming with other settings is refused rather than mixing two runs in one file.
    const other = await runCli(['batch', 'services', '--module', 'app_config', '--steps', 'pin', '--results', results, '--resume'], env, root);
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toContain('different settings');
  });

  it('--write writes the services where every step held, and their real plans are zero change', async () => {
    const before = fleetSnapshot(services);
    const r = await runCli(['batch', 'services', '--module', 'app_config', '--write', '--jobs', '2', '--json'], env, root);
    expect(r.exitCode).toBe(3);
    const out = JSON.parse(r.stdout);
    const written = out.services.filter((s: any) => s.written).map((s: any) => s.path.replace('services/', ''));
    expect(written.sort()).toEqual(['svc-01-local', 'svc-02-local', 'svc-03-local', 'svc-04-pinned', 'svc-05-pinned', 'svc-06-floating', 'svc-07-floating', 'svc-10-sensitive', 'svc-12-local']);
    const after = fleetSnapshot(services);
    for (const name of ['svc-08-plain', 'svc-11-broken', 'svc-13-aws']) expect(after[name], name).toEqual(before[name]);
    for (const name of written) {
      const dir = join(services, name);
      expect(readFileSync(join(dir, 'main.tf'), 'utf8')).not.toContain('module "app_config"');
      expect(readFileSync(join(dir, 'app_config.tf'), 'utf8')).toContain('resource "terraform_data" "app_config_this"');
      const verdict = await verifyInPlace(dir, { env }, declaredMoves(await loadModule(dir)));
      expect(verdict.zeroChange, name).toBe(true);
      expect(verdict.moves.length).toBeGreaterThanOrEqual(2);
    }
    // A second run finds nothing left to inline. The local module copies the written services no
    // longer call are found as directories of their own now, and skipped like the rest.
    const again = JSON.parse((await runCli(['batch', 'services', '--module', 'app_config', '--json'], env, root)).stdout);
    expect(again.totals).toMatchObject({ pass: 0, fail: 1, pending: 0 });
    expect(again.services.filter((s: any) => s.status === 'skip').map((s: any) => s.reason)).toEqual(Array(again.totals.skip).fill('no module call matches "app_config"'));
  });
});
