// `unmodule` without a terminal (or with --json) must not prompt: it prints the equivalent
// non-interactive command lines, writes nothing, and exits 1. Help and commands are untouched.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, snapshot } from '../helpers/cli.js';
import { copyFixture, removeTemp } from '../helpers/terraform-env.js';

describe('unmodule with no command and no TTY', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyFixture('service-beta');
  });
  afterAll(() => removeTemp(join(dir, '..')));

  it('prints the inline command line for each call and exits 1, writing nothing', async () => {
    const before = snapshot(dir);
    const r = await runCli([], {}, dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('needs an interactive terminal (stdin or stdout is not a TTY)');
    expect(r.stderr).toContain(`${dir} is not initialised: it has no .terraform directory (terraform init has never run there).`);
    expect(r.stderr).toContain('  terraform init\n  unmodule inline . --module app_config --write');
    expect(r.stderr).toContain('  unmodule inline . --module app_config --write\n  unmodule verify .');
    expect(snapshot(dir)).toEqual(before);
  });

  it('with --json prints one JSON document with the commands and exits 1', async () => {
    const r = await runCli(['--json', '--terraform-bin', 'tofu'], {}, dir);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { name: 'WizardNeedsTerminal', message: expect.stringContaining('--json was given'), location: { dir }, exitCode: 1 },
      // The copy was never initialised: the verify line would stop at "run terraform init".
      commands: ['tofu init', 'unmodule inline . --module app_config --write --terraform-bin tofu', 'unmodule verify . --terraform-bin tofu'],
    });
  });

  it('leaves --help, --version and the commands to oclif', async () => {
    const help = await runCli(['--help'], {}, dir);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/COMMANDS[\s\S]*inline[\s\S]*verify/);
    expect(help.stderr).toBe('');
    expect((await runCli(['--version'], {}, dir)).stdout).toMatch(/^unmodule\/\d/);
    const inv = await runCli(['inventory', '--help'], {}, dir);
    expect(inv.exitCode).toBe(0);
    expect(inv.stderr).toBe('');
  });
});
