// batch --offline asks terraform for provider schemas once per provider set, not once per service:
// `providers schema -json` answers the same for every service with the same terraform binary and
// lock file (for aws: ~14 MB, ~5 s of CPU and ~600 MB of memory each time). Counted through a
// `terraform` on PATH that logs each argv before running the real one.
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { countingTerraform } from '../helpers/counting-terraform.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const REPO = resolve(__dirname, '..', '..');
const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

describe('terraform processes of batch --offline', () => {
  it('three services with the same providers: one `providers schema`, no `version`, and every service passes', async () => {
    const root = makeTemp('unmodule-batch-spawns-');
    temps.push(root);
    for (const name of ['one', 'two', 'three']) {
      mkdirSync(join(root, 'services'), { recursive: true });
      cpSync(join(REPO, 'fixtures', 'service-beta'), join(root, 'services', name), { recursive: true, filter: (p) => !p.includes('.terraform') });
    }
    const counting = countingTerraform();
    temps.push(counting.dir);
    const r = await runCli(['batch', 'services', '--module', 'app_config', '--offline', '--jobs', '2', '--json'], counting.envWith(testCliConfig()), root);
    expect(r.exitCode, r.stderr).toBe(0);
    const services = (JSON.parse(r.stdout) as { services: { status: string; reason?: string; verify?: { zeroChange?: boolean } }[] }).services;
    expect(services.map((s) => [s.status, s.verify?.zeroChange])).toEqual([
      ['pass', true],
      ['pass', true],
      ['pass', true],
    ]);
    const runs = counting.runs();
    expect(runs.filter((a) => a.startsWith('providers schema'))).toEqual(['providers schema -json']);
    expect(runs.filter((a) => a.startsWith('version'))).toEqual([]);
  });
});
