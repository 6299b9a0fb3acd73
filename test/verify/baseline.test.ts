// verify --baseline on real terraform_data state: a change that was pending before the refactor
// (committed at git HEAD, never applied) is reported as pre-existing and does not fail; a change
// the refactor causes does, named with attribute, before/after and the written file:line.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { appliedFixture } from '../migrate/helpers/service.js';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });

describe('verify --baseline', () => {
  const env = testCliConfig();
  let dir: string;
  let original: string;

  beforeAll(async () => {
    dir = await appliedFixture('service-beta');
    // Pending before the refactor: an edit to the consumer that was committed but never applied.
    const main = join(dir, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8').replace('input = "consumes ', 'input = "still consumes '));
    original = `${dir}-before`;
    cpSync(dir, original, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(dir, '.gitignore'), '.terraform/\n*.tfstate*\n');
    git(dir, 'init', '--quiet');
    git(dir, 'add', '.');
    git(dir, 'commit', '--quiet', '-m', 'before the refactor');
    const w = await runCli(['inline', dir, '--module', 'app_config', '--write'], env);
    expect(w.exitCode).toBe(0);
  });
  afterAll(() => removeTemp(join(dir, '..')));

  it('without a baseline the pending change fails the refactor', async () => {
    const r = await runCli(['verify', dir], env);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toMatch(/~ terraform_data\.consumer: input: "consumes [^"]+" → "still consumes [^"]+"  \[main\.tf:\d+\]/);
  });

  it('with the baseline from git HEAD it is pre-existing and the refactor is zero change', async () => {
    const r = await runCli(['verify', dir, '--baseline'], env);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Zero change: 2 resources unchanged, 2 moves \(all expected\)\./);
    expect(r.stdout).toMatch(/Pre-existing, not caused by the refactor \(the config at git HEAD [0-9a-f]{12} plans the same 1 change; not counted\):/);
    expect(r.stdout).toContain('  ~ terraform_data.consumer: input:');
  });

  it('a change the refactor causes still fails, with attribute, before/after and file:line; from --original too', async () => {
    const file = join(dir, 'app_config.tf');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('replicas = 3', 'replicas = 4'));
    const line = text.split('\n').findIndex((l) => l.includes('input = {')) + 1;
    try {
      for (const extra of [[], ['--original', original]]) {
        const r = await runCli(['verify', dir, '--baseline', ...extra, '--json'], env);
        expect(r.exitCode).toBe(2);
        const v = JSON.parse(r.stdout).verdict;
        // The checksum follows the record's output, so it changes too.
        expect(v.changes.map((c: { address: string }) => c.address).sort()).toEqual(['terraform_data.app_config_checksum', 'terraform_data.app_config_this']);
        const changed = v.changes.find((c: { address: string }) => c.address === 'terraform_data.app_config_this');
        expect(changed.attributes.find((a: { path: string }) => a.path === 'input.replicas')).toEqual({ path: 'input.replicas', before: 3, after: 4, origin: `app_config.tf:${line}` });
        expect(v.preExisting.map((c: { address: string }) => c.address)).toEqual(['terraform_data.consumer']);
      }
      const human = await runCli(['verify', dir, '--baseline'], env);
      expect(human.stdout).toContain(`input.replicas: 3 → 4  [app_config.tf:${line}]`);
    } finally {
      writeFileSync(file, text);
    }
  });
});
