// Address fuzz: instance keys with ", \, ${, %{, ', tab, newline, spaces and UTF-8 go through all
// three ways of moving state — moved blocks (plan + apply), `state mv` argv (migrate --execute) and
// the generated script run by sh — and all three end with the same objects at the same addresses.
import { execFile } from 'node:child_process';
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, init, plan, stateList } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { stateValues, tfIn } from '../migrate/helpers/service.js';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'migrate', 'fixtures', 'odd-keys');
const KEYS = ['a"b', 'c\\d', 'd${x}', 'p%{y}', "q'r", 't\tu', 'n\nl', 's p', 'ü→✓ 日本', 'all " \\ ${ %{ \' \t \n end'];

/** The address terraform prints for a key: HCL string escapes, `${`/`%{` doubled. */
function addr(prefix: string, key: string): string {
  const q = key.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{');
  return `${prefix}["${q}"]`;
}

describe('address fuzz through moved blocks, argv and sh', () => {
  const env = testCliConfig();
  let root: string;
  let applied: string;
  const copy = (name: string) => {
    const d = join(root, name);
    cpSync(applied, d, { recursive: true, verbatimSymlinks: true });
    return d;
  };
  const expected = KEYS.map((k) => addr('terraform_data.kv', k)).sort();

  beforeAll(async () => {
    root = makeTemp('unmodule-fuzz-');
    applied = join(root, 'applied');
    cpSync(FIXTURE, applied, { recursive: true });
    await init(tfIn(applied));
    await apply(tfIn(applied));
  });
  afterAll(() => removeTemp(root));

  it('terraform prints the keys the way the test expects', async () => {
    expect((await stateList(tfIn(applied))).sort()).toEqual(KEYS.map((k) => addr('module.kv.terraform_data.entry', k)).sort());
  });

  it('all three ways end with the same objects at the same addresses, and plan clean', async () => {
    const values = await stateValues(applied);

    // 1. moved blocks: verify judges the plan, apply carries the moves out.
    const moved = copy('moved');
    expect((await runCli(['inline', moved, '--module', 'kv', '--write'], env)).exitCode).toBe(0);
    const v = await runCli(['verify', moved, '--json'], env);
    expect(v.exitCode).toBe(0);
    expect(JSON.parse(v.stdout).verdict.moves).toHaveLength(KEYS.length);
    await apply(tfIn(moved));

    // 2. argv: migrate --execute.
    const argv = copy('argv');
    expect((await runCli(['inline', argv, '--module', 'kv', '--mode', 'state-mv', '--write'], env)).exitCode).toBe(0);
    const m = await runCli(['migrate', argv, '--execute'], env);
    expect(m.stderr).toBe('');
    expect(m.exitCode).toBe(0);

    // 3. the script, run by sh itself.
    const script = copy('script');
    expect((await runCli(['inline', script, '--module', 'kv', '--mode', 'state-mv', '--write'], env)).exitCode).toBe(0);
    const sh = await promisify(execFile)('sh', ['state-mv.sh'], { cwd: script, env: { ...process.env, ...env } });
    expect(sh.stdout).toContain(`moved ${KEYS.length} object(s)`);

    const rename = (vals: Record<string, unknown>) => Object.fromEntries(Object.entries(vals).map(([a, x]) => [a.replace('module.kv.terraform_data.entry', 'terraform_data.kv'), x]));
    for (const dir of [moved, argv, script]) {
      expect((await stateList(tfIn(dir))).sort()).toEqual(expected);
      expect(await stateValues(dir)).toEqual(rename(values));
      expect((await plan(tfIn(dir), { out: join(dir, 'check.tfplan') })).exitCode).toBe(0);
    }
  });
});
