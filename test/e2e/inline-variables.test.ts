// inline --var / --var-file: a module call repeated over a root variable, deployed with values
// given on terraform's command line, is expanded for those values (command-line order wins over
// terraform.tfvars), and the result plans clean with the same values.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apply, init, plan, stateList } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { CORPUS_DIR } from '../corpus/cases.js';

describe('inline with --var and --var-file', () => {
  const tmp = makeTemp('unmodule-inline-vars-');
  afterAll(() => removeTemp(tmp));

  it('expands the call for the command-line values and plans clean with them', { timeout: 600_000 }, async () => {
    const dir = join(tmp, 'service');
    // terraform.tfvars there says orders + payments; the command line says otherwise.
    cpSync(join(CORPUS_DIR, 'module-for-each-tfvars', 'input'), dir, { recursive: true });
    writeFileSync(join(tmp, 'prod.tfvars'), 'queues = {\n  audit = { retention = 30 }\n}\n');
    const varArgs = ['-var-file', join(tmp, 'prod.tfvars'), '-var', 'queues={ audit = { retention = 30 }, billing = { retention = 60, dlq = true } }'];
    // The same values for every terraform run of this service, as a user's wrapper would pass them.
    const env = { ...testCliConfig(), TF_CLI_ARGS_plan: quoteAll(varArgs), TF_CLI_ARGS_apply: quoteAll(varArgs) };
    await init({ cwd: dir, env });
    await apply({ cwd: dir, env });
    expect((await stateList({ cwd: dir, env })).sort()).toEqual([
      'module.queue["audit"].terraform_data.queue',
      'module.queue["billing"].terraform_data.dead_letter[0]',
      'module.queue["billing"].terraform_data.queue',
    ]);

    // Without the values the tfvars keys (orders, payments) disagree with the state: refused, naming both.
    const plain = await runCli(['inline', dir, '--module', 'queue'], env);
    expect(plain.exitCode).toBe(1);
    expect(plain.stderr).toMatch(/in state but not produced by the folded configuration: module\.queue\["audit"\]/);
    expect(plain.stderr).toMatch(/var\.queues = .* from terraform\.tfvars:1/);

    // The order matters: a --var-file after the --var wins, as with terraform.
    const reversed = await runCli(['inline', dir, '--module', 'queue', '--var', varArgs[3]!, '--var-file', join(tmp, 'prod.tfvars'), '--inventory', 'none', '--json'], env);
    expect(JSON.parse(reversed.stdout).refactor.moves.map((m: { from: string }) => m.from)).toEqual(['module.queue["audit"].terraform_data.queue', 'module.queue["audit"].terraform_data.dead_letter']);


    const r = await runCli(['inline', dir, '--module', 'queue', '--var-file', join(tmp, 'prod.tfvars'), '--var', varArgs[3]!, '--write', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.refactor.moves.map((m: { from: string }) => m.from)).toEqual([
      'module.queue["audit"].terraform_data.queue',
      'module.queue["audit"].terraform_data.dead_letter',
      'module.queue["billing"].terraform_data.queue',
      'module.queue["billing"].terraform_data.dead_letter',
    ]);
    expect(out.refactor.notes.map((n: { message: string }) => n.message)).toContainEqual(expect.stringMatching(/var\.queues = \{ audit = \{ retention = 30 dlq = false \} billing = .* from -var queues/));
    const written = out.changes.find((c: { path: string }) => c.path === 'queue.tf').after as string;
    expect(written).toContain('retention = var.queues["billing"].retention');
    expect(written).not.toMatch(/retention = (30|60)/);

    const p = await plan({ cwd: dir, env }, { out: join(tmp, 'moves.tfplan') });
    expect(p.exitCode).toBe(2); // moves only; applied next, then nothing is left to do
    await apply({ cwd: dir, env });
    const again = await plan({ cwd: dir, env }, { out: join(tmp, 'again.tfplan') });
    expect(again.exitCode, again.stdout).toBe(0);
    expect((await stateList({ cwd: dir, env })).filter((a) => a.startsWith('module.'))).toEqual([]);
  });
});

function quoteAll(args: string[]): string {
  const pairs: string[] = [];
  for (let i = 0; i < args.length; i += 2) pairs.push(`'${`${args[i]}=${args[i + 1]}`.replace(/'/g, `'\\''`)}'`);
  return pairs.join(' ');
}
