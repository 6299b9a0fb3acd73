// The wizard for real: the built CLI (`node bin/run.js`, no arguments) in a tmux pseudo-terminal
// on an applied copy of service-beta, answered with keystrokes. Ctrl-C and "no" leave every byte
// as it was; going through to the end writes the refactor and terraform's plan judges it zero-change.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apply, init, stateList } from '../../src/terraform/index.js';
import { snapshot } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { requireTmux, TmuxSession } from '../wizard/tmux.js';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'run.js');

describe('unmodule (the wizard) in a real terminal on service-beta', () => {
  let dir: string;
  let session: TmuxSession | undefined;
  const env = testCliConfig();

  beforeAll(async () => {
    requireTmux();
    dir = copyFixture('service-beta');
    await init({ cwd: dir, env });
    await apply({ cwd: dir, env });
  });
  afterEach(() => session?.kill());
  afterAll(() => removeTemp(join(dir, '..')));

  const start = () => {
    session = TmuxSession.start({ cwd: dir, env, argv: [process.execPath, BIN] });
    return session;
  };

  // Enter at each question up to (not including) the confirm.
  async function answerUpToConfirm(s: TmuxSession): Promise<void> {
    for (const q of [/\? Service directory/, /\? Which module call/, /\? New name for terraform_data\.this/, /\? New name for terraform_data\.checksum/, /\? How should Terraform learn/]) {
      await s.waitFor(q);
      s.send('Enter');
    }
    await s.waitFor(/\? Write 3 file change\(s\) in \.\? \(y\/N\)/);
  }

  it('Ctrl-C at a question leaves every file byte-identical (exit 130)', async () => {
    const before = snapshot(dir);
    const s = start();
    await s.waitFor(/\? Service directory/);
    s.send('Enter');
    await s.waitFor(/\? Which module call/);
    s.send('Enter');
    await s.waitFor(/\? New name for terraform_data\.this/);
    s.send('C-c');
    const screen = await s.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Aborted: nothing was written.');
    expect(screen).toContain('[exit 130]');
    expect(snapshot(dir)).toEqual(before);
  });

  it('"no" at the confirm step leaves every file byte-identical and prints the command line', async () => {
    const before = snapshot(dir);
    const s = start();
    await answerUpToConfirm(s);
    s.send('n', true);
    s.send('Enter');
    const screen = await s.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Nothing was written.');
    expect(screen).toContain('  unmodule inline . --module app_config --write');
    expect(screen).toContain('[exit 0]');
    expect(snapshot(dir)).toEqual(before);
  });

  it('the whole flow, with one renamed resource, ends in a zero-change verdict from the real plan', async () => {
    const s = start();
    await s.waitFor(/\? Service directory/);
    s.send('Enter');
    await s.waitFor(/\? Which module call/);
    expect(s.screen()).toContain('app_config  ./modules/config-record  [local path]  2 instances');
    s.send('Enter');
    await s.waitFor(/\? New name for terraform_data\.this/);
    s.send('consumer', true);
    s.send('Enter');
    await s.waitFor(/terraform_data\.consumer is already used by the root/);
    for (let i = 0; i < 'consumer'.length; i++) s.send('BSpace');
    s.send('beta_record', true);
    s.send('Enter');
    await s.waitFor(/\? New name for terraform_data\.checksum/);
    s.send('Enter');
    await s.waitFor(/\? How should Terraform learn/);
    expect(s.screen()).toContain('terraform state mv (a script and a moves file');
    s.send('Enter');
    await s.waitFor(/\? Write 3 file change\(s\) in \.\? \(y\/N\)/);
    s.send('y', true);
    s.send('Enter');
    const screen = await s.waitFor(/\[exit \d+\]/);

    expect(screen).toContain('Wrote main.tf, app_config.tf, moved.tf.');
    expect(screen).toContain('Zero change: 3 resources unchanged, 2 moves (all expected).');
    expect(screen).toContain('  unmodule inline . --module app_config --rename terraform_data.this=beta_record --write');
    expect(screen).toContain('[exit 0]');
    expect(readFileSync(join(dir, 'app_config.tf'), 'utf8')).toContain('resource "terraform_data" "beta_record" {');
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).not.toContain('module "app_config"');

    // And terraform agrees: applying records the moves under the new names.
    await apply({ cwd: dir, env });
    expect((await stateList({ cwd: dir, env })).sort()).toEqual(['terraform_data.app_config_checksum', 'terraform_data.beta_record', 'terraform_data.consumer']);
  });
});
