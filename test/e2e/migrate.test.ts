// `inline --mode state-mv` + `migrate --execute` on real terraform_data state: the moves land, a
// move failing halfway is rolled back to the backup, a locked state or a missing source is
// refused, and the final state equals what moved blocks + apply leave.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, parseRawState, stateList } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { appliedFixture, backups, cloneApplied, sortResources, stateResources, stateValues, tfIn } from '../migrate/helpers/service.js';

const FAILING_TF = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'migrate', 'helpers', 'failing-terraform.mjs');
const AFTER = ['terraform_data.app_config_checksum', 'terraform_data.app_config_this', 'terraform_data.consumer'];
const BEFORE = ['module.app_config.terraform_data.checksum[0]', 'module.app_config.terraform_data.this[0]', 'terraform_data.consumer'];

describe('state-mv mode on service-beta (real state)', () => {
  const env = testCliConfig();
  let applied: string;
  let n = 0;
  /** A fresh copy of the applied service, inlined in state-mv mode (written, not yet moved). */
  async function inlinedCopy(): Promise<string> {
    const dir = cloneApplied(applied, `sm${++n}`);
    const r = await runCli(['inline', dir, '--module', 'app_config', '--mode', 'state-mv', '--write'], env);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    return dir;
  }

  beforeAll(async () => {
    applied = await appliedFixture('service-beta');
  });
  afterAll(() => removeTemp(join(applied, '..')));

  it('writes the script and the JSON instead of moved.tf', async () => {
    const dir = await inlinedCopy();
    expect(existsSync(join(dir, 'moved.tf'))).toBe(false);
    const script = readFileSync(join(dir, 'state-mv.sh'), 'utf8');
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toContain('set -eu');
    // The backup comes before the first move.
    expect(script.indexOf('state pull')).toBeLessThan(script.indexOf('state mv \''));
    expect(script).toContain(`"$TERRAFORM" state mv 'module.app_config.terraform_data.this[0]' 'terraform_data.app_config_this'`);
    expect(JSON.parse(readFileSync(join(dir, 'state-mv.json'), 'utf8')).moves).toEqual([
      { from: 'module.app_config.terraform_data.checksum[0]', to: 'terraform_data.app_config_checksum' },
      { from: 'module.app_config.terraform_data.this[0]', to: 'terraform_data.app_config_this' },
    ]);
    expect(readFileSync(join(dir, 'app_config.tf'), 'utf8')).toContain('see state-mv.sh for the state moves');
  });

  it('migrate without --execute checks and changes nothing', async () => {
    const dir = await inlinedCopy();
    const before = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    const r = await runCli(['migrate', dir], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Checked only: nothing was changed');
    expect(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).toBe(before);
    expect(backups(dir)).toEqual([]);
  });

  it('migrate --execute moves the real state, plans zero-change and keeps the backup; moved mode ends in the same state', async () => {
    const dir = await inlinedCopy();
    const pre = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    const r = await runCli(['migrate', dir, '--execute', '--json'], env);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.executed).toBe(true);
    expect(out.steps.map((s: { step: string; ok: boolean }) => `${s.step}:${s.ok}`)).toEqual([
      'preflight:true', 'backup:true', 'copy-verify:true', 'move:true', 'move:true', 'plan:true',
    ]);
    expect(out.verdict.zeroChange).toBe(true);
    expect((await stateList(tfIn(dir))).sort()).toEqual(AFTER);
    // The backup is the state as it was (state pull adds a final newline to the file's bytes).
    expect(JSON.parse(readFileSync(out.backup, 'utf8'))).toEqual(JSON.parse(pre));
    const v = await runCli(['verify', dir], env);
    expect(v.exitCode).toBe(0);

    // The same refactor with moved blocks, applied: the objects end up identical.
    const moved = cloneApplied(applied, 'moved');
    const w = await runCli(['inline', moved, '--module', 'app_config', '--write'], env);
    expect(w.exitCode).toBe(0);
    await apply(tfIn(moved));
    expect(await stateValues(moved)).toEqual(await stateValues(dir));
    const strip = (rs: Awaited<ReturnType<typeof stateResources>>) => rs.map((x) => ({ ...x, instances: x.instances.map((i) => ({ ...i, dependencies: undefined })) }));
    expect(strip(await stateResources(moved))).toEqual(strip(await stateResources(dir)));
    // A second run finds nothing left to move.
    const again = await runCli(['migrate', dir, '--execute'], env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Nothing to move');
  });

  it('a move that fails halfway is rolled back: the state equals the backup, which is still there', async () => {
    const dir = await inlinedCopy();
    const failEnv = { ...env, UNMODULE_TEST_FAIL_DIR: dir, UNMODULE_TEST_FAIL_FROM: 'module.app_config.terraform_data.this[0]' };
    const r = await runCli(['migrate', dir, '--execute', '--terraform-bin', FAILING_TF], failEnv);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('terraform state mv failed on move 2 of 2 (module.app_config.terraform_data.this[0] → terraform_data.app_config_this) after 1 succeeded');
    expect(r.stderr).toContain('The state was rolled back');
    const [backup] = backups(dir);
    expect(backup).toBeDefined();
    expect(r.stderr).toContain(`Backup of the state before any move: ${join(dir, backup!)}`);
    const saved = parseRawState(readFileSync(join(dir, backup!), 'utf8'));
    expect(await stateResources(dir)).toEqual(sortResources(saved.resources));
    expect((await stateList(tfIn(dir))).sort()).toEqual(BEFORE);
  });

  it('refuses a locked state and changes nothing', async () => {
    const dir = await inlinedCopy();
    const before = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    // `terraform console` holds the state lock for as long as its stdin stays open.
    const holder = spawn('terraform', ['console'], { cwd: dir, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      await waitForLock(dir);
      const r = await runCli(['migrate', dir, '--execute'], env);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('the state is locked by another terraform run');
      expect(r.stderr).toContain('Nothing was changed.');
    } finally {
      holder.stdin.end();
      holder.kill();
    }
    expect(backups(dir)).toEqual([]);
    expect(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).toBe(before);
  });

  it('refuses moves whose source is not in state', async () => {
    const dir = await inlinedCopy();
    const file = join(dir, 'state-mv.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.moves.push({ from: 'module.app_config.terraform_data.audit[0]', to: 'terraform_data.app_config_audit' });
    writeFileSync(file, JSON.stringify(json));
    const r = await runCli(['migrate', dir, '--execute'], env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("these moves' sources are missing from the state");
    expect(r.stderr).toContain('terraform_data.app_config_audit: none of module.app_config.terraform_data.audit[0] is in state');
    expect(backups(dir)).toEqual([]);
    expect((await stateList(tfIn(dir))).sort()).toEqual(BEFORE);
  });
});

// The lock file appears once console has taken the lock.
async function waitForLock(dir: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (existsSync(join(dir, '.terraform.tfstate.lock.info'))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('terraform console never took the state lock');
}
