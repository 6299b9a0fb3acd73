// Inlining all the way down, one round after another: a module whose nested call has for_each
// over a map of objects (hoisted under a name the root already uses), a count below it, and a
// resource-less naming module under count. Each round inlines a call the previous round hoisted;
// the real plan after each round is zero-change against the state applied before the first, and
// terraform's own apply + plan at the end find nothing to do.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, fmtCheck, init, plan, stateList } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { CORPUS_DIR } from '../corpus/cases.js';

describe('inline in rounds (terraform_data): every hoisted call inlined in turn, zero change each time', () => {
  let tmp: string;
  let dir: string;
  const env = testCliConfig();
  const tf = () => ({ cwd: dir, env });

  beforeAll(async () => {
    tmp = makeTemp('unmodule-rounds-');
    dir = join(tmp, 'service');
    cpSync(join(CORPUS_DIR, 'nested-for-each-collision', 'input'), dir, { recursive: true });
    await init(tf());
    await apply(tf());
  }, 300_000);
  afterAll(() => removeTemp(tmp));

  const rounds = ['platform', 'platform_service_2', 'platform_service_2_api_labels', 'platform_service_2_web_labels'];
  for (const [i, call] of rounds.entries()) {
    it(`round ${i + 1}: inline ${call}, verify zero-change against the original state`, { timeout: 300_000 }, async () => {
      const w = await runCli(['inline', dir, '--module', call, '--write'], env);
      expect(w.exitCode, `${w.stdout}${w.stderr}`).toBe(0);
      expect((await fmtCheck(dir, { env })).files).toEqual([]);
      const v = await runCli(['verify', dir, '--json'], env);
      expect(v.exitCode, `${v.stdout}${v.stderr}`).toBe(0);
      expect(JSON.parse(v.stdout).verdict.zeroChange).toBe(true);
    });
  }

  it('ends with plain resources only (the legacy call untouched), and terraform applies nothing new', { timeout: 300_000 }, async () => {
    const main = readFileSync(join(dir, 'main.tf'), 'utf8');
    expect(main).toContain('module "platform_service" {');
    const all = ['main.tf', 'platform.tf', 'platform_service_2.tf'].map((f) => readFileSync(join(dir, f), 'utf8').replace(/^#.*$/gm, '')).join('\n');
    expect(all.match(/^module "/gm)).toHaveLength(1);
    expect(all).not.toMatch(/each\.|module\.platform_service_2/);
    // The moved blocks stay addresses through every round (never rewritten into values).
    const moved = readFileSync(join(dir, 'moved.tf'), 'utf8');
    for (const m of moved.matchAll(/^\s*(from|to)\s*=\s*(.*)$/gm)) expect(m[2]).toMatch(/^(module|terraform_data)\.[\w"[\].-]+$/);
    await apply(tf());
    const state = await stateList(tf());
    expect(state.filter((a) => a.startsWith('module.') && !a.startsWith('module.platform_service.'))).toEqual([]);
    const again = await plan(tf(), { out: join(tmp, 'again.tfplan') });
    expect(again.exitCode, again.stdout).toBe(0);
  });
});
