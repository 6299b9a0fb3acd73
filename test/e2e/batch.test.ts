// The batch over a generated fleet of 14 services (local, pinned and floating module calls,
// services without the module, a planted sensitive value, a broken one, aws ones): dry run,
// sharded runs merged into one report, and the Markdown report itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { fleetSnapshot, freshFleet, PLANTED_SECRET, readJson } from '../batch/helpers/fleet.js';

describe('batch and report over a generated fleet', () => {
  const env = testCliConfig();
  let root: string;
  let services: string;
  let before: ReturnType<typeof fleetSnapshot>;
  let dry: any;

  beforeAll(async () => {
    ({ root, services } = freshFleet(env));
    before = fleetSnapshot(services);
    const r = await runCli(['batch', 'services', '--module', 'app_config', '--jobs', '2', '--results', 'all.json'], env, root);
    expect(r.exitCode).toBe(3);
    dry = { stdout: r.stdout, stderr: r.stderr, results: readJson(join(root, 'all.json')) };
  });
  afterAll(() => removeTemp(root));

  it('dry run: every service with the module passes a zero-change plan, the others are skipped, the broken one fails, nothing is written', () => {
    const by = Object.fromEntries(dry.results.services.map((s: any) => [s.path.replace('services/', ''), s]));
    expect(Object.keys(by)).toHaveLength(14);
    for (const name of ['svc-01-local', 'svc-04-pinned', 'svc-06-floating', 'svc-10-sensitive', 'svc-12-local']) {
      expect(by[name].status, name).toBe('pass');
      expect(by[name].verify.zeroChange).toBe(true);
      expect(by[name].written).toBe(false);
    }
    expect(by['svc-04-pinned'].inventory).toEqual({ source: 'plan', addresses: ['module.app_config.terraform_data.checksum[0]', 'module.app_config.terraform_data.this[0]'] });
    expect(by['svc-06-floating'].refs[0]).toMatchObject({ status: 'floating', ref: 'main', pinTo: 'v1.0.0' });
    expect(by['svc-04-pinned'].refs[0]).toMatchObject({ status: 'pinned', ref: 'v1.0.0' });
    expect(by['svc-01-local'].refs[0].status).toBe('local');
    for (const name of ['svc-08-plain', 'svc-13-aws']) expect(by[name].status).toBe('skip');
    expect(by['svc-11-broken'].status).toBe('fail');
    expect(by['svc-11-broken'].error).toContain('services/svc-11-broken/main.tf:');
    expect(dry.results.totals).toEqual({ pass: 9, fail: 1, skip: 4, pending: 0 });
    expect(fleetSnapshot(services)).toEqual(before);
    // The final summary table on stdout, plain progress lines on stderr (not a TTY here).
    expect(dry.stdout).toMatch(/^✗ +services\/svc-11-broken /m);
    expect(dry.stdout).toContain('14 service(s): 9 passed, 1 failed, 4 skipped.');
    expect(dry.stderr).toMatch(/^\[\d+\/14\] ✓ services\/svc-01-local: zero change/m);
    expect(dry.stderr).not.toContain('\x1b[');
  });

  it('sharded runs (--shard i/3), merged with report --merge, give the same report as the unsharded run', async () => {
    for (const i of [1, 2, 3]) {
      const r = await runCli(['batch', 'services', '--module', 'app_config', '--shard', `${i}/3`, '--results', `shard-${i}.json`, '--json'], env, root);
      expect([0, 3]).toContain(r.exitCode);
      expect(JSON.parse(r.stdout).planned.length).toBeLessThanOrEqual(5);
    }
    const merged = await runCli(['report', '--merge', 'shard-1.json', 'shard-2.json', 'shard-3.json'], env, root);
    const whole = await runCli(['report', '--merge', 'all.json'], env, root);
    expect(merged.exitCode).toBe(3);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.stdout).toContain('14 service(s): 9 passed, 1 failed, 4 skipped');
  });

  it('report: Markdown with the summary table first, one section per service, diffs folded, to stdout and $GITHUB_STEP_SUMMARY, and no sensitive value', async () => {
    const summaryFile = join(root, 'step-summary.md');
    writeFileSync(summaryFile, '');
    const r = await runCli(['report', 'services', '--module', 'app_config'], { ...env, GITHUB_STEP_SUMMARY: summaryFile }, root);
    expect(r.exitCode).toBe(3);
    const md = r.stdout;
    expect(readFileSync(summaryFile, 'utf8').trim()).toBe(md.trim());
    const table = md.indexOf('|  | Service | Module calls | Refs | Moves | Plan |');
    const firstSection = md.indexOf('\n### ');
    expect(table).toBeGreaterThan(0);
    expect(firstSection).toBeGreaterThan(table);
    expect(md.match(/^### /gm)).toHaveLength(14);
    expect(md).toContain('### ✅ `services/svc-06-floating`');
    expect(md).toContain('### ❌ `services/svc-11-broken`');
    expect(md).toContain('### ⏭️ `services/svc-08-plain`');
    expect(md).toMatch(/<details><summary>Diff \(3 file\(s\)\)<\/summary>\n\n```diff\n--- \/dev\/null\n\+\+\+ b\/app_config.tf/);
    expect(md).toContain('| `module.app_config.terraform_data.this[0]` | `terraform_data.app_config_this` |');
    expect(md).toContain('Zero change: ');
    // The planted value reaches the inline diff as sensitive("...") and the module call's removal.
    const section = md.slice(md.indexOf('`services/svc-10-sensitive`'));
    expect(section).toContain('(sensitive value)');
    expect(md).not.toContain(PLANTED_SECRET);
    expect(readFileSync(join(root, 'all.json'), 'utf8')).not.toContain(PLANTED_SECRET);
    // The same run through report gives the same bytes as the batch's results rendered.
    const fromBatch = await runCli(['report', '--merge', 'all.json'], env, root);
    expect(fromBatch.stdout).toBe(md);
  });
});
